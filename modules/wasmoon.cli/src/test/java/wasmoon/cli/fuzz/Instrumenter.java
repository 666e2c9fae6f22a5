package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;

/**
 * Makes a module observable the same way from Java and from JavaScript, and deterministic
 * where the spec lets engines differ:
 *
 * <ul>
 *   <li><b>NaN canonicalization.</b> The spec lets an arithmetic instruction (add, sub, mul,
 *   div, sqrt, min, max, ceil, floor, trunc, nearest, promote, demote) return any arithmetic
 *   NaN when an operand is NaN (a canonical NaN of either sign when every NaN operand is
 *   canonical), so V8 and wasmoon may legally disagree on the bits. Each such result goes
 *   through {@code select(x, canonicalNaN, x == x)} before anything else sees it. The
 *   vector forms (f32x4 and f64x2 of the same operations) have the same freedom per lane:
 *   their results go through {@code v128.bitselect(x, canonicalNaNs, fNxM.eq(x, x))}, which
 *   replaces exactly the NaN lanes. The bit-exact instructions (const, load, store,
 *   reinterpret, neg, abs, copysign, pmin, pmax, select, bitselect, lane moves, shuffles,
 *   locals, globals, calls) are left alone: their NaN bits must agree exactly, and do, also
 *   when a NaN's bits reach an integer lane.</li>
 *   <li><b>Call wrappers.</b> Every exported function gets an exported wrapper
 *   {@code fuzz$call$K} (K in export order) whose floats are their integer bits (so nothing
 *   is lost in JS numbers), whose v128 values are two i64 (low and high half; JavaScript
 *   cannot pass a v128), whose reference parameters are passed as null and whose reference
 *   results come back as {@code ref.is_null}.</li>
 *   <li><b>v128 logging.</b> binaryen's SIMD modules import {@code fuzzing-support.log-v128}
 *   (param v128), which V8 cannot call; the import is retyped to (param i64 i64) and each
 *   call to it splits the vector into its halves first.</li>
 *   <li><b>State getters.</b> {@code fuzz$global$K} returns global K (in index space) the same
 *   way; {@code fuzz$memory} exports memory 0 ({@code fuzz$memoryK} memory K of several); {@code fuzz$memhash}
 *   computes inside wasm the hash of memory 0 the runners compute outside it (the regression scripts
 *   assert it).</li>
 * </ul>
 */
public final class Instrumenter {
    /** Instructions whose NaN results the spec leaves nondeterministic. */
    private static final Set<Opcode> NAN_F32 = EnumSet.of(Opcode.F32_ADD, Opcode.F32_SUB, Opcode.F32_MUL,
            Opcode.F32_DIV, Opcode.F32_SQRT, Opcode.F32_MIN, Opcode.F32_MAX, Opcode.F32_CEIL, Opcode.F32_FLOOR,
            Opcode.F32_TRUNC, Opcode.F32_NEAREST, Opcode.F32_DEMOTE_F64);
    private static final Set<Opcode> NAN_F64 = EnumSet.of(Opcode.F64_ADD, Opcode.F64_SUB, Opcode.F64_MUL,
            Opcode.F64_DIV, Opcode.F64_SQRT, Opcode.F64_MIN, Opcode.F64_MAX, Opcode.F64_CEIL, Opcode.F64_FLOOR,
            Opcode.F64_TRUNC, Opcode.F64_NEAREST, Opcode.F64_PROMOTE_F32);
    /** The same for the vector forms, per lane. */
    private static final Set<Opcode> NAN_F32X4 = EnumSet.of(Opcode.F32X4_ADD, Opcode.F32X4_SUB, Opcode.F32X4_MUL,
            Opcode.F32X4_DIV, Opcode.F32X4_SQRT, Opcode.F32X4_MIN, Opcode.F32X4_MAX, Opcode.F32X4_CEIL,
            Opcode.F32X4_FLOOR, Opcode.F32X4_TRUNC, Opcode.F32X4_NEAREST, Opcode.F32X4_DEMOTE_F64X2_ZERO);
    private static final Set<Opcode> NAN_F64X2 = EnumSet.of(Opcode.F64X2_ADD, Opcode.F64X2_SUB, Opcode.F64X2_MUL,
            Opcode.F64X2_DIV, Opcode.F64X2_SQRT, Opcode.F64X2_MIN, Opcode.F64X2_MAX, Opcode.F64X2_CEIL,
            Opcode.F64X2_FLOOR, Opcode.F64X2_TRUNC, Opcode.F64X2_NEAREST, Opcode.F64X2_PROMOTE_LOW_F32X4);
    static final int CANONICAL_NAN_32 = 0x7fc00000;
    static final long CANONICAL_NAN_64 = 0x7ff8000000000000L;
    private static final long CANONICAL_NAN_32X2 = 0x7fc000007fc00000L;

