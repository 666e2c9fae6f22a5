package wasm.core.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import wasm.core.model.Module;
import wasm.core.text.internal.Lexer;
import wasm.core.text.internal.TextModuleParser;
import wasm.core.text.internal.Token;

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
     * @param source the module's text
     * @return the module, not yet validated
     * @throws wasm.core.MalformedModuleException with the spec's wording followed by {@code " at LINE:COL"}
     * @throws wasm.core.UnsupportedFeatureException for a construct of a {@link wasm.core.Feature} wasmoon
     *         lacks (threads, exceptions, function references, GC, custom page sizes)
     */
    public static Module parseModule(String source) {
        return TextModuleParser.parse(source);
    }

    /**
     * The module names of the imports a module text declares ({@code (import "m" ...)},
     * inline or as a field), read from its tokens alone: this works for a module that
     * needs an unsupported feature too, whose imports the parser never reaches.
     *
     * @param source the module's text
     * @return the names, sorted, without duplicates
     * @throws wasm.core.MalformedModuleException when the text does not even tokenize
     */
    public static Set<String> importedModuleNames(String source) {
        List<Token> tokens = Lexer.tokenize(source);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).kind() == Token.Kind.LPAREN && tokens.get(i + 1).isKeyword("import")
                    && tokens.get(i + 2).kind() == Token.Kind.STRING) {
                names.add(new String(tokens.get(i + 2).bytes(), StandardCharsets.UTF_8));
            }
        }
        return names;
    }
}
