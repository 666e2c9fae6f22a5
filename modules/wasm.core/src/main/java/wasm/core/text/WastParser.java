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
     * Parses a whole script. Modules in it are kept as source ({@link ModuleSource}), parsed only
     * when a runner runs their command.
     *
     * @param source the script's text
     * @param fileName recorded in the result for reports
     * @return the script
     * @throws wasm.core.MalformedModuleException when the script itself is not well formed
     */
    public static WastScript parse(String source, String fileName) {
        return ScriptParser.parse(source, fileName);
    }
}