    /** The logging import that takes a v128, retyped to (i64 i64). */
    static final String LOG_V128 = "log-v128";

    public static final String CALL_PREFIX = "fuzz$call$";
    public static final String GLOBAL_PREFIX = "fuzz$global$";
    public static final String MEMORY_EXPORT = "fuzz$memory";
    public static final String MEMHASH_EXPORT = "fuzz$memhash";

    /** FNV-1a over 32-bit words, as {@code fuzz$memhash}, run-node.mjs and FuzzWorker compute it. */
    static final int FNV_OFFSET = 0x811c9dc5;
    static final int FNV_PRIME = 0x01000193;

    /**
     * One wrapper: its export name, the original export's name and signature, and the
     * wrapper's signature (i32/i64 only).
     */
    public record Wrapper(String name, String original, FuncType originalType, FuncType type) {
    }

    /** The instrumented module and its wrappers in export order. */
    public record Instrumented(Module module, List<Wrapper> wrappers) {
    }

    private Instrumenter() {
    }

    /** Instruments {@code m} (valid); the result is valid too. */
    public static Instrumented instrument(Module m) {
        List<FuncType> types = new ArrayList<>(m.types());
        List<Import> imports = new ArrayList<>(m.imports());
        int logV128 = retypeLogV128(m, types, imports);
        List<FunctionBody> codes = new ArrayList<>();
        int importedFuncs = m.importedCount(ExternKind.FUNC);
        for (int i = 0; i < m.codes().size(); i++) {
            FuncType t = m.types().get(m.functions().get(i));
            codes.add(rewriteBody(m.codes().get(i), t.params().size(), logV128));
        }
        List<Integer> functions = new ArrayList<>(m.functions());
        List<Export> exports = new ArrayList<>(m.exports());
        List<Wrapper> wrappers = new ArrayList<>();
        int k = 0;
        for (Export e : m.exports()) {
            if (e.kind() != ExternKind.FUNC) {
                continue;
            }
            FuncType target = m.functionType(e.index());
            FunctionBody body = wrapper(target, e.index());
            FuncType wt = new FuncType(observable(target.params(), false), observable(target.results(), true));
            String name = CALL_PREFIX + k++;
            addFunction(types, functions, codes, exports, wt, body, name, importedFuncs);
            wrappers.add(new Wrapper(name, e.name(), target, wt));
        }
        List<GlobalType> globals = m.allGlobals();
        for (int g = 0; g < globals.size(); g++) {
            ValType t = globals.get(g).type();
            List<Instruction> code = new ArrayList<>();
            pushObservable(t, new Instruction.Indexed(Opcode.GLOBAL_GET, g), code);
            code.add(Instruction.END);
            addFunction(types, functions, codes, exports, new FuncType(List.of(), observable(List.of(t), true)),
                    new FunctionBody(List.of(), code), GLOBAL_PREFIX + g, importedFuncs);
        }
        if (m.memoryCount() > 0) {
            exports.add(new Export(MEMORY_EXPORT, ExternKind.MEMORY, 0));
            addFunction(types, functions, codes, exports, new FuncType(List.of(), List.of(ValType.I32)),
                    memhash(m.allMemories().get(0).is64()), MEMHASH_EXPORT, importedFuncs);
        }
        for (int mem = 1; mem < m.memoryCount(); mem++) {
            exports.add(new Export(MEMORY_EXPORT + mem, ExternKind.MEMORY, mem));
        }
        Module out = new Module(types, imports, functions, m.tables(), m.memories(), m.globals(), exports,
                m.start(), m.elements(), m.dataCount(), codes, m.datas(), m.names(), m.customSections());
        return new Instrumented(out, wrappers);
    }

