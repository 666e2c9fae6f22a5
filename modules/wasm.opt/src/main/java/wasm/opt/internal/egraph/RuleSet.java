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
 * threads. Rule names are unique; each rule has an index for hit counts. For the
 * e-graph, the rules of an opcode are also kept by which of the root's first two
 * operands they need to be constants, each with its {@link RuleFilter}.
 */
public final class RuleSet {
    private final List<Rule> all;
    private final Candidates[][] candidates;
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
        candidates = new Candidates[lists.size()][RuleFilter.CONST_MASKS];
        for (int o = 0; o < lists.size(); o++) {
            for (int mask = 0; mask < RuleFilter.CONST_MASKS; mask++) {
                List<Rule> rs = new ArrayList<>();
                List<RuleFilter> fs = new ArrayList<>();
                for (Rule r : lists.get(o)) {
                    RuleFilter filter = new RuleFilter(r);
                    if ((filter.constMask() & ~mask) == 0) {
                        rs.add(r);
                        fs.add(filter);
                    }
                }
                candidates[o][mask] = new Candidates(rs.toArray(Rule[]::new), fs.toArray(RuleFilter[]::new));
            }
        }
    }

    /**
     * The rules that may match a node of one opcode whose first two operands hold constants as
     * given by a mask ({@link RuleFilter#constMask}), in declaration order, each with its filter.
     */
    record Candidates(Rule[] rules, RuleFilter[] filters) {
    }

    public List<Rule> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /**
     * The rules rooted at {@code op} that do not need a constant where a node has none: bit
     * {@code k} of {@code constOperands} is set when operand {@code k} (of the first two) holds one.
     */
    Candidates candidates(IrOpcode op, int constOperands) {
        return candidates[op.ordinal()][constOperands];
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
