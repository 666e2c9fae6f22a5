package wasm.core.text;

import wasm.core.model.Module;
import wasm.core.text.internal.TextModuleParser;

/**
 * Reads the WebAssembly text format (2.0, without SIMD) into the module model.
 *
 * <p>The result equals what {@code wasm.core.binary.ModuleDecoder} gives for the
 * binary wat2wasm makes of the same text: implicit types are appended after the
 * explicit ones in text order, a type use with no parameters and at most one
 * result becomes the short block type, empty {@code else} branches are dropped,
 * the data count is present exactly when code uses memory.init or data.drop,
 * and the name section is left empty (identifiers are not recorded), so text and
 * binary forms of one module compare equal.
 */
public final class WatParser {
    private WatParser() {
    }

    /**
     * Parses {@code (module $id? field*)} or a bare sequence of fields.
     *
     * @throws wasm.core.MalformedModuleException with the spec's wording followed by {@code " at LINE:COL"}
     * @throws wasm.core.UnsupportedFeatureException for SIMD, GC, exceptions, threads, memory64, ...
     */
    public static Module parseModule(String source) {
        return TextModuleParser.parse(source);
    }
}
