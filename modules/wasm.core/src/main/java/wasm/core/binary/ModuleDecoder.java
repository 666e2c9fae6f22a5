package wasm.core.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import wasm.core.MalformedModuleException;
import wasm.core.Feature;
import wasm.core.UnsupportedFeatureException;
import wasm.core.internal.BinaryCode;
import wasm.core.internal.ByteReader;
import wasm.core.internal.InstructionReader;
import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.CustomSection;
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
import wasm.core.model.Locals;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/**
 * Decodes a WebAssembly binary (2.0 without SIMD, and of 3.0 multiple memories,
 * 64-bit memories and tables) into a {@link Module}.
 *
 * <p>Errors carry the reference interpreter's messages so spec scripts match
 * them (the spec's harness compares by prefix: "unexpected end" also matches
 * "unexpected end of section or function"). Where the 3.0 binary format
 * widened an encoding the official suite tests (u64 limits and memarg
 * offsets, memarg flag bit 6, limits flags), the 3.0 reading is used and the
 * constructs wasmoon does not implement raise {@link UnsupportedFeatureException}.
 *
 * <p>Custom sections are kept verbatim in {@link Module#customSections()},
 * except a well-formed "name" section, which becomes {@link Module#names()}
 * (module, function and local names; other name subsections are dropped). A
 * malformed name section is kept verbatim and the names stay empty.
 *
 * <p>Later-proposal instructions with simple immediates (exception handling,
 * tail calls, typed function references) are decoded past and reported as
 * unsupported only once the whole module has proved well formed; SIMD, GC and
 * threads prefixes, v128 and other new types fail at once. Memory indices
 * (multiple memories) and 64-bit memories and tables (limits flag 0x04) are
 * read as 3.0 defines them.
 *
 * <p>Indices are u32 values held in Java ints with the same 32 bits, so
 * indices at or above 2^31 come out negative; no valid module has them.
 */
public final class ModuleDecoder {
    /** Our limit on declared locals per function, like V8's: the model expands them into a list. */
    static final int MAX_LOCALS = 50_000;

    private static final int MAGIC = 0x6D736100;

