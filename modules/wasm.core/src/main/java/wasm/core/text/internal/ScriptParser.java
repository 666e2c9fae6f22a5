package wasm.core.text.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wasm.core.MalformedModuleException;
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
 * Reads a .wast script into commands. Text modules are kept as source (parsed
 * when the command runs); a command that needs a feature outside 2.0 becomes
 * {@link WastCommand.Unsupported} instead of failing the script.
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
                out.add(new WastCommand.Unsupported(open.line(), kw.text(), e.getMessage()));
            } catch (MalformedModuleException e) {
                // Syntax of a later proposal (e.g. new value forms) must not sink the whole script.
                pos = start;
                skipSexpr();
                out.add(new WastCommand.Unsupported(open.line(), kw.text(), "unparsable command: " + e.getMessage()));
            }
        }
        return new WastScript(fileName, out);
    }

    private static UnsupportedFeatureException unsupportedCommand(String what) {
        return new UnsupportedFeatureException(what);
    }

    private WastCommand command() {
        Token open = expect(Kind.LPAREN);
        Token kw = next();
        int line = open.line();
        String k = kw.kind() == Kind.KEYWORD ? kw.text() : "";
        WastCommand c = switch (k) {
            case "module" -> {
                pos -= 2;
                String[] name = new String[1];
                ModuleSource m = moduleSource(name, true);
                pos--; // moduleSource consumed the closing parenthesis
                yield new WastCommand.ModuleCommand(line, name[0], m);
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
                    ModuleSource m = moduleSource(null, true);
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
                ModuleSource m = moduleSource(null, true);
                yield new WastCommand.AssertInvalid(line, m, string(expect(Kind.STRING)));
            }
            case "assert_malformed" -> {
                ModuleSource m = moduleSource(null, false);
                yield new WastCommand.AssertMalformed(line, m, string(expect(Kind.STRING)));
            }
            case "assert_unlinkable" -> {
                ModuleSource m = moduleSource(null, true);
                yield new WastCommand.AssertUnlinkable(line, m, string(expect(Kind.STRING)));
            }
            case "assert_uninstantiable" -> {
                ModuleSource m = moduleSource(null, true);
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
            default -> throw unsupportedCommand("script command " + (k.isEmpty() ? kw.text() : k));
        };
        expect(Kind.RPAREN);
        return c;
    }

    private static String string(Token t) {
        return new String(t.bytes(), StandardCharsets.UTF_8);
    }

    /**
     * {@code (module $id? ...)}, {@code (module $id? binary "..."*)} or
     * {@code (module $id? quote "..."*)}. When {@code probe} is set, a text module
     * is parsed once so that a module needing an unsupported feature turns the
     * whole command into Unsupported.
     */
    private ModuleSource moduleSource(String[] nameOut, boolean probe) {
        Token open = expect(Kind.LPAREN);
        int startIndex = pos - 1;
        Token kw = next();
        if (!kw.isKeyword("module")) {
            throw unexpected(kw);
        }
        if (peek().isKeyword("definition") || peek().isKeyword("instance")) {
            throw unsupportedCommand("module " + peek().text() + " (module linking / definitions)");
        }
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
                    : new ModuleSource.Quote(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
        pos = startIndex;
        skipSexpr();
        Token close = tokens.get(pos - 1);
        String text = source.substring(open.start(), close.end());
        if (probe) {
            try {
                TextModuleParser.parse(text);
            } catch (UnsupportedFeatureException e) {
                throw e;
            } catch (RuntimeException e) {
                // Malformed or otherwise failing text is the runner's business.
            }
        }
        return new ModuleSource.Text(text);
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
            throw unsupportedCommand("action " + kw.text());
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
            case "v128.const" -> throw unsupportedCommand("SIMD (v128 values)");
            default -> throw unsupportedCommand("value " + kw.text());
        };
        expect(Kind.RPAREN);
        return v;
    }

    private ValType refNullType() {
        Token t = next();
        return switch (t.text()) {
            case "func", "funcref" -> ValType.FUNCREF;
            case "extern", "externref" -> ValType.EXTERNREF;
            default -> throw unsupportedCommand("reference type " + t.text());
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

    private Expected expected() {
        int save = pos;
        expect(Kind.LPAREN);
        Token kw = next();
        String k = kw.kind() == Kind.KEYWORD ? kw.text() : "";
        switch (k) {
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
                if (at(Kind.RPAREN)) {
                    next();
                    return new Expected.AnyRefFunc();
                }
                throw unsupportedCommand("expected (ref.func index)");
            }
            case "ref.null" -> {
                if (at(Kind.RPAREN)) {
                    throw unsupportedCommand("expected (ref.null) without a type");
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
