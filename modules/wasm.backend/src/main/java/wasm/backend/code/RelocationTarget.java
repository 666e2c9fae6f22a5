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

        // equals and hashCode written out: a record's generated ones bootstrap an invokedynamic
        // call site on first use (milliseconds each, and these are map keys of every code load)

        @Override
        public boolean equals(Object o) {
            return o instanceof Function f && f.index == index;
        }

        @Override
        public int hashCode() {
            return index;
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

        // equals and hashCode written out, as Function's

        @Override
        public boolean equals(Object o) {
            return o instanceof Symbol s && s.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
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
