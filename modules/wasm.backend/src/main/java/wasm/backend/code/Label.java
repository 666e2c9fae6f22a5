package wasm.backend.code;

/**
 * A position in the code of one {@link CodeBuffer}, possibly not known yet.
 *
 * <p>A label is created by {@link CodeBuffer#newLabel()}, may be referenced by
 * any number of jumps before or after it is bound, and is bound exactly once by
 * {@link CodeBuffer#bind(Label)}. It belongs to the buffer that created it:
 * using it with another buffer is an error, caught at the use.
 */
public final class Label {
    private final CodeBuffer owner;
    private final int generation;
    private final int id;

    Label(CodeBuffer owner, int generation, int id) {
        this.owner = owner;
        this.generation = generation;
        this.id = id;
    }

    int generation() {
        return generation;
    }

    /** The dense number of this label within its buffer (L0, L1, ...). */
    public int id() {
        return id;
    }

    CodeBuffer owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "L" + id;
    }
}
