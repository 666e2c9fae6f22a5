package wasm.opt.internal.egraph.rules;

import java.util.ArrayList;
import java.util.List;
import wasm.opt.internal.egraph.Rule;
import wasm.opt.internal.egraph.RuleSet;

/** The e-graph's rule files, in the order their rules are tried. */
public final class Rules {
    private Rules() {
    }

    /**
     * Every rule: constant folding first (it subsumes), then identities, strength reduction,
     * extensions, addresses, lane gathers.
     */
    public static final RuleSet DEFAULT = new RuleSet(all());

    private static List<Rule> all() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(ConstantFoldRules.rules());
        rules.addAll(AlgebraicRules.rules());
        rules.addAll(StrengthReductionRules.rules());
        rules.addAll(ExtensionCompareRules.rules());
        rules.addAll(AddressRules.rules());
        rules.addAll(LaneGatherRules.rules());
        return rules;
    }
}
