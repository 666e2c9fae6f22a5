package wasm.core.text.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.model.CustomSection;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.text.internal.Lexer.Annotation;
import wasm.core.text.internal.Token.Kind;

/**
 * The custom annotations of one text module: {@code (@custom "name" place? "data"*)}
 * (a custom section), {@code (@name "n")} (the module's or a function's name in the
 * name section) and {@code (@metadata.code.branch_hint "\00"|"\01")} (a branch hint,
 * which is checked and then dropped: it only guides code layout, and the model keeps
 * no instruction metadata). Every other annotation is ignored.
 *
 * <p>While it parses, {@link TextModuleParser} records where each kind may stand (by
 * the index of the token an annotation precedes): between module fields, right after
 * {@code module $id?} and {@code func $id?}, and before each instruction of a function
 * body. The annotations are then read after the module itself parsed, as the reference
 * interpreter does, so a syntax error of the module wins over one of its annotations.
 * Their errors carry the reference's messages ({@code "@custom annotation: missing
 * section name"}, {@code "misplaced @name annotation"}, ...): malformed ones are a
 * {@link MalformedModuleException}, a branch hint on an instruction that is not a
 * branch an {@link InvalidModuleException} (the script's assert_malformed_custom and
 * assert_invalid_custom check them).
 */
final class CustomAnnotations {
    private static final String CUSTOM = "custom";
    private static final String NAME = "name";
    private static final String BRANCH_HINT = "metadata.code.branch_hint";
    private static final Set<String> SECTION_KINDS = Set.of("type", "import", "func", "table", "memory",
            "global", "export", "start", "elem", "code", "data", "datacount");

    private final List<Annotation> annotations;
    /** Token indices between module fields (and before the first and after the last). */
    private final Set<Integer> fieldPositions = new HashSet<>();
    private int moduleNamePosition = -1;
    /** Token index right after {@code func $id?} -> the function's index. */
    private final Map<Integer, Integer> functionNamePositions = new HashMap<>();
    /** Token index where an instruction of a function body starts -> its opcode. */
    private final Map<Integer, Opcode> instructionStarts = new HashMap<>();
    /** Token ranges {@code [from, to)} of function fields. */
    private final List<int[]> functionRanges = new ArrayList<>();

    CustomAnnotations(List<Annotation> annotations) {
        this.annotations = annotations.stream()
                .filter(a -> a.id().equals(CUSTOM) || a.id().equals(NAME) || a.id().equals(BRANCH_HINT)).toList();
    }

    /** True when the module has no annotation this class reads (nothing to record). */
    boolean isEmpty() {
        return annotations.isEmpty();
    }

    void fieldPosition(int tokenIndex) {
        fieldPositions.add(tokenIndex);
    }

    void moduleNamePosition(int tokenIndex) {
        moduleNamePosition = tokenIndex;
    }

    void functionNamePosition(int tokenIndex, int functionIndex) {
        functionNamePositions.put(tokenIndex, functionIndex);
    }

    void instructionStart(int tokenIndex, Opcode op) {
        instructionStarts.putIfAbsent(tokenIndex, op);
    }

    void functionRange(int from, int to) {
        functionRanges.add(new int[] {from, to});
    }

    /** The custom sections and names the annotations give, in source order. */
    record Result(List<CustomSection> customSections, NameSection names) {
    }

    Result apply() {
        List<CustomSection> sections = new ArrayList<>();
        String moduleName = null;
        Map<Integer, String> functionNames = new TreeMap<>();
        Set<Integer> hinted = new HashSet<>();
        for (Annotation a : annotations) {
            switch (a.id()) {
                case CUSTOM -> {
                    if (!fieldPositions.contains(a.tokenIndex())) {
                        throw malformed(a, "misplaced @custom annotation");
                    }
                    sections.add(customSection(a));
                }
                case NAME -> {
                    String name = name(a);
                    Integer function = functionNamePositions.get(a.tokenIndex());
                    if (function != null) {
                        if (functionNames.putIfAbsent(function, name) != null) {
                            throw malformed(a, "@name annotation: multiple function");
                        }
                    } else if (a.tokenIndex() == moduleNamePosition) {
                        if (moduleName != null) {
                            throw malformed(a, "@name annotation: multiple module");
                        }
                        moduleName = name;
                    } else {
                        throw malformed(a, "misplaced @name annotation");
                    }
                }
                default -> branchHint(a, hinted);
            }
        }
        NameSection names = moduleName == null && functionNames.isEmpty() ? NameSection.EMPTY
                : new NameSection(moduleName, functionNames, Map.of());
        return new Result(sections, names);
    }

