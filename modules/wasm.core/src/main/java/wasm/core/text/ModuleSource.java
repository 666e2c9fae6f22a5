package wasm.core.text;

import java.util.Arrays;

/**
 * How a script gives a module. Text modules are kept as source and parsed when
 * the command runs, because assert_malformed and assert_invalid expect the parse
 * or validation itself to fail at that point.
 */
public sealed interface ModuleSource {
    /**
     * {@code (module $id? ...)} in text form: {@code source} is the whole s-expression.
     *
     * @param source the s-expression, from {@code (module} to its closing parenthesis
     */
    record Text(String source) implements ModuleSource {
    }

    /**
     * {@code (module $id? binary "...")}: the concatenated bytes.
     *
     * @param bytes the module binary
     */
    record Binary(byte[] bytes) implements ModuleSource {
        /**
         * Copies the bytes.
         *
         * @throws NullPointerException when {@code bytes} is null
         */
        public Binary {
            bytes = bytes.clone();
        }

        /**
         * The module binary.
         *
         * @return a copy of the bytes
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }

    /**
     * {@code (module $id? quote "...")}: the concatenated strings, which form the
     * module's fields; parse {@code "(module " + text + ")"}. The strings are bytes: a
     * byte that is not part of well-formed UTF-8 is kept as an unpaired surrogate
     * (U+DC80 plus its low 7 bits), which the text parser reports as "malformed UTF-8
     * encoding".
     *
     * @param text the module's fields as text
     */
    record Quote(String text) implements ModuleSource {
    }
}
