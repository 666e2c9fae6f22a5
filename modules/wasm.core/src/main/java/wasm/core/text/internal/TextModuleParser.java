package wasm.core.text.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import wasm.core.Feature;
import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Global;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;
import wasm.core.text.internal.Token.Kind;

/**
 * Parses one text-format module into the same {@link Module} the binary decoder
 * gives for the equivalent binary (as produced by wat2wasm):
 *
 * <ul>
 * <li>Pass 1 walks the fields in order, gives every identifier its index
 * (imports precede definitions, so text order is index order) and reads the
 * explicit type definitions.</li>
 * <li>Pass 2 parses each field and its instructions. Type uses without a
 * matching type append implicit types after the explicit ones, in text order.</li>
 * </ul>
 *
 * <p>Block types follow wat2wasm: a type use with no parameters and at most one
 * result is encoded as the empty or single-value block type. An {@code else}
 * with an empty branch is dropped, like both wat2wasm and the reference encoder
 * do. The data count is present exactly when some code uses memory.init or
 * data.drop. The name section stays empty, so a text module and its binary
 * compare equal.
 */
public final class TextModuleParser extends TokenCursor {

    /** One identifier namespace: $name to index. */
    private static final class Space {
        final String what;
        final Map<String, Integer> ids = new HashMap<>();
        int count;

        Space(String what) {
            this.what = what;
        }

        void define(Token id) {
            if (id != null && ids.putIfAbsent(id.text(), count) != null) {
                throw error(id, "duplicate " + what + " " + id.text());
            }
            count++;
        }
    }

    private final Space typeSpace = new Space("type");
    private final Space funcSpace = new Space("func");
    private final Space tableSpace = new Space("table");
    private final Space memorySpace = new Space("memory");
    private final Space globalSpace = new Space("global");
    private final Space elemSpace = new Space("elem");
    private final Space dataSpace = new Space("data");

    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();
    private OptionalInt start = OptionalInt.empty();

    /**
     * Deepest nesting of folded instructions accepted (flat blocks nest without limit,
     * see {@link #instructions}). Folded parsing recurses once or twice per level. On a
     * 512 KiB thread stack about 1,100 folded-block levels fit once the parser is
     * JIT-compiled but under 500 while it runs in C1's profiling tier (measured), so 256
     * keeps a margin; hand-written folds are far shallower. A thread whose stack cannot
     * hold even this is covered by {@link #parse}'s StackOverflowError guard.
     */
    static final int MAX_NESTING = 256;

    private int nesting;

    /** Locals and labels of the function being parsed. */
    private Map<String, Integer> localIds = new HashMap<>();
    private final List<String> labels = new ArrayList<>();

    /** The custom annotations and where they may stand; positions are recorded only when there are some. */
    private final CustomAnnotations custom;
    private final boolean annotated;

    private TextModuleParser(Lexer.Tokens tokens) {
        super(tokens.tokens());
        this.custom = new CustomAnnotations(tokens.annotations());
        this.annotated = !custom.isEmpty();
    }

    /** Parses {@code (module $id? field*)} or a bare list of fields. */
    public static Module parse(String source) {
        TextModuleParser p = new TextModuleParser(Lexer.tokenizeWithAnnotations(source));
        try {
            return p.module();
        } catch (StackOverflowError e) {
            // Only reachable on a thread whose stack cannot hold MAX_NESTING levels. The
            // parser holds no locks and its state is discarded, so reporting the input as
            // too deep is safe and keeps the promise that it fails only with a WasmException.
            throw error(p.peek(), "nesting too deep");
        }
    }

