package wasm.opt.internal.egraph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wasm.ir.IrOpcode;

/**
 * The rules of the e-graph, indexed by the opcode of their left side's root, in
 * declaration order (rule files first to last). Immutable and shared between
 * threads. Rule names are unique; each rule has an index for hit counts. Each
 * rule comes with its {@link RuleFilter}, at the same position.
 */
public final class RuleSet {
    private final List<Rule> all;
    private final Rule[][] byOpcode;
    private final RuleFilter[][] filtersByOpcode;
    private final Map<Rule, Integer> index = new IdentityHashMap<>();

    public RuleSet(List<Rule> rules) {
        this.all = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        List<List<Rule>> lists = new ArrayList<>();
        for (int o = 0; o < IrOpcode.values().length; o++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            Rule r = all.get(i);
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two rules named " + r.name());
            }
            index.put(r, i);
            lists.get(r.lhs().op().ordinal()).add(r);
        }
        byOpcode = new Rule[lists.size()][];
        filtersByOpcode = new RuleFilter[lists.size()][];
        for (int o = 0; o < lists.size(); o++) {
            byOpcode[o] = lists.get(o).toArray(Rule[]::new);
            filtersByOpcode[o] = lists.get(o).stream().map(RuleFilter::new).toArray(RuleFilter[]::new);
        }
    }

    public List<Rule> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /** The rules whose left side is rooted at {@code op}. */
    Rule[] forOpcode(IrOpcode op) {
        return byOpcode[op.ordinal()];
    }

    /** The filters of {@link #forOpcode}'s rules, position for position. */
    RuleFilter[] filtersForOpcode(IrOpcode op) {
        return filtersByOpcode[op.ordinal()];
    }

    /** The position of {@code r} in {@link #all()}. */
    public int indexOf(Rule r) {
        Integer i = index.get(r);
        if (i == null) {
            throw new IllegalArgumentException("not in this rule set: " + r.name());
        }
        return i;
    }

    /** The same rules without {@code r} (tests take a rule out to see what depends on it). */
    public RuleSet without(Rule r) {
        List<Rule> rest = new ArrayList<>(all);
        rest.remove(r);
        return new RuleSet(rest);
    }

    /** The same rules plus {@code r} at the end (tests plant a rule). */
    public RuleSet with(Rule r) {
        List<Rule> more = new ArrayList<>(all);
        more.add(r);
        return new RuleSet(more);
    }
}
