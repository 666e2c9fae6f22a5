package wasm.core.text.internal;

import java.util.List;
import java.util.Set;
import wasm.core.Feature;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;
import wasm.core.model.Opcode;
import wasm.core.text.internal.Token.Kind;

/**
 * A position in a token list with the spec's error wording: a token in the wrong
 * place is an "unexpected token" when it is a word the format knows, and an
 * "unknown operator" when it is not (as the reference interpreter reports it).
 */
public class TokenCursor {
    /** Non-instruction keywords of the text and script formats. */
    private static final Set<String> KNOWN_WORDS = Set.of(
            "module", "type", "func", "param", "result", "local", "import", "export", "table", "memory",
            "global", "elem", "data", "start", "offset", "item", "declare", "mut", "then", "else", "end",
            "funcref", "externref", "i32", "i64", "f32", "f64", "v128", "extern", "binary", "quote",
            "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion",
            "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable",
            "nan:canonical", "nan:arithmetic", "inf", "nan", "either", "ref.extern", "ref.host",
            "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2");

    /** An instruction-name prefix of a proposal outside 2.0 and the feature it belongs to. */
    private record LaterInstruction(String prefix, Feature feature) {
    }

    /** Instruction-name prefixes of proposals outside 2.0; the first match decides (br_on_cast before br_on_). */
    private static final List<LaterInstruction> LATER_INSTRUCTIONS = List.of(
            new LaterInstruction("struct.", Feature.GC), new LaterInstruction("array.", Feature.GC),
            new LaterInstruction("i31.", Feature.GC), new LaterInstruction("ref.i31", Feature.GC),
            new LaterInstruction("ref.test", Feature.GC), new LaterInstruction("ref.cast", Feature.GC),
            new LaterInstruction("ref.eq", Feature.GC), new LaterInstruction("br_on_cast", Feature.GC),
            new LaterInstruction("any.convert", Feature.GC), new LaterInstruction("extern.convert", Feature.GC),
            new LaterInstruction("ref.as_non_null", Feature.FUNCTION_REFERENCES),
            new LaterInstruction("br_on_", Feature.FUNCTION_REFERENCES),
            new LaterInstruction("call_ref", Feature.FUNCTION_REFERENCES),
            new LaterInstruction("return_call_ref", Feature.FUNCTION_REFERENCES),
            new LaterInstruction("try", Feature.EXCEPTIONS), new LaterInstruction("catch", Feature.EXCEPTIONS),
            new LaterInstruction("throw", Feature.EXCEPTIONS), new LaterInstruction("rethrow", Feature.EXCEPTIONS),
            new LaterInstruction("delegate", Feature.EXCEPTIONS), new LaterInstruction("tag", Feature.EXCEPTIONS),
            new LaterInstruction("memory.atomic", Feature.THREADS), new LaterInstruction("atomic.fence", Feature.THREADS),
            new LaterInstruction("i32.atomic", Feature.THREADS), new LaterInstruction("i64.atomic", Feature.THREADS));

    protected final List<Token> tokens;
    protected int pos;

    public TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    public Token peek() {
        return tokens.get(pos);
    }

    public Token peek(int ahead) {
        int i = Math.min(pos + ahead, tokens.size() - 1);
        return tokens.get(i);
    }

    public Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    public int position() {
        return pos;
    }

    public void reset(int p) {
        pos = p;
    }

    public static MalformedModuleException error(Token t, String msg) {
        return new MalformedModuleException(msg + " at " + t.position());
    }

    public static UnsupportedFeatureException unsupported(Token t, Feature feature, String what) {
        return new UnsupportedFeatureException(feature, what + " at " + t.position());
    }

    /** The feature an instruction mnemonic of a later proposal needs, or null for any other word. */
    public static Feature laterInstructionFeature(String word) {
        for (LaterInstruction l : LATER_INSTRUCTIONS) {
            if (word.startsWith(l.prefix())) {
                return l.feature();
            }
        }
        return null;
    }

    /** True when the word is a token the text format knows (a keyword, number or instruction). */
    public static boolean isKnownWord(String w) {
        if (KNOWN_WORDS.contains(w) || Opcode.fromText(w) != null || w.startsWith("offset=")
                || w.startsWith("align=")) {
            return true;
        }
        try {
            return NumberLiterals.isInt(w) || NumberLiterals.parseF64(w) != null;
        } catch (NumberLiterals.OutOfRange e) {
            return true;
        }
    }

    /** The error for a token that cannot appear here. */
    public static RuntimeException unexpected(Token t) {
        return unexpected(t, null);
    }

    /**
     * The error for a token that cannot appear here, naming what the grammar wanted
     * ({@code expected} may be null). The spec's wording comes first so that a
     * script expecting e.g. "unexpected token" still finds it in the message.
     */
    public static RuntimeException unexpected(Token t, String expected) {
        String detail = expected == null ? ""
                : ": expected " + expected + (t.kind() == Kind.EOF ? "" : " but found " + describe(t));
        return switch (t.kind()) {
            case EOF -> error(t, "unexpected end" + detail);
            case RESERVED -> error(t, unknownOperator(t) + detail);
            case KEYWORD -> {
                Feature feature = laterInstructionFeature(t.text());
                if (feature != null) {
                    yield unsupported(t, feature, t.text());
                }
                yield error(t, (isKnownWord(t.text()) ? "unexpected token" : unknownOperator(t)) + detail);
            }
            default -> error(t, "unexpected token" + detail);
        };
    }

    /** "unknown operator WORD", as the reference interpreter names an unknown word (cut short when long). */
    static String unknownOperator(Token t) {
        return "unknown operator " + shortText(t);
    }

    /** A token quoted for a message, cut short so a huge string literal cannot flood it. */
    static String describe(Token t) {
        return "'" + shortText(t) + "'";
    }

    private static String shortText(Token t) {
        String text = t.text();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    static String describe(Kind k) {
        return switch (k) {
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case STRING -> "a string";
            case ID -> "an identifier";
            case KEYWORD -> "a keyword";
            case RESERVED -> "a token";
            case EOF -> "end of input";
        };
    }

    public Token expect(Kind k) {
        Token t = peek();
        if (t.kind() != k) {
            throw unexpected(t, describe(k));
        }
        return next();
    }

    public void expectKeyword(String word) {
        Token t = peek();
        if (!t.isKeyword(word)) {
            throw unexpected(t, "'" + word + "'");
        }
        next();
    }

    /** True when the next tokens are {@code ( word}. */
    public boolean atSexpr(String word) {
        return peek().kind() == Kind.LPAREN && peek(1).isKeyword(word);
    }

    /** Consumes {@code ( word} when present. */
    public boolean openIf(String word) {
        if (atSexpr(word)) {
            pos += 2;
            return true;
        }
        return false;
    }

    public boolean at(Kind k) {
        return peek().kind() == k;
    }

    /** Skips a balanced s-expression starting at the current '('. */
    public void skipSexpr() {
        Token open = expect(Kind.LPAREN);
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            switch (t.kind()) {
                case LPAREN -> depth++;
                case RPAREN -> depth--;
                case EOF -> throw unexpected(t, "')' for the '(' of " + open.position());
                default -> {
                }
            }
        }
    }
}
