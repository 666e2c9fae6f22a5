package wasm.core.text.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wasm.core.Feature;
import wasm.core.UnsupportedFeatureException;
import wasm.core.model.ValType;
import wasm.core.text.Expected;
import wasm.core.text.ModuleSource;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WastScript;
import wasm.core.text.WastValue;
import wasm.core.text.internal.Token.Kind;

/**
 * Reads a .wast script into commands. Text modules are kept as source (parsed,
 * and found to need a feature or not, when the command runs). A command whose
 * script syntax needs a {@link Feature} wasmoon lacks (a v128 value,
 * assert_exception, ...) becomes {@link WastCommand.Unsupported}
 * naming that feature; any other syntax error fails the whole script.
 */
public final class ScriptParser extends TokenCursor {
    private static final java.util.Set<String> FIELDS = java.util.Set.of(
            "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data");

    private final String source;
    private int eitherNesting;

    private ScriptParser(String source) {
        super(Lexer.tokenize(source));
        this.source = source;
    }

    public static WastScript parse(String source, String fileName) {
        ScriptParser p = new ScriptParser(source);
        try {
            return p.script(fileName);
        } catch (StackOverflowError e) {
            // Nesting is bounded (TextModuleParser.MAX_NESTING); this guard covers threads
            // whose stack is too small even for that bound (see TextModuleParser.parse).
            throw error(p.peek(), "nesting too deep");
        }
    }

    private WastScript script(String fileName) {
        List<WastCommand> out = new ArrayList<>();
        while (!at(Kind.EOF)) {
            Token open = peek();
            if (open.kind() != Kind.LPAREN) {
                throw unexpected(open);
            }
            int start = pos;
            Token kw = peek(1);
            try {
                out.add(command());
            } catch (UnsupportedFeatureException e) {
                pos = start;
                skipSexpr();
                out.add(new WastCommand.Unsupported(open.line(), kw.text(), e.feature(), e.getMessage()));
            }
        }
        return new WastScript(fileName, out);
    }

    /** Script commands of later proposals; any other unknown command is a syntax error. */
    private static Feature laterCommandFeature(String keyword) {
        return switch (keyword) {
            case "assert_exception" -> Feature.EXCEPTIONS;
            case "thread", "wait" -> Feature.THREADS;
            default -> null;
        };
    }

