package wasm.runtime;

/** Supplies the external value for each import of a module being instantiated. */
@FunctionalInterface
public interface ImportResolver {
    /** Resolves nothing: every import is unknown. */
    ImportResolver NONE = (module, name) -> null;

    /** The value bound to {@code module}.{@code name}, or null when there is none ("unknown import"). */
    Extern resolve(String module, String name);
}
