package wasm.core.model;

/** The four kinds of importable and exportable entities. */
public enum ExternKind {
    FUNC(0, "func"), TABLE(1, "table"), MEMORY(2, "memory"), GLOBAL(3, "global");

    private final int code;
    private final String text;

    ExternKind(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