    private WastCommand command() {
        Token open = expect(Kind.LPAREN);
        Token kw = next();
        int line = open.line();
        String k = kw.kind() == Kind.KEYWORD ? kw.text() : "";
        WastCommand c = switch (k) {
            case "module" -> {
                if (peek().isKeyword("instance")) {
                    next();
                    String instance = at(Kind.ID) ? next().text() : null;
                    String definition = at(Kind.ID) ? next().text() : null;
                    yield new WastCommand.ModuleInstance(line, instance, definition);
                }
                boolean definition = peek().isKeyword("definition");
                pos -= 2;
                String[] name = new String[1];
                ModuleSource m = moduleSource(name);
                pos--; // moduleSource consumed the closing parenthesis
                yield definition ? new WastCommand.ModuleDefinition(line, name[0], m)
                        : new WastCommand.ModuleCommand(line, name[0], m);
            }
            case "register" -> {
                String as = string(expect(Kind.STRING));
                String name = at(Kind.ID) ? next().text() : null;
                yield new WastCommand.Register(line, as, name);
            }
            case "invoke", "get" -> {
                pos -= 2;
                WastAction a = action();
                pos--; // action consumed the closing parenthesis
                yield new WastCommand.Action(line, a);
            }
            case "assert_return" -> {
                WastAction a = action();
                List<Expected> results = new ArrayList<>();
                while (at(Kind.LPAREN)) {
                    results.add(expected());
                }
                yield new WastCommand.AssertReturn(line, a, results);
            }
            case "assert_trap" -> {
                if (atSexpr("module")) {
                    ModuleSource m = moduleSource(null);
                    yield new WastCommand.AssertTrap(line, null, m, string(expect(Kind.STRING)));
                }
                WastAction a = action();
                yield new WastCommand.AssertTrap(line, a, null, string(expect(Kind.STRING)));
            }
            case "assert_exhaustion" -> {
                WastAction a = action();
                yield new WastCommand.AssertExhaustion(line, a, string(expect(Kind.STRING)));
            }
            case "assert_invalid" -> {
                ModuleSource m = moduleSource(null);
                yield new WastCommand.AssertInvalid(line, m, string(expect(Kind.STRING)));
            }
            case "assert_malformed" -> {
                ModuleSource m = moduleSource(null);
                yield new WastCommand.AssertMalformed(line, m, string(expect(Kind.STRING)));
            }
            case "assert_malformed_custom" -> {
                ModuleSource m = moduleSource(null);
                yield new WastCommand.AssertMalformedCustom(line, m, string(expect(Kind.STRING)));
            }
            case "assert_invalid_custom" -> {
                ModuleSource m = moduleSource(null);
                yield new WastCommand.AssertInvalidCustom(line, m, string(expect(Kind.STRING)));
            }
            case "assert_unlinkable" -> {
                ModuleSource m = moduleSource(null);
                yield new WastCommand.AssertUnlinkable(line, m, string(expect(Kind.STRING)));
            }
            case "assert_uninstantiable" -> {
                ModuleSource m = moduleSource(null);
                yield new WastCommand.AssertUninstantiable(line, m, string(expect(Kind.STRING)));
            }
            case "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data" -> {
                // Bare module fields at top level form one inline module up to the next command.
                pos -= 2;
                int first = pos;
                while (at(Kind.LPAREN) && FIELDS.contains(peek(1).text())) {
                    skipSexpr();
                }
                String text = source.substring(tokens.get(first).start(), tokens.get(pos - 1).end());
                pos--;
                yield new WastCommand.ModuleCommand(line, null, new ModuleSource.Text(text));
            }
            default -> {
                Feature feature = laterCommandFeature(k);
                if (feature == null) {
                    throw error(kw, "unknown script command " + kw.text());
                }
                throw unsupported(kw, feature, k);
            }
        };
        expect(Kind.RPAREN);
        return c;
    }

    private static String string(Token t) {
        return new String(t.bytes(), StandardCharsets.UTF_8);
    }

    /**
     * {@code (module definition? $id? ...)}, {@code (module definition? $id? binary "..."*)}
     * or {@code (module definition? $id? quote "..."*)}. The text of a definition is given
     * with its {@code definition} keyword blanked out, so that positions in messages
     * stay those of the script.
     */
    private ModuleSource moduleSource(String[] nameOut) {
        Token open = expect(Kind.LPAREN);
        int startIndex = pos - 1;
        Token kw = next();
        if (!kw.isKeyword("module")) {
            throw unexpected(kw);
        }
        Token definition = peek().isKeyword("definition") ? next() : null;
        String name = at(Kind.ID) ? next().text() : null;
        if (nameOut != null) {
            nameOut[0] = name;
        }
        if (peek().isKeyword("binary") || peek().isKeyword("quote")) {
            boolean binary = next().text().equals("binary");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (at(Kind.STRING)) {
                bytes.writeBytes(next().bytes());
            }
            expect(Kind.RPAREN);
            return binary ? new ModuleSource.Binary(bytes.toByteArray())
                    : new ModuleSource.Quote(decodeKeepingMalformedBytes(bytes.toByteArray()));
        }
        pos = startIndex;
        skipSexpr();
        Token close = tokens.get(pos - 1);
        String text = source.substring(open.start(), close.end());
        if (definition != null) {
            int from = definition.start() - open.start();
            int to = definition.end() - open.start();
            text = text.substring(0, from) + " ".repeat(to - from) + text.substring(to);
        }
        return new ModuleSource.Text(text);
    }

