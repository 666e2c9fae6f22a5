package wasm.core;

/**
 * What wasmoon implements but its JIT does not compile yet: functions that need a gap
 * run in the interpreter (the default JIT mode counts them in the coverage as
 * interpreted), and under {@code --jit=strict} their module is refused with the gap
 * named, which the spec runner reports as a skip for that gap. The JIT tier's
 * counterpart of {@link Feature}.
 *
 * <p>This list only shrinks: when the backend compiles a gap, its constant is deleted,
 * and the compiler points at every place that refused it (SIMD went when issue 12's
 * native vector backend landed, tail calls when return_call became an IR terminator, memory64
 * and multi-memory when the backend learned 64-bit addresses and a base/length pair per
 * memory). It is empty today: the JIT compiles everything the interpreter runs. A feature the
 * interpreter gains before the JIT does comes here with its label.
 */
public enum JitGap {
    ;

    private final String label;
    private final String reason;

    JitGap(String label, String reason) {
        this.label = label;
        this.reason = reason;
    }

    /**
     * Why a function needing this gap is not compiled: the fallback reason the coverage records.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * The stable name used in reports and expectation files, e.g. {@code memory64}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The gap with this label, or null.
     *
     * @param label a label, as {@link #label()} gives it
     * @return the gap, or null
     */
    public static JitGap ofLabel(String label) {
        for (JitGap g : values()) {
            if (g.label.equals(label)) {
                return g;
            }
        }
        return null;
    }
}
