package wasm.core.model;

/** One import: {@code (import "module" "name" desc)}. */
public record Import(String module, String name, ImportDesc desc) {
}
