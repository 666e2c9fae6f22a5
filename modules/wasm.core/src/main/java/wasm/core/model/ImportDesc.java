package wasm.core.model;

/** What an import expects to receive. */
public sealed interface ImportDesc {
    /**
     * What kind of entity is imported.
     *
     * @return the kind
     */
    ExternKind kind();

    /**
     * A function import of the signature {@code types[typeIndex]}.
     *
     * @param typeIndex an index into the module's types
     */
    record Func(int typeIndex) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }

    /**
     * A table import.
     *
     * @param type the type the imported table must match
     */
    record Table(TableType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.TABLE;
        }
    }

    /**
     * A memory import.
     *
     * @param type the type the imported memory must match
     */
    record Memory(MemoryType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.MEMORY;
        }
    }

    /**
     * A global import.
     *
     * @param type the type the imported global must match
     */
    record Global(GlobalType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.GLOBAL;
        }
    }
}
