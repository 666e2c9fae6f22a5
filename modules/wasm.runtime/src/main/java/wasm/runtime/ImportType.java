package wasm.runtime;

/**
 * An import of a {@link WasmModule}: where it comes from and what it must be.
 *
 * @param module the import's module name
 * @param name the import's field name
 * @param type what the import must be: its kind and the type it is checked against at instantiation
 */
public record ImportType(String module, String name, ExternType type) {
}
