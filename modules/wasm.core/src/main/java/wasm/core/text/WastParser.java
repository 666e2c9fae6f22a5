package wasm.core.text;

import wasm.core.text.internal.ScriptParser;

/**
 * Reads .wast scripts (the official spec test format). Text modules are kept as
 * their exact source; commands needing features outside WebAssembly 2.0 (SIMD
 * values, module definitions/instances, exceptions, threads, ...) become
 * {@link WastCommand.Unsupported} rather than failing the script.
 */
public final class WastParser {
    private WastParser() {
    }

    /**
     * Parses a whole script.
     *
     * @param fileName recorded in the result for reports
     * @throws wasm.core.MalformedModuleException when the script itself is not well formed
     */
    public static WastScript parse(String source, String fileName) {
        return ScriptParser.parse(source, fileName);
    }
}
