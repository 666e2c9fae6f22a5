package wasmoon.cli;

import java.util.Arrays;

import wasm.core.WasmException;
import wasm.runtime.CodeCacheException;
import wasm.runtime.PrecompiledModule;

/** A {@code .cwasm} given on the command line: recognised by its header, refused with a clear message. */
final class PrecompiledFile {
    private static final byte[] MAGIC = {'W', 'A', 'S', 'M', 'O', 'O', 'N', 0};

    private PrecompiledFile() {
    }

    static boolean looksLikeOne(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    static PrecompiledModule read(String file, byte[] bytes) {
        try {
            return PrecompiledModule.deserialize(bytes);
        } catch (CodeCacheException e) {
            throw new CommandFailure(file + ": precompiled module refused: " + e.getMessage()
                    + " (compile it again with 'wasmoon compile')", e);
        } catch (WasmException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }
}
