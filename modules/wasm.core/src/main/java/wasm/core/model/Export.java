package wasm.core.model;

/**
 * One export: a name bound to the entity {@code index} of {@code kind}'s index space.
 *
 * @param name the export name, unique in the module
 * @param kind what is exported
 * @param index the index in that kind's index space (imports first)
 */
public record Export(String name, ExternKind kind, int index) {
}