    /**
     * Decodes a quoted module's bytes as UTF-8; each byte of a malformed sequence becomes
     * an unpaired surrogate (U+DC80 + the byte's low 7 bits), which the lexer reports as
     * "malformed UTF-8 encoding" when the module is parsed (not now: that is the module's
     * error, not the script's).
     */
    static String decodeKeepingMalformedBytes(byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        while (true) {
            java.nio.charset.CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put((char) (0xDC80 + (in.get() & 0x7F)));
                }
            }
        }
        out.flip();
        return out.toString();
    }

    private WastAction action() {
        expect(Kind.LPAREN);
        Token kw = next();
        String module = at(Kind.ID) ? next().text() : null;
        String field = string(expect(Kind.STRING));
        WastAction a;
        if (kw.isKeyword("invoke")) {
            List<WastValue> args = new ArrayList<>();
            while (at(Kind.LPAREN)) {
                args.add(constant());
            }
            a = new WastAction.Invoke(module, field, args);
        } else if (kw.isKeyword("get")) {
            a = new WastAction.Get(module, field);
        } else {
            throw unexpected(kw, "invoke or get");
        }
        expect(Kind.RPAREN);
        return a;
    }

    private WastValue constant() {
        expect(Kind.LPAREN);
        Token kw = next();
        WastValue v = switch (kw.kind() == Kind.KEYWORD ? kw.text() : "") {
            case "i32.const" -> new WastValue.Num(ValType.I32, number(ValType.I32) & 0xFFFFFFFFL);
            case "i64.const" -> new WastValue.Num(ValType.I64, number(ValType.I64));
            case "f32.const" -> new WastValue.Num(ValType.F32, number(ValType.F32) & 0xFFFFFFFFL);
            case "f64.const" -> new WastValue.Num(ValType.F64, number(ValType.F64));
            case "ref.null" -> new WastValue.RefNull(refNullType());
            case "ref.extern", "ref.host" -> new WastValue.RefExtern(number(ValType.I64));
            case "v128.const" -> {
                Token at = peek();
                V128Lanes lanes = v128Lanes();
                if (lanes.hasPatterns()) {
                    throw error(at, "unexpected token: a NaN pattern is not a value");
                }
                long[] bits = lanes.exact();
                yield new WastValue.V128(bits[0], bits[1]);
            }
            case "ref.i31", "ref.struct", "ref.array", "ref.eq", "ref.any" -> throw unsupported(kw, Feature.GC, kw.text());
            case "ref.exn" -> throw unsupported(kw, Feature.EXCEPTIONS, kw.text());
            default -> throw unexpected(kw, "a constant");
        };
        expect(Kind.RPAREN);
        return v;
    }

    private ValType refNullType() {
        Token t = next();
        return switch (t.text()) {
            case "func", "funcref" -> ValType.FUNCREF;
            case "extern", "externref" -> ValType.EXTERNREF;
            case "any", "eq", "i31", "struct", "array", "none", "nofunc", "noextern" ->
                    throw unsupported(t, Feature.GC, "ref.null " + t.text());
            case "exn", "noexn" -> throw unsupported(t, Feature.EXCEPTIONS, "ref.null " + t.text());
            default -> throw unexpected(t, "a heap type");
        };
    }

    private long number(ValType type) {
        Token t = next();
        if (t.kind() != Kind.KEYWORD) {
            throw unexpected(t);
        }
        try {
            Long v = switch (type) {
                case I32 -> NumberLiterals.parseInt(t.text(), 32);
                case I64 -> NumberLiterals.parseInt(t.text(), 64);
                case F32 -> NumberLiterals.parseF32(t.text());
                default -> NumberLiterals.parseF64(t.text());
            };
            if (v == null) {
                throw unexpected(t);
            }
            return v;
        } catch (NumberLiterals.OutOfRange e) {
            throw error(t, "constant out of range");
        }
    }

    /** The lanes of a script {@code v128.const SHAPE lane...}, each exact bits or a NaN pattern. */
    private record V128Lanes(LaneShape shape, long[] bits, Expected[] patterns) {
        boolean hasPatterns() {
            for (Expected p : patterns) {
                if (p != null) {
                    return true;
                }
            }
            return false;
        }

        /** The value, for lanes without patterns. */
        long[] exact() {
            return shape.pack(bits);
        }
    }

    /** Reads {@code SHAPE lane...} after v128.const; NaN patterns are allowed in float lanes only. */
    private V128Lanes v128Lanes() {
        LaneShape.Read read = LaneShape.read(this);
        LaneShape shape = read.shape();
        List<Token> lanes = read.lanes();
        long[] bits = new long[lanes.size()];
        Expected[] patterns = new Expected[lanes.size()];
        ValType laneType = shape.laneBits() == 32 ? ValType.F32 : ValType.F64;
        for (int i = 0; i < bits.length; i++) {
            Token t = lanes.get(i);
            if (shape.isFloat() && t.text().equals("nan:canonical")) {
                patterns[i] = new Expected.CanonicalNan(laneType);
                continue;
            }
            if (shape.isFloat() && t.text().equals("nan:arithmetic")) {
                patterns[i] = new Expected.ArithmeticNan(laneType);
                continue;
            }
            try {
                bits[i] = shape.laneBits(t);
            } catch (NumberLiterals.OutOfRange e) {
                throw error(t, "constant out of range");
            } catch (IllegalArgumentException e) {
                throw unexpected(t, "an " + shape.text() + " lane");
            }
        }
        return new V128Lanes(shape, bits, patterns);
    }

    private Expected expected() {
        int save = pos;
        expect(Kind.LPAREN);
        Token kw = next();
        String k = kw.kind() == Kind.KEYWORD ? kw.text() : "";
        switch (k) {
            case "v128.const" -> {
                V128Lanes lanes = v128Lanes();
                expect(Kind.RPAREN);
                if (!lanes.hasPatterns()) {
                    long[] v = lanes.exact();
                    return new Expected.Exact(new WastValue.V128(v[0], v[1]));
                }
                ValType laneType = lanes.shape().laneBits() == 32 ? ValType.F32 : ValType.F64;
                List<Expected> perLane = new ArrayList<>();
                for (int i = 0; i < lanes.bits().length; i++) {
                    perLane.add(lanes.patterns()[i] != null ? lanes.patterns()[i]
                            : new Expected.Exact(new WastValue.Num(laneType, lanes.bits()[i])));
                }
                return new Expected.V128Lanes(laneType, perLane);
            }
            case "f32.const", "f64.const" -> {
                ValType t = k.equals("f32.const") ? ValType.F32 : ValType.F64;
                if (peek().isKeyword("nan:canonical") || peek().isKeyword("nan:arithmetic")) {
                    boolean canonical = next().text().equals("nan:canonical");
                    expect(Kind.RPAREN);
                    return canonical ? new Expected.CanonicalNan(t) : new Expected.ArithmeticNan(t);
                }
            }
            case "ref.extern" -> {
                if (at(Kind.RPAREN)) {
                    next();
                    return new Expected.AnyRefExtern();
                }
            }
            case "ref.func" -> {
                expect(Kind.RPAREN);
                return new Expected.AnyRefFunc();
            }
            case "ref.null" -> {
                if (at(Kind.RPAREN)) {
                    next();
                    return new Expected.AnyRefNull();
                }
            }
            case "either" -> {
                // Only `either` nests here; bound it like the module parser bounds blocks.
                if (++eitherNesting > TextModuleParser.MAX_NESTING) {
                    throw error(kw, "nesting too deep");
                }
                List<Expected> alts = new ArrayList<>();
                while (at(Kind.LPAREN)) {
                    alts.add(expected());
                }
                eitherNesting--;
                expect(Kind.RPAREN);
                return new Expected.Either(alts);
            }
            default -> {
            }
        }
        pos = save;
        return new Expected.Exact(constant());
    }
}