    /**
     * Retypes the {@code fuzzing-support.log-v128} import (if any) to (param i64 i64) and
     * returns its function index, or -1. Only calls may use it: a reference to it (an
     * export, a table element, {@code ref.func}) would see the new type, so it is refused.
     */
    private static int retypeLogV128(Module m, List<FuncType> types, List<Import> imports) {
        int funcIndex = 0;
        for (int i = 0; i < imports.size(); i++) {
            Import im = imports.get(i);
            if (!(im.desc() instanceof ImportDesc.Func f)) {
                continue;
            }
            if (im.module().equals("fuzzing-support") && im.name().equals(LOG_V128)) {
                if (!types.get(f.typeIndex()).equals(new FuncType(List.of(ValType.V128), List.of()))) {
                    throw new IllegalArgumentException(LOG_V128 + " import of an unexpected type " + types.get(f.typeIndex()));
                }
                requireOnlyCalled(m, funcIndex);
                FuncType halves = new FuncType(List.of(ValType.I64, ValType.I64), List.of());
                int typeIndex = types.indexOf(halves);
                if (typeIndex < 0) {
                    types.add(halves);
                    typeIndex = types.size() - 1;
                }
                imports.set(i, new Import(im.module(), im.name(), new ImportDesc.Func(typeIndex)));
                return funcIndex;
            }
            funcIndex++;
        }
        return -1;
    }

