package wasm.backend.code;

import java.util.Objects;

/**
 * What a {@link Relocation} points at: something whose address is only known
 * when code is loaded into memory.
 */
public sealed interface RelocationTarget {

    /** A compiled WebAssembly function, by its index in the module's function space. */
    record Function(int index) implements RelocationTarget {
        public Function {
            if (index < 0) {
                throw new IllegalArgumentException("negative function index " + index);
            }
        }

        @Override
        public String toString() {
            return "func[" + index + "]";
        }
    }

    /** A named entity: a trampoline, a runtime helper, a host function or a libc symbol. */
    record Symbol(String name) implements RelocationTarget {
        public Symbol {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static RelocationTarget function(int index) {
        return new Function(index);
    }

    static RelocationTarget symbol(String name) {
        return new Symbol(name);
    }
}
