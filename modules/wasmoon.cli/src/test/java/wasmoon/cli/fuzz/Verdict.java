package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What comparing one module's observations says: the engines agree, the comparison is
 * inconclusive (an engine ran out of stack, where engines may legally differ; the lines
 * before that point are still compared), or they disagree.
 */
sealed interface Verdict {
    /** The calls compared. */
    int calls();

    record Agree(int calls, boolean truncated) implements Verdict {
    }

    /**
     * A disagreement: {@code config} differs from {@code reference} ("node" or "interp") at
     * observation line {@code index}; {@code signature} names the kind of difference without
     * values, so a reducer can keep "the same bug" while the module shrinks.
     */
    record Mismatch(int calls, String config, String reference, int index, String expected, String actual,
                    String signature) implements Verdict {
        String describe() {
            return config + " differs from " + reference + " at observation " + index + ": expected `" + expected
                    + "`, got `" + actual + "`";
        }
    }

    /**
     * Compares wasmoon's configurations with node and with each other. Across engines the
     * {@code detail} lines (what V8 cannot show) are left out; between wasmoon's own
     * configurations they count. Everything after the first stack exhaustion on any side
     * is left out.
     */
    static Verdict compare(List<String> node, Map<EngineConfig, List<String>> ours) {
        return compare(node, "node", ours);
    }

    /**
     * Compares wasmoon's configurations with each other only, for a module that uses a feature
     * node 20 cannot run (wide memories): the interpreter is the reference, and {@code ours}
     * must have it.
     */
    static Verdict compareTiers(Map<EngineConfig, List<String>> ours) {
        List<String> interp = ours.get(EngineConfig.INTERP);
        if (interp == null) {
            throw new IllegalArgumentException("a tiers-only comparison needs the interp configuration");
        }
        return compare(withoutDetails(interp), "interp", ours);
    }

    private static Verdict compare(List<String> nodeLines, String referenceName, Map<EngineConfig, List<String>> ours) {
        int cut = Integer.MAX_VALUE;
        cut = Math.min(cut, exhaustion(nodeLines));
        for (List<String> lines : ours.values()) {
            cut = Math.min(cut, exhaustion(withoutDetails(lines)));
        }
        boolean truncated = cut != Integer.MAX_VALUE;
        List<String> reference = head(nodeLines, cut);
        int calls = (int) reference.stream().filter(l -> l.startsWith("call ")).count();
        for (Map.Entry<EngineConfig, List<String>> e : ours.entrySet()) {
            List<String> actual = head(withoutDetails(e.getValue()), cut);
            Mismatch m = firstDifference(calls, e.getKey().label(), referenceName, reference, actual);
            if (m != null) {
                return m;
            }
        }
        List<String> interp = ours.get(EngineConfig.INTERP);
        if (interp != null && !truncated) {
            for (Map.Entry<EngineConfig, List<String>> e : ours.entrySet()) {
                Mismatch m = firstDifference(calls, e.getKey().label(), "interp", interp, e.getValue());
                if (m != null) {
                    return m;
                }
            }
        }
        return new Agree(calls, truncated);
    }

    private static Mismatch firstDifference(int calls, String config, String referenceName, List<String> expected,
                                            List<String> actual) {
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String x = i < expected.size() ? expected.get(i) : "<no more output>";
            String y = i < actual.size() ? actual.get(i) : "<no more output>";
            if (!x.equals(y)) {
                return new Mismatch(calls, config, referenceName, i, x, y,
                        config + ": " + shape(x) + " -> " + shape(y));
            }
        }
        return null;
    }

    /** A line without its values: "call ok", "call trap memory-oob", "memory", "log f32", ... */
    static String shape(String line) {
        String[] f = line.split(" ");
        return switch (f[0]) {
            case "call" -> f.length > 2 ? "call " + f[2] + (f[2].equals("trap") && f.length > 3 ? " " + f[3] : "") : line;
            case "inst" -> line;
            case "log" -> f.length > 1 ? "log " + f[1] : line;
            case "memory", "global", "detail" -> f[0];
            case String s when s.startsWith("memory") -> f[0];
            default -> line;
        };
    }

    private static int exhaustion(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" exhausted")) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static List<String> withoutDetails(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            if (!l.startsWith("detail ")) {
                out.add(l);
            }
        }
        return out;
    }

    private static List<String> head(List<String> lines, int n) {
        return n >= lines.size() ? lines : lines.subList(0, n);
    }
}