    private void branchHint(Annotation a, Set<Integer> hinted) {
        List<Token> body = a.body();
        if (body.size() != 1 || body.get(0).kind() != Kind.STRING || body.get(0).bytes().length != 1
                || (body.get(0).bytes()[0] & 0xFF) > 1) {
            throw malformed(a, "@metadata.code.branch_hint annotation: malformed hint");
        }
        if (!hinted.add(a.tokenIndex())) {
            throw malformed(a, "@metadata.code.branch_hint annotation: duplicate annotation");
        }
        boolean inFunction = false;
        for (int[] range : functionRanges) {
            inFunction |= a.tokenIndex() >= range[0] && a.tokenIndex() < range[1];
        }
        if (!inFunction) {
            throw malformed(a, "@metadata.code.branch_hint annotation: not in a function");
        }
        Opcode target = instructionStarts.get(a.tokenIndex());
        if (target != Opcode.IF && target != Opcode.BR_IF) {
            throw new InvalidModuleException("@metadata.code.branch_hint annotation: invalid target at "
                    + a.at().position());
        }
    }

    /** {@code "name" ((before|after) kind)? "data"*}. */
    private static CustomSection customSection(Annotation a) {
        List<Token> body = a.body();
        int i = 0;
        if (body.isEmpty() || body.get(0).kind() != Kind.STRING) {
            throw malformed(a, "@custom annotation: missing section name");
        }
        String name = utf8(a, body.get(i++), "@custom annotation: ");
        if (i < body.size() && body.get(i).kind() == Kind.LPAREN) {
            i = placement(a, body, i + 1);
        }
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (; i < body.size(); i++) {
            Token t = body.get(i);
            if (t.kind() != Kind.STRING) {
                throw malformed(a, "@custom annotation: unexpected token");
            }
            data.writeBytes(t.bytes());
        }
        return new CustomSection(name, data.toByteArray());
    }

    /** Checks {@code (before|after) kind)} from after its '('; returns the index after its ')'. */
    private static int placement(Annotation a, List<Token> body, int i) {
        Token where = i < body.size() ? body.get(i) : null;
        if (where == null || !where.isKeyword("before") && !where.isKeyword("after")) {
            throw malformed(a, "@custom annotation: malformed placement");
        }
        Token kind = i + 1 < body.size() ? body.get(i + 1) : null;
        boolean known = kind != null && kind.kind() == Kind.KEYWORD && (SECTION_KINDS.contains(kind.text())
                || where.isKeyword("before") && kind.isKeyword("first")
                || where.isKeyword("after") && kind.isKeyword("last"));
        if (!known) {
            throw malformed(a, "@custom annotation: malformed section kind");
        }
        if (i + 2 >= body.size() || body.get(i + 2).kind() != Kind.RPAREN) {
            throw malformed(a, "@custom annotation: malformed placement");
        }
        return i + 3;
    }

    private static String name(Annotation a) {
        List<Token> body = a.body();
        if (body.size() != 1 || body.get(0).kind() != Kind.STRING) {
            throw malformed(a, "@name annotation: malformed name");
        }
        return utf8(a, body.get(0), "@name annotation: ");
    }

    private static String utf8(Annotation a, Token string, String prefix) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(string.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw malformed(a, prefix + "malformed UTF-8 encoding");
        }
    }

    private static MalformedModuleException malformed(Annotation a, String message) {
        return new MalformedModuleException(message + " at " + a.at().position());
    }
}
