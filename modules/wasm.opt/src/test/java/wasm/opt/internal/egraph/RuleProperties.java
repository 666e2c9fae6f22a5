package wasm.opt.internal.egraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.opt.internal.egraph.RuleDsl.X;
import static wasm.opt.internal.egraph.RuleDsl.Y;
import static wasm.opt.internal.egraph.RuleDsl.isub;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import wasm.ir.IrOpcode;
import wasm.ir.Type;
import wasm.opt.internal.egraph.RuleDsl.Topic;
import wasm.opt.internal.egraph.rules.Rules;

/**
 * Every rewrite rule of the e-graph agrees with the IR interpreter
 * ({@link RuleChecker}): on random instances of its left side, applied alone,
 * the function computes the same value (or the same trap) on random inputs. And
 * the check has teeth: every rule fires on some instance, and a planted wrong
 * rule is caught.
 */
class RuleProperties {
    private static final int INPUTS = 40;

    @Provide
    Arbitrary<Rule> rules() {
        return Arbitraries.of(Rules.DEFAULT.all());
    }

    @Property(tries = 4000)
    void everyRuleAgreesWithTheInterpreter(@ForAll("rules") Rule rule, @ForAll long seed) {
        RuleChecker.Outcome o = RuleChecker.check(rule, seed, INPUTS);
        o.counterexample().ifPresent(c -> {
            throw new AssertionError(c);
        });
        Statistics.label("fired").collect(o.fired() ? "fired" : "guard or shape did not hold");
    }

    /** Each rule fires on at least one of 300 random instances of its left side. */
    @Example
    void everyRuleFires() {
        List<String> silent = new ArrayList<>();
        for (Rule rule : Rules.DEFAULT.all()) {
            boolean fired = false;
            for (long seed = 0; seed < 300 && !fired; seed++) {
                RuleChecker.Outcome o = RuleChecker.check(rule, seed * 7919 + rule.name().hashCode(), INPUTS);
                o.counterexample().ifPresent(c -> {
                    throw new AssertionError(c);
                });
                fired = o.fired();
            }
            if (!fired) {
                silent.add(rule.topic() + "/" + rule.name());
            }
        }
        assertEquals(List.of(), silent, "rules that never fired on their own left side");
    }

    /** The check catches a wrong rule: {@code x - y -> y - x}. */
    @Example
    void aPlantedWrongRuleIsCaught() {
        Topic t = new Topic("planted");
        t.rule("isub-swapped", isub(X, Y), isub(Y, X));
        Rule wrong = t.rules().getFirst();
        boolean caught = false;
        for (long seed = 0; seed < 50 && !caught; seed++) {
            caught = RuleChecker.check(wrong, seed, INPUTS).counterexample().isPresent();
        }
        assertTrue(caught, "the planted rule x - y -> y - x went unnoticed");
    }

    /**
     * And on vectors: the gather of i16x8 lanes 4..7 of {@code x} (zero-extended) rewritten to
     * the widening of lanes 0..3, the other half, is caught, and so is the signed conversion of
     * i32x4 lanes put where the unsigned one was gathered.
     */
    @Example
    void plantedWrongLaneGathersAreCaught() {
        Rule high = rule("lanes", "gather-i16x8_u@4");
        Rule unsigned = rule("lanes", "convert_u-i32x4@0-f32x4");
        List<Rule> wrong = List.of(
                new Rule("wrong-half", "planted", high.lhs(), high.guard(),
                        RuleDsl.op(IrOpcode.VUWIDEN_LOW, Type.I32X4, X), true),
                new Rule("wrong-signedness", "planted", unsigned.lhs(), unsigned.guard(),
                        RuleDsl.op(IrOpcode.VFCVT_FROM_SINT, Type.F32X4, X), true));
        for (Rule r : wrong) {
            boolean caught = false;
            for (long seed = 0; seed < 50 && !caught; seed++) {
                caught = RuleChecker.check(r, seed, INPUTS).counterexample().isPresent();
            }
            assertTrue(caught, "the planted rule " + r + " went unnoticed");
        }
    }

    private static Rule rule(String topic, String name) {
        return Rules.DEFAULT.all().stream().filter(r -> r.topic().equals(topic) && r.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no rule " + topic + "/" + name));
    }
}
