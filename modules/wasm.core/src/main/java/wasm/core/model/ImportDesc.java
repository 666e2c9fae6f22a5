package wasm.core.model;

/** What an import expects to receive. */
public sealed interface ImportDesc {
    ExternKind kind();

    /** A function import of the signature {@code types[typeIndex]}. */
    record Func(int typeIndex) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }

    record Table(TableType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.TABLE;
        }
    }

    record Memory(MemoryType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.MEMORY;
        }
    }

    record Global(GlobalType type) implements ImportDesc {
        public ExternKind kind() {
            return ExternKind.GLOBAL;
        }
    }
}
