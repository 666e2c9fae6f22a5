package wasm.runtime;

/** An import of a {@link WasmModule}: where it comes from and what it must be. */
public record ImportType(String module, String name, ExternType type) {
}
