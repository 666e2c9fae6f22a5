package wasm.core.model;

/**
 * One import: {@code (import "module" "name" desc)}.
 *
 * @param module the module name
 * @param name the field name
 * @param desc what is imported, with its type
 */
public record Import(String module, String name, ImportDesc desc) {
}
