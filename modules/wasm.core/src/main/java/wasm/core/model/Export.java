package wasm.core.model;

/** One export: a name bound to the entity {@code index} of {@code kind}'s index space. */
public record Export(String name, ExternKind kind, int index) {
}
