package wasm.core.model;

/** The four kinds of importable and exportable entities. */
public enum ExternKind {
    /** A function. */
    FUNC(0, "func"),
    /** A table. */
    TABLE(1, "table"),
    /** A linear memory. */
    MEMORY(2, "memory"),
    /** A global. */
    GLOBAL(3, "global");

    private final int code;
    private final String text;

    ExternKind(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * The kind's byte in the binary format (import and export descriptors).
     *
     * @return 0 to 3
     */
    public int code() {
        return code;
    }

    /**
     * The kind's keyword in the text format.
     *
     * @return {@code func}, {@code table}, {@code memory} or {@code global}
     */
    public String text() {
        return text;
    }
}
