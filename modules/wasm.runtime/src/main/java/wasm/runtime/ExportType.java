package wasm.runtime;

/** An export of a {@link WasmModule}: its name and type. */
public record ExportType(String name, ExternType type) {
}