    private Module module() {
        // Quote modules may hold a whole "(module ...)"; wrapping them again must not matter.
        int wrappers = 0;
        while (atSexpr("module")) {
            pos += 2;
            wrappers++;
            if (at(Kind.ID)) {
                next();
            }
            if (peek().isKeyword("binary") || peek().isKeyword("quote")) {
                throw unexpected(peek());
            }
        }
        boolean wrapped = wrappers > 0;
        int fieldsStart = pos;
        collectDefinitions(wrapped);
        pos = fieldsStart;
        custom.moduleNamePosition(pos);
        custom.fieldPosition(pos);
        while (at(Kind.LPAREN)) {
            field();
            custom.fieldPosition(pos);
        }
        for (int i = 0; i < wrappers; i++) {
            expect(Kind.RPAREN);
        }
        expect(Kind.EOF);
        boolean needsDataCount = false;
        for (FunctionBody body : codes) {
            for (Instruction in : body.code()) {
                if (in.opcode() == Opcode.MEMORY_INIT || in.opcode() == Opcode.DATA_DROP) {
                    needsDataCount = true;
                    break;
                }
            }
        }
        CustomAnnotations.Result annotations = annotated ? custom.apply()
                : new CustomAnnotations.Result(List.of(), NameSection.EMPTY);
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                needsDataCount ? OptionalInt.of(datas.size()) : OptionalInt.empty(), codes, datas,
                annotations.names(), annotations.customSections());
    }

    // ---------------------------------------------------------------- pass 1

    private void collectDefinitions(boolean wrapped) {
        String firstDefinition = null;
        while (at(Kind.LPAREN)) {
            int fieldStart = pos;
            Token open = next();
            Token kw = next();
            if (kw.kind() != Kind.KEYWORD) {
                throw unexpected(kw);
            }
            switch (kw.text()) {
                case "type" -> {
                    Token id = at(Kind.ID) ? next() : null;
                    typeSpace.define(id);
                    types.add(typeDefinition());
                }
                case "import" -> {
                    if (firstDefinition != null) {
                        throw error(open, "import after " + firstDefinition);
                    }
                    expect(Kind.STRING);
                    expect(Kind.STRING);
                    expect(Kind.LPAREN);
                    Token dk = next();
                    Token id = at(Kind.ID) ? next() : null;
                    switch (dk.kind() == Kind.KEYWORD ? dk.text() : "") {
                        case "func" -> funcSpace.define(id);
                        case "table" -> tableSpace.define(id);
                        case "memory" -> memorySpace.define(id);
                        case "global" -> globalSpace.define(id);
                        case "tag" -> throw unsupported(dk, Feature.EXCEPTIONS, "tag");
                        default -> throw unexpected(dk);
                    }
                }
                case "func", "table", "memory", "global" -> {
                    Token id = at(Kind.ID) ? next() : null;
                    Space space = switch (kw.text()) {
                        case "func" -> funcSpace;
                        case "table" -> tableSpace;
                        case "memory" -> memorySpace;
                        default -> globalSpace;
                    };
                    while (atSexpr("export")) {
                        skipSexpr();
                    }
                    if (atSexpr("import")) {
                        if (firstDefinition != null) {
                            throw error(open, "import after " + firstDefinition);
                        }
                    } else if (firstDefinition == null) {
                        firstDefinition = kw.text().equals("func") ? "function" : kw.text();
                    }
                    space.define(id);
                    if (kw.text().equals("table") && hasInlineSegment("elem")) {
                        elemSpace.define(null);
                    }
                    if (kw.text().equals("memory") && hasInlineSegment("data")) {
                        dataSpace.define(null);
                    }
                }
                case "elem" -> elemSpace.define(at(Kind.ID) ? next() : null);
                case "data" -> dataSpace.define(at(Kind.ID) ? next() : null);
                case "export", "start" -> {
                }
                case "tag" -> throw unsupported(kw, Feature.EXCEPTIONS, "tag");
                case "rec" -> throw unsupported(kw, Feature.GC, "rec");
                case "module" -> throw unexpected(kw);
                default -> throw unexpected(kw);
            }
            pos = fieldStart;
            skipSexpr();
        }
        if (wrapped ? !at(Kind.RPAREN) : !at(Kind.EOF)) {
            throw unexpected(peek());
        }
    }

    /** After a table's or memory's id and exports: is there a {@code (elem ...)} / {@code (data ...)}? */
    private boolean hasInlineSegment(String word) {
        int save = pos;
        try {
            while (at(Kind.KEYWORD)) {
                next();
            }
            return atSexpr(word);
        } finally {
            pos = save;
        }
    }

    /** {@code (func (param ...)* (result ...)*)} after {@code (type $id?}. */
    private FuncType typeDefinition() {
        Token open = peek();
        if (!openIf("func")) {
            if (open.kind() == Kind.LPAREN && peek(1).kind() == Kind.KEYWORD) {
                String w = peek(1).text();
                if (w.equals("struct") || w.equals("array") || w.equals("sub")) {
                    throw unsupported(peek(1), Feature.GC, w);
                }
            }
            throw unexpected(at(Kind.LPAREN) ? peek(1) : peek());
        }
        List<ValType> params = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        while (atSexpr("param")) {
            pos += 2;
            paramList(params, null, true);
        }
        while (atSexpr("result")) {
            pos += 2;
            while (!at(Kind.RPAREN)) {
                results.add(valType());
            }
            next();
        }
        expect(Kind.RPAREN);
        expect(Kind.RPAREN);
        return FuncType.of(params, results);
    }

    /** The body of {@code (param ...)} after the keyword, including ')'. */
    private void paramList(List<ValType> params, List<Token> names, boolean allowNames) {
        if (at(Kind.ID)) {
            Token id = next();
            if (!allowNames) {
                throw unexpected(id);
            }
            params.add(valType());
            if (names != null) {
                names.add(id);
            }
            expect(Kind.RPAREN);
            return;
        }
        while (!at(Kind.RPAREN)) {
            params.add(valType());
            if (names != null) {
                names.add(null);
            }
        }
        next();
    }

    // ---------------------------------------------------------------- types

    private ValType valType() {
        Token t = peek();
        if (t.kind() == Kind.LPAREN && peek(1).isKeyword("ref")) {
            throw unsupported(t, Feature.FUNCTION_REFERENCES, "(ref ...)");
        }
        if (t.kind() != Kind.KEYWORD) {
            throw unexpected(t);
        }
        ValType v = switch (t.text()) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            case "funcref" -> ValType.FUNCREF;
            case "externref" -> ValType.EXTERNREF;
            case "v128" -> ValType.V128;
            case "anyref", "eqref", "i31ref", "structref", "arrayref", "nullref", "nullfuncref",
                 "nullexternref" -> throw unsupported(t, Feature.GC, t.text());
            case "exnref", "nullexnref" -> throw unsupported(t, Feature.EXCEPTIONS, t.text());
            default -> throw unexpected(t);
        };
        next();
        return v;
    }

    private ValType refType() {
        Token t = peek();
        ValType v = valType();
        if (!v.isReference()) {
            throw error(t, "unexpected token");
        }
        return v;
    }

    /** A parsed type use: explicit index (or -1) and the inline declaration. */
    private record TypeUse(Token at, boolean explicit, int index, List<ValType> params, List<Token> paramNames,
                           List<ValType> results, boolean inline) {
    }

    private TypeUse typeUse(boolean allowNames) {
        Token at = peek();
        int index = -1;
        boolean explicit = false;
        if (openIf("type")) {
            explicit = true;
            index = index(typeSpace);
            expect(Kind.RPAREN);
        }
        List<ValType> params = new ArrayList<>();
        List<Token> names = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        boolean inline = false;
        while (atSexpr("param")) {
            pos += 2;
            inline = true;
            paramList(params, names, allowNames);
        }
        while (atSexpr("result")) {
            pos += 2;
            inline = true;
            while (!at(Kind.RPAREN)) {
                results.add(valType());
            }
            next();
        }
        if (atSexpr("param") || atSexpr("type")) {
            throw unexpected(peek(1));
        }
        return new TypeUse(at, explicit, index, params, names, results, inline);
    }

    /** The type index a type use denotes, appending an implicit type when needed. */
    private int resolve(TypeUse use) {
        FuncType inline = FuncType.of(use.params(), use.results());
        if (use.explicit()) {
            if (use.inline()) {
                if (!knownType(use.index())) {
                    throw error(use.at(), "unknown type");
                }
                if (!types.get(use.index()).equals(inline)) {
                    throw error(use.at(), "inline function type");
                }
            }
            return use.index();
        }
        int i = types.indexOf(inline);
        if (i >= 0) {
            return i;
        }
        types.add(inline);
        return types.size() - 1;
    }

    private boolean knownType(int typeIndex) {
        return typeIndex >= 0 && typeIndex < types.size();
    }

    private int paramCount(int typeIndex) {
        return knownType(typeIndex) ? types.get(typeIndex).params().size() : 0;
    }

    private BlockType blockType() {
        TypeUse use = typeUse(false);
        if (!use.explicit() && use.params().isEmpty() && use.results().size() <= 1) {
            return use.results().isEmpty() ? BlockType.EMPTY : new BlockType.Value(use.results().get(0));
        }
        int index = resolve(use);
        if (knownType(index)) {
            FuncType t = types.get(index);
            if (t.params().isEmpty() && t.results().size() <= 1) {
                return t.results().isEmpty() ? BlockType.EMPTY : new BlockType.Value(t.results().get(0));
            }
        }
        return new BlockType.TypeIndex(index);
    }

    /** {@code i32} or {@code i64} before limits; i32 when absent. */
    private AddressType addressType() {
        if (peek().isKeyword("i64")) {
            next();
            return AddressType.I64;
        }
        if (peek().isKeyword("i32")) {
            next();
        }
        return AddressType.I32;
    }

    private Limits limits() {
        // Bounds are u64 (validation reports "memory size" / "table size" for the address
        // type); values of 2^63 and more are pinned to Long.MAX_VALUE, as the decoder does,
        // so they cannot alias Limits.UNBOUNDED.
        long min = pinnedU64();
        long max = Limits.UNBOUNDED;
        if (at(Kind.KEYWORD) && NumberLiterals.isInt(peek().text())) {
            max = pinnedU64();
        }
        return new Limits(min, max);
    }

    private long pinnedU64() {
        Token t = next();
        BigInteger v = t.kind() == Kind.KEYWORD ? NumberLiterals.parseNat(t.text()) : null;
        if (v == null) {
            throw unexpected(t);
        }
        if (v.bitLength() > 64) {
            throw error(t, "constant out of range");
        }
        return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
    }

    // ---------------------------------------------------------------- numbers and indices

    /** An unsigned literal of at most {@code bits} bits; "constant out of range" past it. */
    private long unsigned(int bits) {
        Token t = next();
        BigInteger v = t.kind() == Kind.KEYWORD ? NumberLiterals.parseNat(t.text()) : null;
        if (v == null) {
            throw unexpected(t);
        }
        if (v.bitLength() > bits) {
            throw error(t, "constant out of range");
        }
        return v.longValue();
    }

    private boolean atIndex() {
        Token t = peek();
        return t.kind() == Kind.ID || t.kind() == Kind.KEYWORD && NumberLiterals.parseNat(t.text()) != null;
    }

    private int index(Space space) {
        Token t = peek();
        if (t.kind() == Kind.ID) {
            next();
            Integer i = space.ids.get(t.text());
            if (i == null) {
                throw error(t, "unknown " + spaceName(space) + " " + t.text());
            }
            return i;
        }
        return numericIndex();
    }

    private static String spaceName(Space s) {
        return switch (s.what) {
            case "func" -> "function";
            case "elem" -> "elem segment";
            case "data" -> "data segment";
            default -> s.what;
        };
    }

    private int localIndex() {
        Token t = peek();
        if (t.kind() == Kind.ID) {
            next();
            Integer i = localIds.get(t.text());
            if (i == null) {
                throw error(t, "unknown local " + t.text());
            }
            return i;
        }
        return numericIndex();
    }

    private int numericIndex() {
        return (int) unsigned(32);
    }

    private int labelIndex() {
        Token t = peek();
        if (t.kind() == Kind.ID) {
            next();
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (t.text().equals(labels.get(i))) {
                    return labels.size() - 1 - i;
                }
            }
            throw error(t, "unknown label " + t.text());
        }
        return numericIndex();
    }

    /** An optional memory index; memory 0 when absent. */
    private int optionalMemory() {
        return atIndex() ? index(memorySpace) : 0;
    }

    private String name(Token t) {
        byte[] b = t.bytes();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw error(t, "malformed UTF-8 encoding");
        }
    }

    // ---------------------------------------------------------------- pass 2: fields

    private void field() {
        Token open = expect(Kind.LPAREN);
        Token kw = next();
        switch (kw.text()) {
            case "type" -> {
                pos = pos - 2;
                skipSexpr();
                return;
            }
            case "import" -> importField();
            case "func" -> {
                int from = pos - 2;
                funcField();
                if (annotated) {
                    custom.functionRange(from, pos + 1);
                }
            }
            case "table" -> tableField();
            case "memory" -> memoryField();
            case "global" -> globalField();
            case "export" -> {
                String n = name(expect(Kind.STRING));
                expect(Kind.LPAREN);
                Token k = next();
                ExternKind kind = switch (k.text()) {
                    case "func" -> ExternKind.FUNC;
                    case "table" -> ExternKind.TABLE;
                    case "memory" -> ExternKind.MEMORY;
                    case "global" -> ExternKind.GLOBAL;
                    case "tag" -> throw unsupported(k, Feature.EXCEPTIONS, "tag");
                    default -> throw unexpected(k);
                };
                int idx = index(space(kind));
                expect(Kind.RPAREN);
                exports.add(new Export(n, kind, idx));
            }
            case "start" -> {
                if (start.isPresent()) {
                    throw error(open, "multiple start sections");
                }
                start = OptionalInt.of(index(funcSpace));
            }
            case "elem" -> elemField();
            case "data" -> dataField();
            default -> throw unexpected(kw);
        }
        expect(Kind.RPAREN);
    }

    private Space space(ExternKind kind) {
        return switch (kind) {
            case FUNC -> funcSpace;
            case TABLE -> tableSpace;
            case MEMORY -> memorySpace;
            case GLOBAL -> globalSpace;
        };
    }

    private int countImports(ExternKind kind) {
        int n = 0;
        for (Import i : imports) {
            if (i.desc().kind() == kind) {
                n++;
            }
        }
        return n;
    }

    private void importField() {
        String module = name(expect(Kind.STRING));
        String nm = name(expect(Kind.STRING));
        expect(Kind.LPAREN);
        Token k = next();
        if (at(Kind.ID)) {
            next();
        }
        ImportDesc desc = switch (k.text()) {
            case "func" -> new ImportDesc.Func(resolve(typeUse(true)));
            case "table" -> tableTypeDesc();
            case "memory" -> new ImportDesc.Memory(memoryType());
            case "global" -> new ImportDesc.Global(globalType());
            default -> throw unexpected(k);
        };
        expect(Kind.RPAREN);
        imports.add(new Import(module, nm, desc));
    }

    private ImportDesc.Table tableTypeDesc() {
        AddressType at = addressType();
        Limits l = limits();
        return new ImportDesc.Table(new TableType(refType(), l, at));
    }

    private MemoryType memoryType() {
        AddressType at = addressType();
        Limits l = limits();
        if (peek().isKeyword("shared")) {
            throw unsupported(peek(), Feature.THREADS, "shared memory");
        }
        if (atSexpr("pagesize")) {
            throw unsupported(peek(1), Feature.CUSTOM_PAGE_SIZES, "pagesize");
        }
        return new MemoryType(l, at);
    }

    private GlobalType globalType() {
        if (openIf("mut")) {
            ValType t = valType();
            expect(Kind.RPAREN);
            return new GlobalType(t, true);
        }
        return new GlobalType(valType(), false);
    }

    /** Inline {@code (export "n")*} then an optional inline {@code (import "m" "n")}; returns the import names or null. */
    private String[] inlineExportsAndImport(ExternKind kind, int index) {
        while (openIf("export")) {
            exports.add(new Export(name(expect(Kind.STRING)), kind, index));
            expect(Kind.RPAREN);
        }
        if (openIf("import")) {
            String m = name(expect(Kind.STRING));
            String n = name(expect(Kind.STRING));
            expect(Kind.RPAREN);
            return new String[] {m, n};
        }
        return null;
    }

    private void funcField() {
        if (at(Kind.ID)) {
            next();
        }
        int index = countImports(ExternKind.FUNC) + functions.size();
        if (annotated) {
            custom.functionNamePosition(pos, index);
        }
        String[] imp = inlineExportsAndImport(ExternKind.FUNC, index);
        TypeUse use = typeUse(true);
        int typeIndex = resolve(use);
        if (imp != null) {
            imports.add(new Import(imp[0], imp[1], new ImportDesc.Func(typeIndex)));
            return;
        }
        functions.add(typeIndex);
        localIds = new HashMap<>();
        labels.clear();
        int localCount = use.inline() ? use.params().size() : paramCount(typeIndex);
        for (int i = 0; i < use.paramNames().size(); i++) {
            Token id = use.paramNames().get(i);
            if (id != null && localIds.putIfAbsent(id.text(), i) != null) {
                throw error(id, "duplicate local " + id.text());
            }
        }
        List<ValType> locals = new ArrayList<>();
        while (openIf("local")) {
            if (at(Kind.ID)) {
                Token id = next();
                if (localIds.putIfAbsent(id.text(), localCount + locals.size()) != null) {
                    throw error(id, "duplicate local " + id.text());
                }
                locals.add(valType());
                expect(Kind.RPAREN);
            } else {
                while (!at(Kind.RPAREN)) {
                    locals.add(valType());
                }
                next();
            }
        }
        List<Instruction> code = new ArrayList<>();
        instructions(code);
        code.add(Instruction.END);
        codes.add(new FunctionBody(locals, code));
    }

    private void tableField() {
        if (at(Kind.ID)) {
            next();
        }
        int index = countImports(ExternKind.TABLE) + tables.size();
        String[] imp = inlineExportsAndImport(ExternKind.TABLE, index);
        if (imp != null) {
            imports.add(new Import(imp[0], imp[1], tableTypeDesc()));
            return;
        }
        int save = pos;
        AddressType at = addressType();
        if (at(Kind.KEYWORD) && !NumberLiterals.isInt(peek().text()) || atSexpr("ref")) {
            ValType rt = refType();
            expect(Kind.LPAREN);
            expectKeyword("elem");
            List<List<Instruction>> items = new ArrayList<>();
            if (at(Kind.LPAREN)) {
                while (at(Kind.LPAREN)) {
                    items.add(elemExpr());
                }
            } else {
                while (atIndex()) {
                    items.add(List.of(new Instruction.Indexed(Opcode.REF_FUNC, index(funcSpace)), Instruction.END));
                }
            }
            expect(Kind.RPAREN);
            tables.add(new TableType(rt, new Limits(items.size(), items.size()), at));
            elements.add(new ElementSegment(rt, items, SegmentMode.ACTIVE, index,
                    List.of(zeroAddress(at), Instruction.END)));
            return;
        }
        pos = save;
        ImportDesc.Table t = tableTypeDesc();
        if (!at(Kind.RPAREN)) {
            throw unsupported(peek(), Feature.FUNCTION_REFERENCES, "table initializer expression");
        }
        tables.add(t.type());
    }

    private void memoryField() {
        if (at(Kind.ID)) {
            next();
        }
        int index = countImports(ExternKind.MEMORY) + memories.size();
        String[] imp = inlineExportsAndImport(ExternKind.MEMORY, index);
        if (imp != null) {
            imports.add(new Import(imp[0], imp[1], new ImportDesc.Memory(memoryType())));
            return;
        }
        int save = pos;
        AddressType at = addressType();
        if (openIf("data")) {
            byte[] bytes = dataString();
            expect(Kind.RPAREN);
            long pages = (bytes.length + 65535L) / 65536L;
            memories.add(new MemoryType(new Limits(pages, pages), at));
            datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, index, List.of(zeroAddress(at), Instruction.END)));
            return;
        }
        pos = save;
        memories.add(memoryType());
    }

    /** The offset 0 of an inline segment, typed by the address type of its memory or table. */
    private static Instruction zeroAddress(AddressType at) {
        return at == AddressType.I64 ? new Instruction.I64Const(0) : new Instruction.I32Const(0);
    }

    private void globalField() {
        if (at(Kind.ID)) {
            next();
        }
        int index = countImports(ExternKind.GLOBAL) + globals.size();
        String[] imp = inlineExportsAndImport(ExternKind.GLOBAL, index);
        GlobalType type = globalType();
        if (imp != null) {
            imports.add(new Import(imp[0], imp[1], new ImportDesc.Global(type)));
            return;
        }
        globals.add(new Global(type, constExpr()));
    }

    /** Instructions up to ')' plus a final end. */
    private List<Instruction> constExpr() {
        localIds = new HashMap<>();
        labels.clear();
        List<Instruction> out = new ArrayList<>();
        instructions(out);
        out.add(Instruction.END);
        return out;
    }

    private byte[] dataString() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (at(Kind.STRING)) {
            out.writeBytes(next().bytes());
        }
        return out.toByteArray();
    }

    /** An active segment's offset: {@code (offset instr*)} or one folded instruction. */
    private List<Instruction> offset() {
        if (openIf("offset")) {
            List<Instruction> e = constExpr();
            expect(Kind.RPAREN);
            return e;
        }
        localIds = new HashMap<>();
        labels.clear();
        List<Instruction> out = new ArrayList<>();
        folded(out);
        out.add(Instruction.END);
        return out;
    }

    /** {@code (item instr*)} or one folded instruction. */
    private List<Instruction> elemExpr() {
        if (openIf("item")) {
            List<Instruction> e = constExpr();
            expect(Kind.RPAREN);
            return e;
        }
        return offset();
    }

    private boolean atFoldedInstruction() {
        if (!at(Kind.LPAREN)) {
            return false;
        }
        Token k = peek(1);
        return k.kind() == Kind.KEYWORD && (Opcode.fromText(k.text()) != null || laterInstructionFeature(k.text()) != null);
    }

    private void elemField() {
        if (at(Kind.ID)) {
            next();
        }
        SegmentMode mode = SegmentMode.PASSIVE;
        int table = 0;
        List<Instruction> offset = List.of();
        if (peek().isKeyword("declare")) {
            next();
            mode = SegmentMode.DECLARATIVE;
        } else {
            boolean explicitTable = false;
            if (openIf("table")) {
                table = index(tableSpace);
                expect(Kind.RPAREN);
                explicitTable = true;
            } else if (at(Kind.KEYWORD) && NumberLiterals.parseNat(peek().text()) != null
                    && peek(1).kind() == Kind.LPAREN) {
                table = index(tableSpace);
                explicitTable = true;
            }
            if (explicitTable || atSexpr("offset") || atFoldedInstruction()) {
                mode = SegmentMode.ACTIVE;
                offset = offset();
            }
        }
        ValType type = ValType.FUNCREF;
        List<List<Instruction>> items = new ArrayList<>();
        if (peek().isKeyword("func") || mode == SegmentMode.ACTIVE && !at(Kind.LPAREN) && !at(Kind.RPAREN)
                && !peek().isKeyword("funcref") && !peek().isKeyword("externref")) {
            if (peek().isKeyword("func")) {
                next();
            }
            while (atIndex()) {
                items.add(List.of(new Instruction.Indexed(Opcode.REF_FUNC, index(funcSpace)), Instruction.END));
            }
        } else if (!(mode == SegmentMode.ACTIVE && at(Kind.RPAREN))) {
            type = refType();
            while (at(Kind.LPAREN)) {
                items.add(elemExpr());
            }
        }
        elements.add(new ElementSegment(type, items, mode, mode == SegmentMode.ACTIVE ? table : 0, offset));
    }

    private void dataField() {
        if (at(Kind.ID)) {
            next();
        }
        int memory = 0;
        boolean active = false;
        if (openIf("memory")) {
            memory = index(memorySpace);
            expect(Kind.RPAREN);
            active = true;
        } else if (at(Kind.KEYWORD) && NumberLiterals.parseNat(peek().text()) != null) {
            memory = index(memorySpace);
            active = true;
        }
        List<Instruction> offset = List.of();
        if (active || atSexpr("offset") || atFoldedInstruction()) {
            active = true;
            offset = offset();
        }
        byte[] bytes = dataString();
        datas.add(new DataSegment(bytes, active ? SegmentMode.ACTIVE : SegmentMode.PASSIVE, memory, offset));
    }

    // ---------------------------------------------------------------- instructions

    /** A flat block, loop or if still open in {@link #instructions}; elseAt is -1 until its else. */
    private record OpenBlock(Opcode op, Token label, int elseAt) {
    }

    /**
     * Instructions until ')', EOF, or an {@code else}/{@code end} that belongs to an
     * enclosing block. Flat blocks are tracked on an explicit stack rather than by
     * recursion: printed and wasm2wat text nests them as deep as the binary does (a
     * large switch is hundreds of nested blocks), so their depth must not cost stack.
     */
    private void instructions(List<Instruction> out) {
        ArrayDeque<OpenBlock> open = new ArrayDeque<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case RPAREN, EOF -> {
                    if (!open.isEmpty()) {
                        throw unexpected(t, "'end'");
                    }
                    return;
                }
                case LPAREN -> folded(out);
                case KEYWORD -> {
                    if (t.text().equals("end") || t.text().equals("else")) {
                        if (open.isEmpty()) {
                            return;
                        }
                        OpenBlock b = open.peek();
                        if (t.text().equals("else")) {
                            if (b.op() != Opcode.IF || b.elseAt() >= 0) {
                                throw unexpected(t, "'end'");
                            }
                            next();
                            checkEndLabel(b.label());
                            open.pop();
                            open.push(new OpenBlock(b.op(), b.label(), out.size()));
                            out.add(Instruction.plain(Opcode.ELSE));
                        } else {
                            if (b.elseAt() >= 0 && out.size() == b.elseAt() + 1) {
                                out.remove(b.elseAt());
                            }
                            next();
                            checkEndLabel(b.label());
                            open.pop();
                            labels.removeLast();
                            out.add(Instruction.END);
                        }
                    } else {
                        next();
                        Opcode op = opcode(t);
                        if (annotated) {
                            custom.instructionStart(pos - 1, op);
                        }
                        switch (op) {
                            case BLOCK, LOOP, IF -> {
                                Token label = optionalLabel();
                                BlockType bt = blockType();
                                out.add(new Instruction.Block(op, bt));
                                labels.add(label == null ? null : label.text());
                                open.push(new OpenBlock(op, label, -1));
                            }
                            default -> out.add(plain(t, op));
                        }
                    }
                }
                default -> throw unexpected(t);
            }
        }
    }

    private Token optionalLabel() {
        return at(Kind.ID) ? next() : null;
    }

    private void checkEndLabel(Token label) {
        if (at(Kind.ID)) {
            Token id = next();
            if (label == null || !label.text().equals(id.text())) {
                throw error(id, "mismatching label");
            }
        }
    }

    private Opcode opcode(Token t) {
        if (t.kind() != Kind.KEYWORD) {
            throw unexpected(t);
        }
        Opcode op = Opcode.fromText(t.text());
        if (op == null) {
            throw unexpected(t);
        }
        return op;
    }

    /** Counts one more level of nesting at {@code t}; too deep is malformed rather than a stack overflow. */
    private void enter(Token t) {
        if (++nesting > MAX_NESTING) {
            throw error(t, "nesting too deep");
        }
    }

    private void folded(List<Instruction> out) {
        Token open = expect(Kind.LPAREN);
        enter(open);
        Token t = next();
        Opcode op = opcode(t);
        if (annotated) {
            custom.instructionStart(pos - 2, op);
        }
        switch (op) {
            case BLOCK, LOOP -> {
                Token label = optionalLabel();
                BlockType bt = blockType();
                out.add(new Instruction.Block(op, bt));
                labels.add(label == null ? null : label.text());
                instructions(out);
                labels.removeLast();
                out.add(Instruction.END);
            }
            case IF -> {
                Token label = optionalLabel();
                BlockType bt = blockType();
                while (at(Kind.LPAREN) && !atSexpr("then")) {
                    folded(out);
                }
                out.add(new Instruction.Block(op, bt));
                labels.add(label == null ? null : label.text());
                if (!openIf("then")) {
                    throw unexpected(peek());
                }
                instructions(out);
                expect(Kind.RPAREN);
                if (openIf("else")) {
                    int elseAt = out.size();
                    out.add(Instruction.plain(Opcode.ELSE));
                    instructions(out);
                    expect(Kind.RPAREN);
                    if (out.size() == elseAt + 1) {
                        out.remove(elseAt);
                    }
                }
                labels.removeLast();
                out.add(Instruction.END);
            }
            case ELSE, END -> throw unexpected(t);
            default -> {
                Instruction in = plain(t, op);
                while (at(Kind.LPAREN)) {
                    folded(out);
                }
                out.add(in);
            }
        }
        expect(Kind.RPAREN);
        nesting--;
    }

    /** Immediates of a non-structured instruction. */
    private Instruction plain(Token t, Opcode op) {
        return switch (op.imm()) {
            case NONE -> {
                if (op == Opcode.SELECT && atSexpr("result")) {
                    List<ValType> ts = new ArrayList<>();
                    while (openIf("result")) {
                        while (!at(Kind.RPAREN)) {
                            ts.add(valType());
                        }
                        next();
                    }
                    yield new Instruction.SelectTyped(ts);
                }
                yield Instruction.plain(op);
            }
            case BLOCK_TYPE -> throw unexpected(t);
            case LABEL -> new Instruction.Indexed(op, labelIndex());
            case BR_TABLE -> {
                List<Integer> ls = new ArrayList<>();
                ls.add(labelIndex());
                while (atIndex()) {
                    ls.add(labelIndex());
                }
                int def = ls.removeLast();
                yield new Instruction.BrTable(ls, def);
            }
            case FUNC -> new Instruction.Indexed(op, index(funcSpace));
            case CALL_INDIRECT -> {
                int table = atIndex() ? index(tableSpace) : 0;
                int type = resolve(typeUse(false));
                yield new Instruction.Indexed2(op, type, table);
            }
            case LOCAL -> new Instruction.Indexed(op, localIndex());
            case GLOBAL -> new Instruction.Indexed(op, index(globalSpace));
            case TABLE -> new Instruction.Indexed(op, atIndex() ? index(tableSpace) : 0);
            case MEMARG -> memoryAccess(op);
            case MEMORY, MEMORY_FILL -> new Instruction.Indexed(op, optionalMemory());
            case MEMORY_COPY -> {
                if (atIndex()) {
                    int destination = index(memorySpace);
                    yield new Instruction.Indexed2(op, destination, index(memorySpace));
                }
                yield new Instruction.Indexed2(op, 0, 0);
            }
            case I32 -> new Instruction.I32Const((int) intLiteral(32));
            case I64 -> new Instruction.I64Const(intLiteral(64));
            case F32 -> new Instruction.F32Const((int) floatLiteral(false));
            case F64 -> new Instruction.F64Const(floatLiteral(true));
            case SELECT_TYPES -> throw unexpected(t);
            case REF_TYPE -> {
                Token k = next();
                ValType rt = switch (k.kind() == Kind.KEYWORD ? k.text() : "") {
                    case "func", "funcref" -> ValType.FUNCREF;
                    case "extern", "externref" -> ValType.EXTERNREF;
                    case "any", "none", "noextern", "nofunc", "eq", "i31", "struct", "array" ->
                            throw unsupported(k, Feature.GC, "heap type " + k.text());
                    case "exn", "noexn" -> throw unsupported(k, Feature.EXCEPTIONS, "heap type " + k.text());
                    default -> {
                        if (k.kind() == Kind.ID || k.kind() == Kind.KEYWORD && NumberLiterals.isInt(k.text())) {
                            throw unsupported(k, Feature.FUNCTION_REFERENCES, "heap type " + k.text());
                        }
                        throw unexpected(k);
                    }
                };
                yield new Instruction.RefNull(rt);
            }
            case MEMORY_INIT -> {
                int save = pos;
                next();
                boolean two = atIndex();
                pos = save;
                int memory = two ? index(memorySpace) : 0;
                yield new Instruction.Indexed2(op, index(dataSpace), memory);
            }
            case DATA -> new Instruction.Indexed(op, index(dataSpace));
            case ELEM -> new Instruction.Indexed(op, index(elemSpace));
            case TABLE_INIT -> {
                int save = pos;
                next();
                boolean two = atIndex();
                pos = save;
                if (two) {
                    int table = index(tableSpace);
                    int elem = index(elemSpace);
                    yield new Instruction.Indexed2(op, elem, table);
                }
                yield new Instruction.Indexed2(op, index(elemSpace), 0);
            }
            case TABLE_COPY -> {
                if (atIndex()) {
                    int dst = index(tableSpace);
                    int src = index(tableSpace);
                    yield new Instruction.Indexed2(op, dst, src);
                }
                yield new Instruction.Indexed2(op, 0, 0);
            }
            case V128_CONST -> v128Const();
            case SHUFFLE -> shuffle();
            case LANE -> new Instruction.Lane(op, laneIndex());
            case MEMARG_LANE -> memoryLaneAccess(op);
        };
    }

    // ---------------------------------------------------------------- SIMD immediates

    /** {@code SHAPE lane...} after v128.const: the lane count is checked before the values. */
    private Instruction v128Const() {
        LaneShape.Read read = LaneShape.read(this);
        LaneShape shape = read.shape();
        List<Token> lanes = read.lanes();
        long[] bits = new long[lanes.size()];
        for (int i = 0; i < bits.length; i++) {
            Token t = lanes.get(i);
            try {
                bits[i] = shape.laneBits(t);
            } catch (NumberLiterals.OutOfRange e) {
                throw error(t, "constant out of range");
            } catch (IllegalArgumentException e) {
                throw unexpected(t, "an " + shape.text() + " lane");
            }
        }
        long[] v = shape.pack(bits);
        return new Instruction.V128Const(v[0], v[1]);
    }

    /** The 16 lane indices of i8x16.shuffle, each an unsigned byte. */
    private Instruction shuffle() {
        int[] lanes = new int[16];
        for (int i = 0; i < 16; i++) {
            Token t = peek();
            if (!LaneShape.isNumber(t)) {
                throw error(t, "invalid lane length");
            }
            next();
            BigInteger v = NumberLiterals.parseNat(t.text());
            if (v == null || v.bitLength() > 8) {
                throw error(t, "i8 constant out of range");
            }
            lanes[i] = v.intValue();
        }
        if (LaneShape.isNumber(peek())) {
            throw error(peek(), "invalid lane length");
        }
        return Instruction.Shuffle.of(lanes);
    }

    /** A lane index: an unsigned literal of at most 8 bits. */
    private int laneIndex() {
        Token t = next();
        BigInteger v = t.kind() == Kind.KEYWORD ? NumberLiterals.parseNat(t.text()) : null;
        if (v == null) {
            throw unexpected(t, "a lane index");
        }
        if (v.bitLength() > 8) {
            throw error(t, "i8 constant out of range");
        }
        return v.intValue();
    }

    /**
     * {@code memidx? memarg laneidx}: a leading index is the memory's only when an index or
     * a memarg keyword follows it (otherwise it is the lane).
     */
    private Instruction memoryLaneAccess(Opcode op) {
        Token after = peek(1);
        boolean memoryFirst = at(Kind.ID) || atIndex() && (after.kind() == Kind.ID
                || after.kind() == Kind.KEYWORD && (NumberLiterals.parseNat(after.text()) != null
                || after.text().startsWith("offset=") || after.text().startsWith("align=")));
        int memory = memoryFirst ? optionalMemory() : 0;
        Instruction.MemoryAccess m = memarg(op, memory);
        return new Instruction.MemoryLaneAccess(op, m.alignLog2(), m.offset(), laneIndex(), memory);
    }

    private Instruction memoryAccess(Opcode op) {
        return memarg(op, optionalMemory());
    }

    /** {@code offset=N? align=N?}, defaults 0 and the natural alignment. */
    private Instruction.MemoryAccess memarg(Opcode op, int memory) {
        long offset = 0;
        int alignLog2 = Integer.numberOfTrailingZeros(op.accessBytes());
        Token t = peek();
        if (t.kind() == Kind.KEYWORD && t.text().startsWith("offset=")) {
            next();
            try {
                BigInteger v = NumberLiterals.parseU64(t.text().substring(7));
                if (v == null) {
                    throw error(t, "unknown operator");
                }
                offset = v.longValue();
            } catch (NumberLiterals.OutOfRange e) {
                throw error(t, "offset out of range");
            }
            t = peek();
        }
        if (t.kind() == Kind.KEYWORD && t.text().startsWith("align=")) {
            next();
            BigInteger a;
            try {
                a = NumberLiterals.parseU64(t.text().substring(6));
                if (a == null) {
                    throw error(t, "unknown operator");
                }
            } catch (NumberLiterals.OutOfRange e) {
                throw error(t, "alignment must be a power of two");
            }
            if (a.signum() == 0 || a.bitCount() != 1) {
                throw error(t, "alignment must be a power of two");
            }
            alignLog2 = a.getLowestSetBit();
        }
        return new Instruction.MemoryAccess(op, alignLog2, offset, memory);
    }

    private long intLiteral(int bits) {
        Token t = next();
        if (t.kind() != Kind.KEYWORD) {
            throw unexpected(t);
        }
        try {
            Long v = NumberLiterals.parseInt(t.text(), bits);
            if (v == null) {
                throw unexpected(t);
            }
            return v;
        } catch (NumberLiterals.OutOfRange e) {
            throw error(t, "i" + bits + " constant out of range");
        }
    }

    private long floatLiteral(boolean f64) {
        Token t = next();
        if (t.kind() != Kind.KEYWORD) {
            throw unexpected(t);
        }
        try {
            Long v = f64 ? NumberLiterals.parseF64(t.text()) : NumberLiterals.parseF32(t.text());
            if (v == null) {
                throw unexpected(t);
            }
            return v;
        } catch (NumberLiterals.OutOfRange e) {
            throw error(t, "constant out of range");
        }
    }

}
