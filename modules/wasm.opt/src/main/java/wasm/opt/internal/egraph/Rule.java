package wasm.opt.internal.egraph;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rewrite: whenever a pure e-node matches {@code lhs} and {@code guard} accepts the
 * bindings, {@code rhs} is built and joins the node's e-class (or replaces it, when
 * {@code subsume}: the right side is always at least as good, e.g. a constant).
 *
 * @param name  unique, shown in statistics and test failures
 * @param topic the rule file that declares it
 */
public record Rule(String name, String topic, Expr.Op lhs, Predicate<Match> guard, Expr rhs, boolean subsume) {
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(rhs, "rhs");
    }

    @Override
    public String toString() {
        return topic + "/" + name + ": " + lhs + " => " + rhs + (subsume ? " (subsume)" : "");
    }
}