    private static void requireOnlyCalled(Module m, int funcIndex) {
        boolean referenced = m.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNC && e.index() == funcIndex)
                || m.elements().stream().flatMap(e -> e.items().stream()).flatMap(List::stream)
                        .anyMatch(in -> isRefFunc(in, funcIndex))
                || m.codes().stream().flatMap(c -> c.code().stream()).anyMatch(in -> isRefFunc(in, funcIndex))
                || m.globals().stream().flatMap(g -> g.init().stream()).anyMatch(in -> isRefFunc(in, funcIndex));
        if (referenced) {
            throw new IllegalArgumentException(LOG_V128 + " is referenced other than by a call; it cannot be retyped");
        }
    }

    private static boolean isRefFunc(Instruction in, int funcIndex) {
        return in instanceof Instruction.Indexed x && x.opcode() == Opcode.REF_FUNC && x.index() == funcIndex;
    }

    private static void addFunction(List<FuncType> types, List<Integer> functions, List<FunctionBody> codes,
                                    List<Export> exports, FuncType type, FunctionBody body, String exportName,
                                    int importedFuncs) {
        int typeIndex = types.indexOf(type);
        if (typeIndex < 0) {
            types.add(type);
            typeIndex = types.size() - 1;
        }
        functions.add(typeIndex);
        codes.add(body);
        exports.add(new Export(exportName, ExternKind.FUNC, importedFuncs + functions.size() - 1));
    }

    /** The types a wrapper shows for {@code types}: floats as same-width integers, references dropped or as i32. */
    static List<ValType> observable(List<ValType> types, boolean results) {
        List<ValType> out = new ArrayList<>();
        for (ValType t : types) {
            switch (t) {
                case I32, F32 -> out.add(ValType.I32);
                case I64, F64 -> out.add(ValType.I64);
                case FUNCREF, EXTERNREF -> {
                    if (results) {
                        out.add(ValType.I32);
                    }
                }
                case V128 -> {
                    out.add(ValType.I64);
                    out.add(ValType.I64);
                }
            }
        }
        return out;
    }

    /**
     * Pushes the observable form of the value {@code get} reads (a local or a global), of
     * type {@code t}: a v128 is read twice, for its low and its high half.
     */
    private static void pushObservable(ValType t, Instruction get, List<Instruction> code) {
        if (t == ValType.V128) {
            code.add(get);
            code.add(new Instruction.Lane(Opcode.I64X2_EXTRACT_LANE, 0));
            code.add(get);
            code.add(new Instruction.Lane(Opcode.I64X2_EXTRACT_LANE, 1));
        } else {
            code.add(get);
            toObservable(t, code);
        }
    }

    /** Converts the value of type {@code t} (not v128) on top of the stack to its observable form. */
    private static void toObservable(ValType t, List<Instruction> code) {
        switch (t) {
            case F32 -> code.add(Instruction.plain(Opcode.I32_REINTERPRET_F32));
            case F64 -> code.add(Instruction.plain(Opcode.I64_REINTERPRET_F64));
            case FUNCREF, EXTERNREF -> code.add(Instruction.plain(Opcode.REF_IS_NULL));
            default -> {
            }
        }
    }

    private static FunctionBody wrapper(FuncType target, int funcIndex) {
        List<ValType> params = observable(target.params(), false);
        List<Instruction> code = new ArrayList<>();
        int p = 0;
        for (ValType t : target.params()) {
            switch (t) {
                case I32, I64 -> code.add(new Instruction.Indexed(Opcode.LOCAL_GET, p++));
                case F32 -> {
                    code.add(new Instruction.Indexed(Opcode.LOCAL_GET, p++));
                    code.add(Instruction.plain(Opcode.F32_REINTERPRET_I32));
                }
                case F64 -> {
                    code.add(new Instruction.Indexed(Opcode.LOCAL_GET, p++));
                    code.add(Instruction.plain(Opcode.F64_REINTERPRET_I64));
                }
                case FUNCREF, EXTERNREF -> code.add(new Instruction.RefNull(t));
                case V128 -> {
                    // Two i64 parameters, the low half then the high half.
                    code.add(new Instruction.V128Const(0, 0));
                    code.add(new Instruction.Indexed(Opcode.LOCAL_GET, p++));
                    code.add(new Instruction.Lane(Opcode.I64X2_REPLACE_LANE, 0));
                    code.add(new Instruction.Indexed(Opcode.LOCAL_GET, p++));
                    code.add(new Instruction.Lane(Opcode.I64X2_REPLACE_LANE, 1));
                }
            }
        }
        code.add(new Instruction.Indexed(Opcode.CALL, funcIndex));
        List<ValType> results = target.results();
        List<ValType> locals = new ArrayList<>();
        if (results.size() == 1 && results.get(0) != ValType.V128) {
            toObservable(results.get(0), code);
        } else if (!results.isEmpty()) {
            // Results leave the stack last first: park them in locals, then convert in order
            // (a v128 is read twice, so it is parked even when it is the only result).
            locals.addAll(results);
            for (int r = results.size() - 1; r >= 0; r--) {
                code.add(new Instruction.Indexed(Opcode.LOCAL_SET, params.size() + r));
            }
            for (int r = 0; r < results.size(); r++) {
                pushObservable(results.get(r), new Instruction.Indexed(Opcode.LOCAL_GET, params.size() + r), code);
            }
        }
        code.add(Instruction.END);
        return new FunctionBody(locals, code);
    }

    /**
     * {@code fuzz$memhash}: FNV-1a over the little-endian words of memory 0; a 64-bit memory
     * ({@code wide}) is addressed by the zero-extended i32 counter (the fuzzer's memories are small).
     */
    private static FunctionBody memhash(boolean wide) {
        int i = 0;
        int h = 1;
        int n = 2;
        List<Instruction> c = new ArrayList<>(List.of(
                new Instruction.I32Const(FNV_OFFSET), new Instruction.Indexed(Opcode.LOCAL_SET, h),
                new Instruction.Indexed(Opcode.MEMORY_SIZE, 0)));
        if (wide) {
            c.add(Instruction.plain(Opcode.I32_WRAP_I64));
        }
        c.addAll(List.of(new Instruction.I32Const(16),
                Instruction.plain(Opcode.I32_SHL), new Instruction.Indexed(Opcode.LOCAL_SET, n),
                new Instruction.Block(Opcode.BLOCK, wasm.core.model.BlockType.EMPTY),
                new Instruction.Block(Opcode.LOOP, wasm.core.model.BlockType.EMPTY),
                new Instruction.Indexed(Opcode.LOCAL_GET, i), new Instruction.Indexed(Opcode.LOCAL_GET, n),
                Instruction.plain(Opcode.I32_GE_U), new Instruction.Indexed(Opcode.BR_IF, 1),
                new Instruction.Indexed(Opcode.LOCAL_GET, h), new Instruction.Indexed(Opcode.LOCAL_GET, i)));
        if (wide) {
            c.add(Instruction.plain(Opcode.I64_EXTEND_I32_U));
        }
        c.addAll(List.of(new Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0), Instruction.plain(Opcode.I32_XOR),
                new Instruction.I32Const(FNV_PRIME), Instruction.plain(Opcode.I32_MUL),
                new Instruction.Indexed(Opcode.LOCAL_SET, h),
                new Instruction.Indexed(Opcode.LOCAL_GET, i), new Instruction.I32Const(4),
                Instruction.plain(Opcode.I32_ADD), new Instruction.Indexed(Opcode.LOCAL_SET, i),
                new Instruction.Indexed(Opcode.BR, 0), Instruction.END, Instruction.END,
                new Instruction.Indexed(Opcode.LOCAL_GET, h), Instruction.END));
        return new FunctionBody(List.of(ValType.I32, ValType.I32, ValType.I32), c);
    }

    /** The same hash over a memory's bytes (length a multiple of 4), as the runners compute it. */
    public static int memoryHash(byte[] memory) {
        java.nio.IntBuffer words = java.nio.ByteBuffer.wrap(memory).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int h = FNV_OFFSET;
        while (words.hasRemaining()) {
            h = (h ^ words.get()) * FNV_PRIME;
        }
        return h;
    }

    /**
     * Inserts {@code select(x, canonicalNaN, x == x)} after every arithmetic float instruction
     * (per lane for the vector forms) and splits the v128 argument of every call to the
     * {@code log-v128} import ({@code logV128}, or -1) into two i64.
     */
    private static FunctionBody rewriteBody(FunctionBody body, int paramCount, int logV128) {
        boolean any32 = false;
        boolean any64 = false;
        boolean anyV128 = false;
        for (Instruction in : body.code()) {
            any32 |= NAN_F32.contains(in.opcode());
            any64 |= NAN_F64.contains(in.opcode());
            anyV128 |= NAN_F32X4.contains(in.opcode()) || NAN_F64X2.contains(in.opcode()) || isCall(in, logV128);
        }
        if (!any32 && !any64 && !anyV128) {
            return body;
        }
        List<ValType> locals = new ArrayList<>(body.locals());
        int tmp32 = any32 ? addLocal(locals, paramCount, ValType.F32) : -1;
        int tmp64 = any64 ? addLocal(locals, paramCount, ValType.F64) : -1;
        int tmpV = anyV128 ? addLocal(locals, paramCount, ValType.V128) : -1;
        List<Instruction> code = new ArrayList<>(body.code().size() * 2);
        for (Instruction in : body.code()) {
            if (isCall(in, logV128)) {
                code.add(new Instruction.Indexed(Opcode.LOCAL_SET, tmpV));
                pushObservable(ValType.V128, new Instruction.Indexed(Opcode.LOCAL_GET, tmpV), code);
            }
            code.add(in);
            if (NAN_F32.contains(in.opcode())) {
                canonicalize(code, tmp32, new Instruction.F32Const(CANONICAL_NAN_32), Opcode.F32_EQ, Opcode.SELECT);
            } else if (NAN_F64.contains(in.opcode())) {
                canonicalize(code, tmp64, new Instruction.F64Const(CANONICAL_NAN_64), Opcode.F64_EQ, Opcode.SELECT);
            } else if (NAN_F32X4.contains(in.opcode())) {
                canonicalize(code, tmpV, new Instruction.V128Const(CANONICAL_NAN_32X2, CANONICAL_NAN_32X2),
                        Opcode.F32X4_EQ, Opcode.V128_BITSELECT);
            } else if (NAN_F64X2.contains(in.opcode())) {
                canonicalize(code, tmpV, new Instruction.V128Const(CANONICAL_NAN_64, CANONICAL_NAN_64),
                        Opcode.F64X2_EQ, Opcode.V128_BITSELECT);
            }
        }
        return new FunctionBody(locals, code);
    }

    private static boolean isCall(Instruction in, int funcIndex) {
        return funcIndex >= 0 && in instanceof Instruction.Indexed x && x.opcode() == Opcode.CALL
                && x.index() == funcIndex;
    }

    private static int addLocal(List<ValType> locals, int paramCount, ValType t) {
        locals.add(t);
        return paramCount + locals.size() - 1;
    }

    /**
     * {@code select(x, nan, x == x)} on the value on top of the stack, through local
     * {@code tmp}; for a vector, {@code v128.bitselect(x, nans, x == x)} takes each lane
     * from x where it equals itself, from the canonical NaNs where it is a NaN.
     */
    private static void canonicalize(List<Instruction> code, int tmp, Instruction nan, Opcode eq, Opcode select) {
        code.add(new Instruction.Indexed(Opcode.LOCAL_TEE, tmp));
        code.add(nan);
        code.add(new Instruction.Indexed(Opcode.LOCAL_GET, tmp));
        code.add(new Instruction.Indexed(Opcode.LOCAL_GET, tmp));
        code.add(Instruction.plain(eq));
        code.add(Instruction.plain(select));
    }
}