    /** Spec order of the non-custom sections, indexed by section id (tags, id 13, are unsupported). */
    private static final int[] SECTION_ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11};

    private final ByteReader in;
    /** Reads instructions and types from {@link #in}. */
    private final InstructionReader reader;
    /** The instructions {@link #checkExpression()} counted. */
    private int checkedCount;
    /** Set when a function body uses memory.init or data.drop (needs a data count section). */
    private boolean usesDataIndex;
    private boolean inFunctionBody;
    /** Whether the body being checked has a return_call or return_call_indirect so far. */
    private boolean bodyTailCalls;
    /** Whether the body being checked has a loop so far. */
    private boolean bodyLoops;
    /**
     * The first later-proposal instruction seen. Such instructions with simple
     * immediates are decoded past (as the 3.0 reference decoder does) and the
     * feature is reported only if the module turns out well formed, so a
     * malformed module gets the spec's message.
     */
    private UnsupportedFeatureException deferredUnsupported;

    private ModuleDecoder(byte[] bytes) {
        this.in = new ByteReader(bytes);
        this.reader = new InstructionReader(in);
    }

    /**
     * Decodes a module binary.
     *
     * @param bytes the binary; it is not kept (data segments and custom sections copy their bytes)
     * @return the module, not yet validated
     * @throws MalformedModuleException with the spec's message when the bytes are not a module
     * @throws UnsupportedFeatureException for a construct of a {@link wasm.core.Feature} wasmoon lacks
     */
    public static Module decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ModuleDecoder(bytes).module();
    }

    /**
     * Whether the binary has a section of id {@code id} (1-12: type to data count), read from the
     * section headers alone, nothing decoded or validated: for a caller that prepares for the
     * module (say, for a memory) while it is decoded. Bytes that are not a module, or whose
     * headers are malformed before such a section, answer false; {@link #decode} reports them.
     *
     * @param bytes the binary
     * @param id    a section id
     * @return true when a well-formed header of that id precedes any malformed one
     */
    public static boolean hasSection(byte[] bytes, int id) {
        Objects.requireNonNull(bytes, "bytes");
        ByteReader headers = new ByteReader(bytes);
        try {
            if (bytes.length < 8 || headers.fixed32() != MAGIC || headers.fixed32() != 1) {
                return false;
            }
            while (!headers.atEnd()) {
                int sectionId = headers.u8();
                int size = headers.length32();
                if (sectionId == id) {
                    return true;
                }
                headers.skip(size);
            }
        } catch (MalformedModuleException e) {
            return false;
        }
        return false;
    }

    private Module module() {
        if (in.length() < 4) {
            throw new MalformedModuleException("unexpected end");
        }
        if (in.fixed32() != MAGIC) {
            throw new MalformedModuleException("magic header not detected");
        }
        if (in.length() < 8) {
            throw new MalformedModuleException("unexpected end");
        }
        if (in.fixed32() != 1) {
            throw new MalformedModuleException("unknown binary version");
        }
        List<FuncType> types = List.of();
        List<Import> imports = List.of();
        List<Integer> functions = List.of();
        List<TableType> tables = List.of();
        List<MemoryType> memories = List.of();
        List<Global> globals = List.of();
        List<Export> exports = List.of();
        OptionalInt start = OptionalInt.empty();
        List<ElementSegment> elements = List.of();
        OptionalInt dataCount = OptionalInt.empty();
        List<FunctionBody> codes = List.of();
        List<DataSegment> datas = List.of();
        NameSection names = null;
        List<CustomSection> customs = new ArrayList<>();

        int lastOrder = 0;
        while (!in.atEnd()) {
            int id = in.u8();
            if (id == 13) {
                throw new UnsupportedFeatureException(Feature.EXCEPTIONS, "tag section");
            }
            if (id > 13) {
                throw new MalformedModuleException("malformed section id");
            }
            if (id != 0) {
                int order = SECTION_ORDER[id];
                if (order <= lastOrder) {
                    // The spec decoder stops at a section it cannot accept here and
                    // then finds bytes left over: duplicates and misordering alike.
                    throw new MalformedModuleException("unexpected content after last section");
                }
                lastOrder = order;
            }
            int size = in.length32();
            int sectionStart = in.pos();
            switch (id) {
                case 0 -> {
                    CustomSection custom = customSection(size);
                    if (custom.name().equals("name") && names == null) {
                        names = NameSectionReader.read(custom.data());
                        if (names == null) {
                            customs.add(custom);
                        }
                    } else {
                        customs.add(custom);
                    }
                }
                case 1 -> types = typeSection();
                case 2 -> imports = importSection();
                case 3 -> functions = functionSection();
                case 4 -> tables = tableSection();
                case 5 -> memories = memorySection();
                case 6 -> globals = globalSection();
                case 7 -> exports = exportSection();
                case 8 -> start = OptionalInt.of(in.u32());
                case 9 -> elements = elementSection();
                case 10 -> codes = codeSection(size);
                case 11 -> datas = dataSection();
                case 12 -> dataCount = OptionalInt.of(in.u32());
                default -> throw new IllegalStateException("section id " + id);
            }
            if (in.pos() != sectionStart + size) {
                throw new MalformedModuleException("section size mismatch");
            }
        }
        if (functions.size() != codes.size()) {
            throw new MalformedModuleException("function and code section have inconsistent lengths");
        }
        if (dataCount.isPresent() && dataCount.getAsInt() != datas.size()) {
            throw new MalformedModuleException("data count and data section have inconsistent lengths");
        }
        if (dataCount.isEmpty() && usesDataIndex) {
            throw new MalformedModuleException("data count section required");
        }
        if (deferredUnsupported != null) {
            throw deferredUnsupported;
        }
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, codes, datas, names, customs);
    }

    // ---- sections ----

    private CustomSection customSection(int size) {
        int start = in.pos();
        String name = name();
        int payload = size - (in.pos() - start);
        if (payload < 0) {
            throw new MalformedModuleException(ByteReader.UNEXPECTED_END);
        }
        return new CustomSection(name, in.bytes(payload));
    }

    private List<FuncType> typeSection() {
        int n = in.length32();
        List<FuncType> types = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            int form = reader.readSevenBitByte();
            switch (form) {
                case 0x60 -> {
                    List<ValType> params = valTypes();
                    List<ValType> results = valTypes();
                    types.add(new FuncType(params, results));
                }
                case 0x4E, 0x4F, 0x50, 0x5E, 0x5F -> throw new UnsupportedFeatureException(
                        Feature.GC, "type form 0x" + hex(form));
                default -> throw new MalformedModuleException("malformed function type");
            }
        }
        return types;
    }

    private List<ValType> valTypes() {
        return reader.readValTypes();
    }

    private List<Import> importSection() {
        int n = in.length32();
        List<Import> imports = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            String module = name();
            String field = name();
            int kind = in.u8();
            ImportDesc desc = switch (kind) {
                case 0x00 -> new ImportDesc.Func(in.u32());
                case 0x01 -> new ImportDesc.Table(tableType());
                case 0x02 -> new ImportDesc.Memory(memoryType());
                case 0x03 -> new ImportDesc.Global(globalType());
                case 0x04 -> throw new UnsupportedFeatureException(Feature.EXCEPTIONS, "tag import");
                default -> throw new MalformedModuleException("malformed import kind");
            };
            imports.add(new Import(module, field, desc));
        }
        return imports;
    }

    private List<Integer> functionSection() {
        int n = in.length32();
        List<Integer> functions = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            functions.add(in.u32());
        }
        return functions;
    }

    private List<TableType> tableSection() {
        int n = in.length32();
        List<TableType> tables = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            if (in.peek() == 0x40 && in.remaining() > 1 && in.peekSecond() == 0x00) {
                throw new UnsupportedFeatureException(Feature.FUNCTION_REFERENCES, "table with initializer");
            }
            tables.add(tableType());
        }
        return tables;
    }

    private List<MemoryType> memorySection() {
        int n = in.length32();
        List<MemoryType> memories = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            memories.add(memoryType());
        }
        return memories;
    }

    private List<Global> globalSection() {
        int n = in.length32();
        List<Global> globals = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            GlobalType type = globalType();
            globals.add(new Global(type, expression()));
        }
        return globals;
    }

    private List<Export> exportSection() {
        int n = in.length32();
        List<Export> exports = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            String name = name();
            int kind = in.u8();
            ExternKind k = switch (kind) {
                case 0x00 -> ExternKind.FUNC;
                case 0x01 -> ExternKind.TABLE;
                case 0x02 -> ExternKind.MEMORY;
                case 0x03 -> ExternKind.GLOBAL;
                case 0x04 -> throw new UnsupportedFeatureException(Feature.EXCEPTIONS, "tag export");
                default -> throw new MalformedModuleException("malformed export kind");
            };
            exports.add(new Export(name, k, in.u32()));
        }
        return exports;
    }

    private List<ElementSegment> elementSection() {
        int n = in.length32();
        List<ElementSegment> elements = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            long flags = in.unsigned(32);
            ElementSegment seg = switch ((int) flags) {
                case 0 -> {
                    List<Instruction> offset = expression();
                    yield new ElementSegment(ValType.FUNCREF, functionIndexItems(), SegmentMode.ACTIVE, 0, offset);
                }
                case 1 -> {
                    elemKind();
                    yield new ElementSegment(ValType.FUNCREF, functionIndexItems(), SegmentMode.PASSIVE, 0,
                            List.of());
                }
                case 2 -> {
                    int table = in.u32();
                    List<Instruction> offset = expression();
                    elemKind();
                    yield new ElementSegment(ValType.FUNCREF, functionIndexItems(), SegmentMode.ACTIVE, table,
                            offset);
                }
                case 3 -> {
                    elemKind();
                    yield new ElementSegment(ValType.FUNCREF, functionIndexItems(), SegmentMode.DECLARATIVE, 0,
                            List.of());
                }
                case 4 -> {
                    List<Instruction> offset = expression();
                    yield new ElementSegment(ValType.FUNCREF, expressionItems(), SegmentMode.ACTIVE, 0, offset);
                }
                case 5 -> {
                    ValType t = refType();
                    yield new ElementSegment(t, expressionItems(), SegmentMode.PASSIVE, 0, List.of());
                }
                case 6 -> {
                    int table = in.u32();
                    List<Instruction> offset = expression();
                    ValType t = refType();
                    yield new ElementSegment(t, expressionItems(), SegmentMode.ACTIVE, table, offset);
                }
                case 7 -> {
                    ValType t = refType();
                    yield new ElementSegment(t, expressionItems(), SegmentMode.DECLARATIVE, 0, List.of());
                }
                default -> throw new MalformedModuleException("malformed elements segment kind");
            };
            elements.add(seg);
        }
        return elements;
    }

    private void elemKind() {
        if (in.u8() != 0x00) {
            throw new MalformedModuleException("malformed element kind");
        }
    }

    private List<List<Instruction>> functionIndexItems() {
        int n = in.length32();
        List<List<Instruction>> items = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            items.add(List.of(new Instruction.Indexed(Opcode.REF_FUNC, in.u32()), Instruction.END));
        }
        return items;
    }

    private List<List<Instruction>> expressionItems() {
        int n = in.length32();
        List<List<Instruction>> items = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            items.add(expression());
        }
        return items;
    }

    /**
     * The bodies are checked here (every malformed body is refused with the spec's message) but
     * not turned into records: each keeps its byte range in one copy of the section
     * ({@link BinaryCode}), which the validator reads in one streaming pass and the interpreter
     * or compiler decodes when it first needs the function.
     */
    private List<FunctionBody> codeSection(int sectionSize) {
        int sectionStart = in.pos();
        // In bounds: the section size was checked against the bytes left. A body that reads past
        // the section's end fails the section size check before the copy is used.
        byte[] section = in.copy(sectionStart, sectionStart + sectionSize);
        int n = in.length32();
        List<FunctionBody> codes = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            int size = in.length32();
            int start = in.pos();
            List<ValType> locals = locals();
            int codeStart = in.pos();
            inFunctionBody = true;
            bodyTailCalls = false;
            bodyLoops = false;
            checkExpression();
            inFunctionBody = false;
            if (in.pos() != start + size) {
                throw new MalformedModuleException("section size mismatch");
            }
            codes.add(new FunctionBody(locals, new BinaryCode(section, codeStart - sectionStart,
                    in.pos() - sectionStart, checkedCount, sectionStart, bodyTailCalls, bodyLoops)));
        }
        return codes;
    }

    private List<ValType> locals() {
        int groups = in.length32();
        List<Long> counts = new ArrayList<>(capacity(groups));
        List<ValType> kinds = new ArrayList<>(capacity(groups));
        for (int i = 0; i < groups; i++) {
            counts.add(in.unsigned(32));
            kinds.add(valType());
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total >= 0x1_0000_0000L || total > MAX_LOCALS) {
            // The first is the spec's limit; the second ours, since the model holds one entry per local.
            throw new MalformedModuleException("too many locals");
        }
        // Groups, not one entry per local: a few bytes may declare 50,000 locals.
        long[] c = new long[groups];
        ValType[] t = new ValType[groups];
        for (int i = 0; i < groups; i++) {
            c[i] = counts.get(i);
            t[i] = kinds.get(i);
        }
        return Locals.of(c, t);
    }

    private List<DataSegment> dataSection() {
        int n = in.length32();
        List<DataSegment> datas = new ArrayList<>(capacity(n));
        for (int i = 0; i < n; i++) {
            long flags = in.unsigned(32);
            DataSegment seg = switch ((int) flags) {
                case 0 -> {
                    List<Instruction> offset = expression();
                    yield new DataSegment(dataBytes(), SegmentMode.ACTIVE, 0, offset);
                }
                case 1 -> new DataSegment(dataBytes(), SegmentMode.PASSIVE, 0, List.of());
                case 2 -> {
                    int memory = in.u32();
                    List<Instruction> offset = expression();
                    yield new DataSegment(dataBytes(), SegmentMode.ACTIVE, memory, offset);
                }
                default -> throw new MalformedModuleException("malformed data segment kind");
            };
            datas.add(seg);
        }
        return datas;
    }

    private byte[] dataBytes() {
        return in.bytes(in.length32());
    }

    // ---- types ----

    private String name() {
        int n = in.length32();
        String s = Utf8.decode(in.bytes(n));
        if (s == null) {
            throw new MalformedModuleException("malformed UTF-8 encoding");
        }
        return s;
    }

    private ValType valType() {
        return reader.readValType();
    }

    private ValType refType() {
        return reader.readRefType();
    }

    private TableType tableType() {
        ValType t = refType();
        int flags = in.u8();
        return switch (flags) {
            case 0x00, 0x01, 0x04, 0x05 -> new TableType(t, limits(flags), addressType(flags));
            default -> throw new MalformedModuleException("malformed limits flags");
        };
    }

    /** Limits flags: bit 0 a maximum follows, bit 1 shared, bit 2 64-bit addresses (memory64). */
    private MemoryType memoryType() {
        int flags = in.u8();
        return switch (flags) {
            case 0x00, 0x01, 0x04, 0x05 -> new MemoryType(limits(flags), addressType(flags));
            case 0x02, 0x03, 0x06, 0x07 -> throw new UnsupportedFeatureException(Feature.THREADS, "shared memory");
            default -> throw new MalformedModuleException("malformed limits flags");
        };
    }

    private static AddressType addressType(int flags) {
        return (flags & 0x04) != 0 ? AddressType.I64 : AddressType.I32;
    }

    private Limits limits(int flags) {
        // 3.0 reads both bounds as u64 (the suite's LEB tests depend on it); the
        // validator range-checks them per address type. Values above 2^63-1 are
        // pinned to Long.MAX_VALUE so they cannot alias Limits.UNBOUNDED.
        long min = pinned(in.unsigned(64));
        long max = (flags & 0x01) != 0 ? pinned(in.unsigned(64)) : Limits.UNBOUNDED;
        return new Limits(min, max);
    }

    private static long pinned(long u64) {
        return u64 < 0 ? Long.MAX_VALUE : u64;
    }

    private GlobalType globalType() {
        ValType t = valType();
        int m = in.u8();
        if (m > 1) {
            throw new MalformedModuleException("malformed mutability");
        }
        return new GlobalType(t, m == 1);
    }

    // ---- instructions ----

    /**
     * Reads instructions up to and including the {@code end} that closes the
     * expression. Nesting is tracked with an explicit stack (no recursion);
     * {@code else} is accepted only directly inside an {@code if}.
     */
    private static final byte FRAME_PLAIN = 0;
    private static final byte FRAME_IF = 1;
    private static final byte FRAME_TRY = 2;

    private List<Instruction> expression() {
        List<Instruction> code = new ArrayList<>();
        expression(code);
        return code;
    }

    /** Checks a function body's instructions without making records; {@link #checkedCount} counts them. */
    private void checkExpression() {
        checkedCount = expression(null);
    }

    /** Reads one expression, adding its records to {@code code} unless it is null; returns its length. */
    private int expression(List<Instruction> code) {
        int count = 0;
        // One entry per open construct: FRAME_IF while it is an if that has not seen else.
        byte[] frames = new byte[8];
        int depth = 1;
        while (true) {
            int b = in.peek();
            if (b < 0) {
                throw new MalformedModuleException(ByteReader.UNEXPECTED_END);
            }
            if (b == 0x0B) {
                in.u8();
                if (code != null) {
                    code.add(Instruction.END);
                }
                count++;
                depth--;
                if (depth == 0) {
                    return count;
                }
                continue;
            }
            if (b == 0x05) {
                in.u8();
                if (frames[depth - 1] != FRAME_IF) {
                    throw new MalformedModuleException("END opcode expected");
                }
                frames[depth - 1] = FRAME_PLAIN;
                if (code != null) {
                    code.add(Instruction.plain(Opcode.ELSE));
                }
                count++;
                continue;
            }
            byte opened;
            if (Opcode.fromByte(b) == null && b != 0xFC && b != 0xFD) {
                in.u8();
                int effect = laterProposalInstruction(b, frames[depth - 1]);
                if (effect < 0) {
                    depth--;
                    if (depth == 0) {
                        return count;
                    }
                    continue;
                }
                if (effect == 0) {
                    continue;
                }
                opened = (byte) effect;
            } else {
                Opcode op = reader.next();
                if (code != null) {
                    code.add(reader.toInstruction());
                }
                count++;
                Opcode.Imm imm = op.imm();
                if (imm == Opcode.Imm.DATA || imm == Opcode.Imm.MEMORY_INIT) {
                    usesDataIndex |= inFunctionBody;
                }
                bodyTailCalls |= op == Opcode.RETURN_CALL || op == Opcode.RETURN_CALL_INDIRECT;
                bodyLoops |= op == Opcode.LOOP;
                if (imm != Opcode.Imm.BLOCK_TYPE) {
                    continue;
                }
                opened = op == Opcode.IF ? FRAME_IF : FRAME_PLAIN;
            }
            if (depth == frames.length) {
                frames = Arrays.copyOf(frames, depth * 2);
            }
            frames[depth++] = opened;
        }
    }

    /**
     * Decodes past an instruction of a later proposal whose immediates are
     * simple, recording the feature; throws at once for the rest (GC and
     * threads prefixes) and for illegal bytes. Returns 0 for an ordinary
     * instruction, a FRAME_ kind when it opens a block, -1 when it closes one.
     */
    private int laterProposalInstruction(int b, byte frame) {
        Feature feature;
        int effect = 0;
        switch (b) {
            case 0x06 -> { // try
                reader.readBlockType();
                feature = Feature.EXCEPTIONS;
                effect = FRAME_TRY;
            }
            case 0x07, 0x19 -> { // catch, catch_all
                if (frame != FRAME_TRY) {
                    throw new MalformedModuleException("END opcode expected");
                }
                if (b == 0x07) {
                    in.u32();
                }
                feature = Feature.EXCEPTIONS;
            }
            case 0x18 -> { // delegate
                if (frame != FRAME_TRY) {
                    throw new MalformedModuleException("END opcode expected");
                }
                in.u32();
                feature = Feature.EXCEPTIONS;
                effect = -1;
            }
            case 0x08, 0x09 -> { // throw, rethrow
                in.u32();
                feature = Feature.EXCEPTIONS;
            }
            case 0x0A -> feature = Feature.EXCEPTIONS; // throw_ref
            case 0x1F -> { // try_table
                reader.readBlockType();
                int n = in.length32();
                for (int i = 0; i < n; i++) {
                    int kind = in.u8();
                    if (kind > 3) {
                        throw new MalformedModuleException("malformed catch clause");
                    }
                    if (kind < 2) {
                        in.u32();
                    }
                    in.u32();
                }
                feature = Feature.EXCEPTIONS;
                effect = FRAME_PLAIN;
            }
            case 0x15 -> { // return_call_ref: a tail call, but of typed function references
                in.u32();
                feature = Feature.FUNCTION_REFERENCES;
            }
            case 0x14, 0xD4, 0xD6 -> { // call_ref, br_on_null, br_on_non_null
                in.u32();
                feature = Feature.FUNCTION_REFERENCES;
            }
            case 0xD3 -> feature = Feature.FUNCTION_REFERENCES; // ref.as_non_null
            case 0xD5 -> feature = Feature.GC; // ref.eq
            case 0xFB -> throw new UnsupportedFeatureException(Feature.GC, "0xFB prefix");
            case 0xFE -> throw new UnsupportedFeatureException(Feature.THREADS, "0xFE prefix");
            default -> throw new MalformedModuleException("illegal opcode " + hex(b));
        }
        if (deferredUnsupported == null) {
            deferredUnsupported = new UnsupportedFeatureException(feature, "opcode 0x" + hex(b));
        }
        return effect;
    }

    /**
     * Initial list capacity for a vector of {@code n} entries. {@code n} is already
     * bounded by the bytes left, but an entry may take several bytes, so the
     * lists start small and grow with what is actually decoded.
     */
    private static int capacity(int n) {
        return Math.min(n, 1024);
    }

    private static String hex(int b) {
        return InstructionReader.hex(b);
    }
}
