package wasm.runtime;

/**
 * An export of a {@link WasmModule}: its name and type.
 *
 * @param name the export name, unique in its module
 * @param type what is exported, with its type
 */
public record ExportType(String name, ExternType type) {
}
