package wasm.runtime;

/** Supplies the external value for each import of a module being instantiated. */
@FunctionalInterface
public interface ImportResolver {
    /** Resolves nothing: every import is unknown. */
    ImportResolver NONE = (module, name) -> null;

    /**
     * The value bound to {@code module}.{@code name}, or null when there is none ("unknown import").
     *
     * @param module the import's module name
     * @param name the import's field name
     * @return an extern of the instantiating store, or null
     */
    Extern resolve(String module, String name);
}
