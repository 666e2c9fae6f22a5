package wasm.core;

/**
 * The WebAssembly features beyond 2.0 that wasmoon does not implement yet. Every
 * {@link UnsupportedFeatureException} names one, and the spec runner skips exactly the
 * commands that need one, counting them under its {@link #label()} (the official-suite
 * expectation files record these counts per file).
 *
 * <p>This list only shrinks: implementing a feature deletes its constant, and the compiler
 * then points at every place that refused it (parser, decoder, validator, script parser).
 */
public enum Feature {
    /** Custom page sizes ({@code (pagesize N)}). */
    CUSTOM_PAGE_SIZES("custom-page-sizes"),
    /** Shared memories and atomic instructions. */
    THREADS("threads"),
    /** Tags, try_table, throw, the legacy try/catch/delegate, exnref. */
    EXCEPTIONS("exceptions"),
    /** Typed function references: (ref $t), call_ref, br_on_null, table initializers. */
    FUNCTION_REFERENCES("function-references"),
    /** Garbage collection: struct, array, i31, rec groups, subtyping, casts. */
    GC("gc");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    /**
     * The stable name used in reports and expectation files, e.g. {@code threads}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The feature with this label, or null.
     *
     * @param label a label, as {@link #label()} gives it
     * @return the feature, or null
     */
    public static Feature ofLabel(String label) {
        for (Feature f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }
}
