package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * Our own module generator, for what binaryen's ttf mode (version 108) does not reach: reference
 * types (funcref and externref values, locals, globals, typed select, tables of both kinds,
 * table.get/set/size/grow/fill/copy/init, elem.drop, ref.func, ref.is_null, call_indirect
 * through several tables), bulk memory (memory.fill/copy/init, data.drop), multi-value blocks
 * and calls, floats with NaN payloads and every conversion. Type-directed: every expression is
 * generated for the type it must have, so every module is valid.
 *
 * <p>With SIMD ({@link #generate(long, boolean)}), v128 joins the types: locals, globals,
 * parameters and results, every lane shape's arithmetic, comparisons, shifts, conversions,
 * narrowing and widening, shuffles, swizzle, splats, lane moves, the vector loads and stores
 * (lanes, splats, zero-extending), bitselect, any_true, all_true and bitmask, with constants
 * that carry NaN payloads and the lane limits. A module without SIMD draws exactly the random
 * numbers it drew before SIMD was added, so old seeds keep their modules.
 *
 * <p>With wide memories ({@link Memories}), memory 0 may be 64-bit (memory64) and a second
 * memory (32- or 64-bit) may join it: every load, store and memory instruction then names the
 * memory it uses, addresses have the memory's type (i64 addresses near 2^32 and 2^64 among them),
 * {@code memory.copy} moves bytes between the two, and each memory has its own data segment. A
 * module without wide memories draws exactly the random numbers it drew before they were added.
 *
 * <p>Every module terminates: loops count a local down from a small bound, and each function
 * starts by spending one unit of a fuel global (trapping "unreachable" when it is empty), which
 * the exported {@code refuel_K} functions, called between the others, fill up again; so
 * recursion through {@code call_indirect} ends too.
 */
final class GeneratedModules {
    private static final String[] TYPES = {"i32", "i64", "f32", "f64", "funcref", "externref"};
    private static final String[] TYPES_SIMD = {"i32", "i64", "f32", "f64", "funcref", "externref", "v128"};
    private static final String[] INT_SHAPES = {"i8x16", "i16x8", "i32x4", "i64x2"};
    private static final String[] CMP_S = {"eq", "ne", "lt_s", "gt_s", "le_s", "ge_s"};
    private static final String[] CMP_U = {"lt_u", "gt_u", "le_u", "ge_u"};
    private static final String[] SAT_MINMAX = {"add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "min_s",
        "min_u", "max_s", "max_u", "avgr_u"};
    private static final String[] NUM = {"i32", "i64", "f32", "f64"};
    private static final String[] I_BIN = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u",
        "rotl", "rotr", "div_s", "div_u", "rem_s", "rem_u"};
    private static final String[] I_CMP = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s",
        "ge_u"};
    private static final String[] F_BIN = {"add", "sub", "mul", "div", "min", "max", "copysign"};
    private static final String[] F_UN = {"neg", "abs", "sqrt", "ceil", "floor", "trunc", "nearest"};
    private static final String[] F_CMP = {"eq", "ne", "lt", "gt", "le", "ge"};
    private static final int[] F32_SPECIAL = {0x7fc00000, 0xffc00000, 0x7fa00001, 0x7f800001, 0x7fc0beef,
        0x7f800000, 0xff800000, 0x80000000, 0x00000001, 0x7f7fffff, 0x4f000000, 0xcf000001};
    private static final long[] F64_SPECIAL = {0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff4000000000001L,
        0x7ff0000000000001L, 0x7ff800000000beefL, 0x7ff0000000000000L, 0xfff0000000000000L,
        0x8000000000000000L, 1L, 0x7fefffffffffffffL, 0x43e0000000000000L, 0xc3e0000000000001L};
    private static final long[] INTS = {0, 1, -1, 2, 8, 31, 32, 63, 64, 0x7fffffffL, -0x80000000L, 65535,
        65536, 65532, Long.MIN_VALUE, Long.MAX_VALUE, 131068};

    /** The memories of a module: one 32-bit memory (the MVP shape) or wider ones. */
    enum Memories {
        ONE_32, ONE_64, TWO;

        boolean wide() {
            return this != ONE_32;
        }
    }

    private final SplittableRandom r;
    private final boolean simd;
    private final Memories memories;
    /** Per memory: whether it is 64-bit. */
    private boolean[] mem64 = {false};
    /** The memory the instruction being generated uses (set by {@link #mem()}). */
    private int curMem;
    private final String[] types;
    private final List<String[]> sigParams = new ArrayList<>();
    private final List<String[]> sigResults = new ArrayList<>();
    private int functions;
    private int[] funcSig;
    private int depth;
    private String[] locals;
    private int loopCounters;
    private int t0Size;
    /** Direct calls go to lower-indexed functions only: recursion goes through tables (and fuel). */
    private int currentFunc;
    private int[] slotFunc;

    private GeneratedModules(long seed, boolean simd, Memories memories) {
        this.r = new SplittableRandom(seed);
        this.simd = simd;
        this.memories = memories;
        this.types = simd ? TYPES_SIMD : TYPES;
    }

    /** The binary module of {@code seed} (valid), with v128 code when {@code simd}, one 32-bit memory. */
    static byte[] generate(long seed, boolean simd) {
        return generate(seed, simd, Memories.ONE_32);
    }

    /** The binary module of {@code seed} (valid), with v128 code when {@code simd} and the memories given. */
    static byte[] generate(long seed, boolean simd, Memories memories) {
        String wat = text(seed, simd, memories);
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return ModuleEncoder.encode(m);
    }

    /** The text of the module of {@code seed}. */
    static String text(long seed, boolean simd) {
        return text(seed, simd, Memories.ONE_32);
    }

    /** The text of the module of {@code seed} with the memories given. */
    static String text(long seed, boolean simd, Memories memories) {
        return new GeneratedModules(seed, simd, memories).module();
    }

    private String module() {
        int sigs = 3 + r.nextInt(4);
        for (int s = 0; s < sigs; s++) {
            String[] p = new String[r.nextInt(4)];
            for (int i = 0; i < p.length; i++) {
                p[i] = anyType();
            }
            String[] res = new String[r.nextInt(5) == 0 ? 2 + r.nextInt(2) : r.nextInt(2)];
            for (int i = 0; i < res.length; i++) {
                res[i] = anyType();
            }
            sigParams.add(p);
            sigResults.add(res);
        }
        functions = 3 + r.nextInt(5);
        funcSig = new int[functions];
        for (int f = 0; f < functions; f++) {
            funcSig[f] = r.nextInt(sigs);
        }
        StringBuilder sb = new StringBuilder("(module\n");
        for (int s = 0; s < sigs; s++) {
            sb.append("  (type $s").append(s).append(" (func").append(params(sigParams.get(s)))
                    .append(results(sigResults.get(s))).append("))\n");
        }
        if (memories.wide()) {
            mem64 = memories == Memories.TWO ? new boolean[] {r.nextBoolean(), r.nextBoolean()} : new boolean[] {true};
            for (int k = 0; k < mem64.length; k++) {
                sb.append("  (memory $m").append(k).append(" (export \"mem").append(k == 0 ? "" : k).append("\") ")
                        .append(mem64[k] ? "i64 " : "").append(1 + r.nextInt(2)).append(' ').append(3 + r.nextInt(2))
                        .append(")\n");
            }
        } else {
            sb.append("  (memory (export \"mem\") ").append(1 + r.nextInt(2)).append(' ').append(3 + r.nextInt(2))
                    .append(")\n");
        }
        t0Size = 4 + r.nextInt(8);
        sb.append("  (table $t0 ").append(t0Size).append(" 40 funcref)\n");
        sb.append("  (table $t1 ").append(2 + r.nextInt(4)).append(" 20 externref)\n");
        sb.append("  (table $t2 ").append(r.nextInt(4)).append(" funcref)\n");
        sb.append("  (global $fuel (mut i32) (i32.const 0))\n");
        sb.append("  (global $gi32 (mut i32) (i32.const ").append((int) intConst()).append("))\n");
        sb.append("  (global $gi64 (mut i64) (i64.const ").append(intConst()).append("))\n");
        sb.append("  (global $gf32 (mut f32) (f32.const ").append(f32Const()).append("))\n");
        sb.append("  (global $gf64 (mut f64) (f64.const ").append(f64Const()).append("))\n");
        sb.append("  (global $gfuncref (mut funcref) (ref.func $f").append(r.nextInt(functions)).append("))\n");
        sb.append("  (global $gexternref (mut externref) (ref.null extern))\n");
        sb.append("  (global $gconst i64 (i64.const ").append(intConst()).append("))\n");
        if (simd) {
            sb.append("  (global $gv128 (mut v128) ").append(v128Const()).append(")\n");
        }
        // Table 0 starts full, so call_indirect mostly finds the function (and type) it expects.
        slotFunc = new int[t0Size];
        sb.append("  (elem $e0 (table $t0) (i32.const 0) func");
        for (int i = 0; i < t0Size; i++) {
            slotFunc[i] = r.nextInt(functions);
            sb.append(" $f").append(slotFunc[i]);
        }
        sb.append(")\n");
        sb.append("  (elem $e1 funcref");
        for (int i = 0, n = r.nextInt(5); i < n; i++) {
            sb.append(r.nextInt(4) == 0 ? " (ref.null func)" : " (ref.func $f" + r.nextInt(functions) + ")");
        }
        sb.append(")\n");
        sb.append("  (elem $e2 externref (ref.null extern) (ref.null extern))\n");
        sb.append("  (elem declare func");
        for (int f = 0; f < functions; f++) {
            sb.append(" $f").append(f);
        }
        sb.append(")\n");
        for (int k = 0; k < mem64.length; k++) {
            sb.append("  (data $d").append(k == 0 ? "0" : "m" + k).append(k == 0 ? "" : " (memory $m" + k + ")")
                    .append(" (").append(mem64[k] ? "i64" : "i32").append(".const ").append(r.nextInt(300))
                    .append(") \"").append(dataBytes()).append("\")\n");
        }
        sb.append("  (data $d1 \"").append(dataBytes()).append("\")\n");
        for (int f = 0; f < functions; f++) {
            sb.append("  (func (export \"refuel_").append(f).append("\") (global.set $fuel (i32.const 200)))\n");
            sb.append(function(f));
        }
        sb.append(")\n");
        return sb.toString();
    }

    private String function(int f) {
        currentFunc = f;
        String[] p = sigParams.get(funcSig[f]);
        String[] res = sigResults.get(funcSig[f]);
        List<String> all = new ArrayList<>(List.of(p));
        int extra = r.nextInt(4);
        for (int i = 0; i < extra; i++) {
            all.add(anyType());
        }
        // Scratch locals of every type (multi-value leftovers), then loop counters.
        for (String t : types) {
            all.add(t);
        }
        int counters = 3;
        for (int i = 0; i < counters; i++) {
            all.add("i32");
        }
        locals = all.toArray(String[]::new);
        loopCounters = locals.length - counters;
        StringBuilder sb = new StringBuilder();
        sb.append("  (func $f").append(f).append(" (export \"f").append(f).append("\") (type $s")
                .append(funcSig[f]).append(")");
        sb.append(params(p)).append(results(res));
        for (int i = p.length; i < locals.length; i++) {
            sb.append(" (local ").append(locals[i]).append(')');
        }
        sb.append("\n    (if (i32.eqz (global.get $fuel)) (then unreachable))\n");
        sb.append("    (global.set $fuel (i32.sub (global.get $fuel) (i32.const 1)))\n");
        int stmts = 1 + r.nextInt(6);
        for (int i = 0; i < stmts; i++) {
            depth = 0;
            sb.append("    ").append(statement()).append('\n');
        }
        for (String t : res) {
            depth = 0;
            sb.append("    ").append(expr(t)).append('\n');
        }
        sb.append("  )\n");
        return sb.toString();
    }

    // ---- statements ----

    private String statement() {
        depth++;
        if (depth > 4) {
            return "(nop)";
        }
        return switch (r.nextInt(simd ? 24 : 22)) {
            case 22, 23 -> vstore();
            case 0, 1 -> {
                int l = r.nextInt(loopCounters);
                yield "(local.set " + l + " " + expr(locals[l]) + ")";
            }
            case 2 -> {
                String t = anyType();
                yield "(global.set $g" + t + " " + expr(t) + ")";
            }
            case 3, 4 -> store();
            case 5 -> "(table.set $t0 " + index(4) + " " + expr("funcref") + ")";
            case 6 -> "(table.set $t1 " + index(2) + " " + expr("externref") + ")";
            case 7 -> "(table.fill $t0 " + index(2) + " " + expr("funcref") + " " + index(3) + ")";
            case 8 -> r.nextInt(4) == 0
                    ? "(table.copy $t0 $t2 " + index(2) + " " + index(1) + " " + index(1) + ")"
                    : "(table.copy $t0 $t0 " + index(4) + " " + index(4) + " " + index(1) + ")";
            case 9 -> "(table.init $t0 $e1 " + index(2) + " " + index(1) + " " + index(2) + ")";
            case 10 -> r.nextInt(4) != 0 ? "(nop)" : r.nextBoolean() ? "(elem.drop $e1)" : "(data.drop $d1)";
            case 11 -> memoryFill();
            case 12 -> memoryCopy();
            case 13 -> memoryInit();
            case 14 -> "(drop " + expr(anyType()) + ")";
            case 15 -> callStatement();
            case 16 -> callIndirectStatement();
            case 17 -> "(if " + expr("i32") + " (then " + statement() + ") (else " + statement() + "))";
            case 18 -> loop();
            case 19 -> block();
            case 20 -> "(drop (table.grow $t" + (r.nextBoolean() ? 0 : 2) + " " + expr("funcref") + " " + index(3)
                    + "))";
            default -> "(drop (table.grow $t1 " + expr("externref") + " " + index(3) + "))";
        };
    }

    private String loop() {
        int c = loopCounters + r.nextInt(3);
        String body = statement() + " " + statement();
        return "(local.set " + c + " (i32.const " + (1 + r.nextInt(6)) + ")) (block (loop " + body
                + " (local.set " + c + " (i32.sub (local.get " + c + ") (i32.const 1)))"
                + " (br_if 0 (i32.gt_s (local.get " + c + ") (i32.const 0)))))";
    }

    private String block() {
        String a = statement();
        String exit = switch (r.nextInt(3)) {
            case 0 -> "(br_if 0 " + expr("i32") + ")";
            case 1 -> "(br_table 0 0 0 " + expr("i32") + ")";
            default -> "(br 0)";
        };
        String b = statement();
        return "(block " + a + " " + exit + " " + b + ")";
    }

    private String store() {
        String t = NUM[r.nextInt(4)];
        String[] ops = switch (t) {
            case "i32" -> new String[] {"i32.store", "i32.store8", "i32.store16"};
            case "i64" -> new String[] {"i64.store", "i64.store8", "i64.store16", "i64.store32"};
            case "f32" -> new String[] {"f32.store"};
            default -> new String[] {"f64.store"};
        };
        return "(" + ops[r.nextInt(ops.length)] + mem() + offset() + " " + address() + " " + expr(t) + ")";
    }

    /**
     * Picks the memory of the next memory instruction ({@link #curMem}) and returns its name as an
     * immediate (" $m1"), or "" for the MVP shape (no random draw there, so old seeds keep their
     * modules).
     */
    private String mem() {
        if (!memories.wide()) {
            curMem = 0;
            return "";
        }
        curMem = mem64.length == 1 ? 0 : r.nextInt(mem64.length);
        return " $m" + curMem;
    }

    /** An i32 length (a constant below {@code bound} mostly), extended when {@code wide} (i64 lengths). */
    private String length(int bound, boolean wide) {
        String n = index(bound);
        return wide ? "(i64.extend_i32_u " + n + ")" : n;
    }

    private String memoryFill() {
        String m = mem();
        boolean wide = mem64[curMem];
        return "(memory.fill" + m + " " + address() + " " + expr("i32") + " " + length(300, wide) + ")";
    }

    /** Within a memory or, with two, between them: the length is i64 only when both are 64-bit. */
    private String memoryCopy() {
        String dst = mem();
        boolean dstWide = mem64[curMem];
        String dstAddress = address();
        String src = mem();
        boolean srcWide = mem64[curMem];
        String srcAddress = address();
        return "(memory.copy" + dst + src + " " + dstAddress + " " + srcAddress + " "
                + length(300, dstWide && srcWide) + ")";
    }

    /** The passive segment into a memory: the address has the memory's type, offset and length are i32. */
    private String memoryInit() {
        String m = mem();
        return "(memory.init" + m + " $d1 " + address() + " " + index(1) + " " + index(1) + ")";
    }

    /** memory.size or memory.grow of a memory, as an i32 (wrapped from a 64-bit memory's i64). */
    private String memorySizeOrGrow() {
        boolean size = r.nextBoolean();
        String m = mem();
        boolean wide = mem64[curMem];
        String e = size ? "(memory.size" + m + ")" : "(memory.grow" + m + " " + length(2, wide) + ")";
        return wide ? "(i32.wrap_i64 " + e + ")" : e;
    }

    private String callStatement() {
        if (currentFunc == 0) {
            return "(nop)";
        }
        int g = r.nextInt(currentFunc);
        StringBuilder sb = new StringBuilder("(call $f").append(g);
        for (String p : sigParams.get(funcSig[g])) {
            sb.append(' ').append(expr(p));
        }
        sb.append(')');
        for (int i = 0; i < sigResults.get(funcSig[g]).length; i++) {
            sb.append(" (drop)");
        }
        return sb.toString();
    }

    private String callIndirectStatement() {
        int s = r.nextInt(sigParams.size());
        int slot = r.nextInt(t0Size);
        if (r.nextInt(8) != 0) {
            s = funcSig[slotFunc[slot]];
        }
        StringBuilder sb = new StringBuilder("(call_indirect $t").append(r.nextInt(8) == 0 ? 2 : 0)
                .append(" (type $s").append(s).append(')');
        for (String p : sigParams.get(s)) {
            sb.append(' ').append(expr(p));
        }
        sb.append(' ').append(r.nextInt(16) == 0 ? expr("i32") : "(i32.const " + slot + ")").append(')');
        for (int i = 0; i < sigResults.get(s).length; i++) {
            sb.append(" (drop)");
        }
        return sb.toString();
    }

    // ---- expressions ----

    private String expr(String t) {
        depth++;
        try {
            if (depth > 6 || r.nextInt(6) == 0) {
                return leaf(t);
            }
            return switch (t) {
                case "i32" -> i32();
                case "i64" -> i64();
                case "f32", "f64" -> fexpr(t);
                case "v128" -> vexpr();
                case "funcref" -> funcref();
                default -> externref();
            };
        } finally {
            depth--;
        }
    }

    private String leaf(String t) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < loopCounters; i++) {
            if (locals[i].equals(t)) {
                candidates.add(i);
            }
        }
        if (!candidates.isEmpty() && r.nextInt(3) == 0) {
            return "(local.get " + candidates.get(r.nextInt(candidates.size())) + ")";
        }
        if (r.nextInt(4) == 0) {
            return "(global.get $g" + t + ")";
        }
        return switch (t) {
            case "i32" -> "(i32.const " + (int) intConst() + ")";
            case "i64" -> r.nextInt(4) == 0 ? "(global.get $gconst)" : "(i64.const " + intConst() + ")";
            case "f32" -> "(f32.const " + f32Const() + ")";
            case "f64" -> "(f64.const " + f64Const() + ")";
            case "funcref" -> r.nextBoolean() ? "(ref.null func)" : "(ref.func $f" + r.nextInt(functions) + ")";
            case "v128" -> v128Const();
            default -> "(ref.null extern)";
        };
    }

    /** A binary integer operation; most divisors are made odd, so division traps stay occasional. */
    private String binary(String t) {
        String op = I_BIN[r.nextInt(I_BIN.length)];
        String divisor = expr(t);
        if ((op.startsWith("div") || op.startsWith("rem")) && r.nextInt(4) != 0) {
            divisor = "(" + t + ".or " + divisor + " (" + t + ".const 1))";
        }
        return "(" + t + "." + op + " " + expr(t) + " " + divisor + ")";
    }

    private String i32() {
        return switch (r.nextInt(simd ? 23 : 20)) {
            case 20, 21 -> {
                String shape = pick("i8x16", "i16x8", "i32x4");
                String sign = shape.equals("i32x4") ? "" : r.nextBoolean() ? "_s" : "_u";
                yield "(" + shape + ".extract_lane" + sign + " " + lane(shape) + " " + expr("v128") + ")";
            }
            case 22 -> r.nextInt(3) == 0 ? "(v128.any_true " + expr("v128") + ")"
                    : "(" + pick(INT_SHAPES) + (r.nextBoolean() ? ".all_true " : ".bitmask ") + expr("v128") + ")";
            case 0, 1, 2 -> binary("i32");
            case 3 -> "(i32." + I_CMP[r.nextInt(I_CMP.length)] + " " + expr("i32") + " " + expr("i32") + ")";
            case 4 -> "(i64." + I_CMP[r.nextInt(I_CMP.length)] + " " + expr("i64") + " " + expr("i64") + ")";
            case 5 -> {
                String f = r.nextBoolean() ? "f32" : "f64";
                yield "(" + f + "." + F_CMP[r.nextInt(F_CMP.length)] + " " + expr(f) + " " + expr(f) + ")";
            }
            case 6 -> "(i32." + pick("clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s") + " " + expr("i32") + ")";
            case 7 -> "(i32.wrap_i64 " + expr("i64") + ")";
            case 8 -> {
                String f = r.nextBoolean() ? "f32" : "f64";
                yield "(i32.trunc" + (r.nextInt(8) != 0 ? "_sat" : "") + "_" + f + (r.nextBoolean() ? "_s " : "_u ")
                        + expr(f) + ")";
            }
            case 9 -> "(i32.reinterpret_f32 " + expr("f32") + ")";
            case 10 -> "(" + pick("i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u")
                    + mem() + offset() + " " + address() + ")";
            case 11 -> memorySizeOrGrow();
            case 12 -> "(table.size $t" + r.nextInt(3) + ")";
            case 13 -> "(ref.is_null " + expr(r.nextBoolean() ? "funcref" : "externref") + ")";
            case 14 -> "(i64.eqz " + expr("i64") + ")";
            case 15 -> select("i32");
            case 16 -> ifExpr("i32");
            case 17 -> multiBlock("i32");
            case 18 -> call("i32");
            default -> "(local.tee " + localOf("i32") + " " + expr("i32") + ")";
        };
    }

    private String i64() {
        return switch (r.nextInt(simd ? 17 : 16)) {
            case 16 -> "(i64x2.extract_lane " + r.nextInt(2) + " " + expr("v128") + ")";
            case 0, 1, 2 -> binary("i64");
            case 3 -> "(i64." + pick("clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s") + " "
                    + expr("i64") + ")";
            case 4 -> "(i64.extend_i32_" + (r.nextBoolean() ? "s " : "u ") + expr("i32") + ")";
            case 5 -> {
                String f = r.nextBoolean() ? "f32" : "f64";
                yield "(i64.trunc" + (r.nextInt(8) != 0 ? "_sat" : "") + "_" + f + (r.nextBoolean() ? "_s " : "_u ")
                        + expr(f) + ")";
            }
            case 6 -> "(i64.reinterpret_f64 " + expr("f64") + ")";
            case 7 -> "(" + pick("i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u",
                    "i64.load32_s", "i64.load32_u") + mem() + offset() + " " + address() + ")";
            case 8 -> select("i64");
            case 9 -> ifExpr("i64");
            case 10 -> multiBlock("i64");
            case 11 -> call("i64");
            case 12 -> callIndirect("i64");
            default -> "(local.tee " + localOf("i64") + " " + expr("i64") + ")";
        };
    }

    private String fexpr(String t) {
        String other = t.equals("f32") ? "f64" : "f32";
        String bits = t.equals("f32") ? "i32" : "i64";
        return switch (r.nextInt(simd ? 16 : 15)) {
            case 15 -> {
                String shape = t.equals("f32") ? "f32x4" : "f64x2";
                yield "(" + shape + ".extract_lane " + lane(shape) + " " + expr("v128") + ")";
            }
            case 0, 1, 2 -> "(" + t + "." + F_BIN[r.nextInt(F_BIN.length)] + " " + expr(t) + " " + expr(t) + ")";
            case 3, 4 -> "(" + t + "." + F_UN[r.nextInt(F_UN.length)] + " " + expr(t) + ")";
            case 5 -> {
                String from = r.nextBoolean() ? "i32" : "i64";
                yield "(" + t + ".convert_" + from + (r.nextBoolean() ? "_s " : "_u ") + expr(from) + ")";
            }
            case 6 -> t.equals("f32") ? "(f32.demote_f64 " + expr(other) + ")" : "(f64.promote_f32 " + expr(other) + ")";
            case 7 -> "(" + t + ".reinterpret_" + bits + " " + expr(bits) + ")";
            case 8 -> "(" + t + ".load" + mem() + offset() + " " + address() + ")";
            case 9 -> select(t);
            case 10 -> ifExpr(t);
            case 11 -> multiBlock(t);
            case 12 -> call(t);
            default -> "(local.tee " + localOf(t) + " " + expr(t) + ")";
        };
    }

    private String funcref() {
        return switch (r.nextInt(6)) {
            case 0 -> "(table.get $t0 " + index(4) + ")";
            case 1 -> r.nextInt(4) == 0 ? "(table.get $t2 " + index(1) + ")" : "(table.get $t0 " + index(4) + ")";
            case 2 -> select("funcref");
            case 3 -> ifExpr("funcref");
            case 4 -> call("funcref");
            default -> "(ref.func $f" + r.nextInt(functions) + ")";
        };
    }

    private String externref() {
        return switch (r.nextInt(4)) {
            case 0 -> "(table.get $t1 " + index(2) + ")";
            case 1 -> select("externref");
            case 2 -> ifExpr("externref");
            default -> call("externref");
        };
    }

    private String select(String t) {
        boolean typed = !t.equals("i32") && !t.equals("i64") && !t.equals("f32") && !t.equals("f64")
                || r.nextBoolean();
        return "(select" + (typed ? " (result " + t + ")" : "") + " " + expr(t) + " " + expr(t) + " " + expr("i32")
                + ")";
    }

    private String ifExpr(String t) {
        String s = "(if (result " + t + ") " + expr("i32") + " (then " + expr(t) + ") (else " + expr(t) + "))";
        return s;
    }

    /** A block with two results, the second parked in a scratch local: exercises multi-value blocks. */
    private String multiBlock(String t) {
        String second = anyType();
        String exit = r.nextBoolean() ? "" : " (br_if 0 " + expr("i32") + ")";
        String body = expr(t) + " " + expr(second) + exit;
        return "(block (result " + t + " " + second + ") " + body + ") (local.set " + scratch(second) + ")";
    }

    /** A call to a function whose first result has type {@code t}, other results parked; else a leaf. */
    private String call(String t) {
        List<Integer> fs = new ArrayList<>();
        for (int g = 0; g < currentFunc; g++) {
            String[] res = sigResults.get(funcSig[g]);
            if (res.length > 0 && res[0].equals(t)) {
                fs.add(g);
            }
        }
        if (fs.isEmpty()) {
            return leaf(t);
        }
        int g = fs.get(r.nextInt(fs.size()));
        StringBuilder sb = new StringBuilder("(call $f").append(g);
        for (String p : sigParams.get(funcSig[g])) {
            sb.append(' ').append(expr(p));
        }
        sb.append(')');
        String[] res = sigResults.get(funcSig[g]);
        for (int i = res.length - 1; i >= 1; i--) {
            sb.append(" (local.set ").append(scratch(res[i])).append(')');
        }
        return sb.toString();
    }

    private String callIndirect(String t) {
        List<Integer> ss = new ArrayList<>();
        for (int s = 0; s < sigResults.size(); s++) {
            if (sigResults.get(s).length > 0 && sigResults.get(s)[0].equals(t)) {
                ss.add(s);
            }
        }
        if (ss.isEmpty()) {
            return leaf(t);
        }
        int s = ss.get(r.nextInt(ss.size()));
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < t0Size; i++) {
            if (funcSig[slotFunc[i]] == s) {
                slots.add(i);
            }
        }
        String index = slots.isEmpty() || r.nextInt(16) == 0 ? index(t0Size)
                : "(i32.const " + slots.get(r.nextInt(slots.size())) + ")";
        StringBuilder sb = new StringBuilder("(call_indirect $t0 (type $s").append(s).append(')');
        for (String p : sigParams.get(s)) {
            sb.append(' ').append(expr(p));
        }
        sb.append(' ').append(index).append(')');
        String[] res = sigResults.get(s);
        for (int i = res.length - 1; i >= 1; i--) {
            sb.append(" (local.set ").append(scratch(res[i])).append(')');
        }
        return sb.toString();
    }

    // ---- SIMD ----

    /** A v128 expression: lane arithmetic of every shape, conversions, shuffles, lanes, loads. */
    private String vexpr() {
        String v1 = expr("v128");
        return switch (r.nextInt(18)) {
            case 0, 1, 2 -> "(" + intBinary() + " " + v1 + " " + expr("v128") + ")";
            case 3, 4 -> {
                String shape = r.nextBoolean() ? "f32x4" : "f64x2";
                yield "(" + shape + "." + pick("add", "sub", "mul", "div", "min", "max", "pmin", "pmax", "eq", "ne",
                        "lt", "gt", "le", "ge") + " " + v1 + " " + expr("v128") + ")";
            }
            case 5 -> "(" + intUnary() + " " + v1 + ")";
            case 6 -> "(" + floatUnary() + " " + v1 + ")";
            case 7 -> "(" + pick(INT_SHAPES) + "." + pick("shl", "shr_s", "shr_u") + " " + v1 + " "
                    + (r.nextBoolean() ? "(i32.const " + (r.nextInt(70) - 3) + ")" : expr("i32")) + ")";
            case 8 -> switch (r.nextInt(4)) {
                case 0 -> "(v128.not " + v1 + ")";
                case 1 -> "(v128.bitselect " + v1 + " " + expr("v128") + " " + expr("v128") + ")";
                default -> "(v128." + pick("and", "or", "xor", "andnot") + " " + v1 + " " + expr("v128") + ")";
            };
            case 9 -> {
                StringBuilder sb = new StringBuilder("(i8x16.shuffle");
                for (int i = 0; i < 16; i++) {
                    sb.append(' ').append(r.nextInt(4) == 0 ? r.nextInt(32) : i + 16 * r.nextInt(2));
                }
                yield sb.append(' ').append(v1).append(' ').append(expr("v128")).append(')').toString();
            }
            case 10 -> {
                String shape = pick("i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2");
                yield "(" + shape + ".splat " + expr(laneType(shape)) + ")";
            }
            case 11 -> {
                String shape = pick("i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2");
                yield "(" + shape + ".replace_lane " + lane(shape) + " " + v1 + " " + expr(laneType(shape)) + ")";
            }
            case 12 -> vload(v1);
            case 13 -> select("v128");
            case 14 -> ifExpr("v128");
            case 15 -> call("v128");
            case 16 -> "(local.tee " + localOf("v128") + " " + v1 + ")";
            default -> "(global.set $gv128 " + v1 + ") (global.get $gv128)";
        };
    }

    private String intBinary() {
        return switch (r.nextInt(4)) {
            case 0 -> "i8x16." + pick(pick(CMP_S), pick(CMP_U), pick(SAT_MINMAX), "add", "sub", "swizzle",
                    "narrow_i16x8_s", "narrow_i16x8_u");
            case 1 -> "i16x8." + pick(pick(CMP_S), pick(CMP_U), pick(SAT_MINMAX), "add", "sub", "mul",
                    "q15mulr_sat_s", "narrow_i32x4_s", "narrow_i32x4_u",
                    "extmul_" + pick("low", "high") + "_i8x16_" + pick("s", "u"));
            case 2 -> "i32x4." + pick(pick(CMP_S), pick(CMP_U), pick("min_s", "min_u", "max_s", "max_u"), "add", "sub",
                    "mul", "dot_i16x8_s", "extmul_" + pick("low", "high") + "_i16x8_" + pick("s", "u"));
            default -> "i64x2." + pick(pick(CMP_S), "add", "sub", "mul",
                    "extmul_" + pick("low", "high") + "_i32x4_" + pick("s", "u"));
        };
    }

    private String intUnary() {
        return switch (r.nextInt(4)) {
            case 0 -> "i8x16." + pick("abs", "neg", "popcnt");
            case 1 -> "i16x8." + pick("abs", "neg", "extend_" + pick("low", "high") + "_i8x16_" + pick("s", "u"),
                    "extadd_pairwise_i8x16_" + pick("s", "u"));
            case 2 -> "i32x4." + pick("abs", "neg", "extend_" + pick("low", "high") + "_i16x8_" + pick("s", "u"),
                    "extadd_pairwise_i16x8_" + pick("s", "u"), "trunc_sat_f32x4_" + pick("s", "u"),
                    "trunc_sat_f64x2_" + pick("s", "u") + "_zero");
            default -> "i64x2." + pick("abs", "neg", "extend_" + pick("low", "high") + "_i32x4_" + pick("s", "u"));
        };
    }

    private String floatUnary() {
        return r.nextBoolean()
                ? "f32x4." + pick("abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest",
                        "convert_i32x4_" + pick("s", "u"), "demote_f64x2_zero")
                : "f64x2." + pick("abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest",
                        "convert_low_i32x4_" + pick("s", "u"), "promote_low_f32x4");
    }

    private String vload(String v1) {
        return switch (r.nextInt(4)) {
            case 0 -> "(v128.load" + mem() + offset() + " " + address() + ")";
            case 1 -> "(v128.load" + pick("8x8_s", "8x8_u", "16x4_s", "16x4_u", "32x2_s", "32x2_u", "32_zero",
                    "64_zero") + mem() + offset() + " " + address() + ")";
            case 2 -> "(v128.load" + pick("8", "16", "32", "64") + "_splat" + mem() + offset() + " " + address() + ")";
            default -> {
                int bits = 8 << r.nextInt(4);
                yield "(v128.load" + bits + "_lane" + mem() + offset() + " " + r.nextInt(128 / bits) + " " + address() + " "
                        + v1 + ")";
            }
        };
    }

    private String vstore() {
        if (r.nextBoolean()) {
            return "(v128.store" + mem() + offset() + " " + address() + " " + expr("v128") + ")";
        }
        int bits = 8 << r.nextInt(4);
        return "(v128.store" + bits + "_lane" + mem() + offset() + " " + r.nextInt(128 / bits) + " " + address() + " "
                + expr("v128") + ")";
    }

    /** A lane index of {@code shape}. */
    private int lane(String shape) {
        return r.nextInt(switch (shape) {
            case "i8x16" -> 16;
            case "i16x8" -> 8;
            case "i32x4", "f32x4" -> 4;
            default -> 2;
        });
    }

    private static String laneType(String shape) {
        return switch (shape) {
            case "i64x2" -> "i64";
            case "f32x4" -> "f32";
            case "f64x2" -> "f64";
            default -> "i32";
        };
    }

    /** A v128 constant: float lanes with NaN payloads and infinities, integer lanes at their limits, or bits. */
    private String v128Const() {
        return switch (r.nextInt(4)) {
            case 0 -> {
                StringBuilder sb = new StringBuilder("(v128.const i32x4");
                for (int i = 0; i < 4; i++) {
                    int bits = r.nextBoolean() ? F32_SPECIAL[r.nextInt(F32_SPECIAL.length)]
                            : Float.floatToRawIntBits((float) (r.nextInt(2000) - 1000) / 8);
                    sb.append(" 0x").append(Integer.toHexString(bits));
                }
                yield sb.append(')').toString();
            }
            case 1 -> "(v128.const i64x2 0x" + Long.toHexString(F64_SPECIAL[r.nextInt(F64_SPECIAL.length)]) + " 0x"
                    + Long.toHexString(r.nextBoolean() ? F64_SPECIAL[r.nextInt(F64_SPECIAL.length)]
                            : Double.doubleToRawLongBits((r.nextInt(2000) - 1000) / 8.0)) + ")";
            case 2 -> {
                StringBuilder sb = new StringBuilder("(v128.const i16x8");
                for (int i = 0; i < 8; i++) {
                    sb.append(' ').append(pick("0", "1", "-1", "0x7fff", "0x8000", "0xff", "0x80", "0x7f",
                            Integer.toString(r.nextInt(65536))));
                }
                yield sb.append(')').toString();
            }
            default -> "(v128.const i64x2 0x" + Long.toHexString(r.nextLong()) + " 0x" + Long.toHexString(r.nextLong())
                    + ")";
        };
    }

    // ---- pieces ----

    private int scratch(String t) {
        for (int i = 0; i < types.length; i++) {
            if (types[i].equals(t)) {
                return loopCounters - types.length + i;
            }
        }
        throw new IllegalArgumentException(t);
    }

    /** A local of type {@code t} that is not a loop counter (the scratch local at worst). */
    private int localOf(String t) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < loopCounters; i++) {
            if (locals[i].equals(t)) {
                c.add(i);
            }
        }
        return c.get(r.nextInt(c.size()));
    }

    /**
     * An address into {@link #curMem}, of its type. For a 64-bit memory mostly a zero-extended
     * 32-bit address; sometimes an i64 past 4 GiB or near 2^64 (where a check that wraps would
     * pass) or any i64 expression.
     */
    private String address() {
        if (!mem64[curMem]) {
            return address32();
        }
        return switch (r.nextInt(16)) {
            case 0 -> "(i64.const " + pickLong(1L << 32, (1L << 32) + 8, -1L, -8L, -65536L, Long.MIN_VALUE,
                    Long.MAX_VALUE, 65536L * 4 - 4) + ")";
            case 1 -> "(i64.and " + expr("i64") + " (i64.const 0xfff8))";
            case 2 -> expr("i64");
            default -> "(i64.extend_i32_u " + address32() + ")";
        };
    }

    private long pickLong(long... values) {
        return values[r.nextInt(values.length)];
    }

    /** Mostly in bounds (1 page at least): small constants or masked expressions; sometimes near or past the end. */
    private String address32() {
        return switch (r.nextInt(24)) {
            case 0 -> r.nextBoolean() ? "(i32.const " + (65536 * (1 + r.nextInt(3)) - r.nextInt(9)) + ")" : expr("i32");
            case 2, 3, 4, 5, 6 -> "(i32.and " + expr("i32") + " (i32.const 0xfff8))";
            default -> "(i32.const " + r.nextInt(1024) + ")";
        };
    }

    private String offset() {
        return switch (r.nextInt(24)) {
            case 0 -> " offset=" + (r.nextInt(65536) + 65536 * r.nextInt(3));
            case 1, 2 -> " offset=" + r.nextInt(32);
            default -> "";
        };
    }

    /** Mostly a constant below {@code bound}; sometimes any i32 expression (likely out of bounds). */
    private String index(int bound) {
        return r.nextInt(32) == 0 ? expr("i32") : "(i32.const " + r.nextInt(bound) + ")";
    }

    private String anyType() {
        return types[r.nextInt(types.length)];
    }

    private long intConst() {
        return r.nextInt(3) == 0 ? INTS[r.nextInt(INTS.length)] : r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(200) - 50;
    }

    private String f32Const() {
        int bits = r.nextInt(3) == 0 ? F32_SPECIAL[r.nextInt(F32_SPECIAL.length)]
                : r.nextBoolean() ? Float.floatToRawIntBits((float) (r.nextInt(2000) - 1000) / 8) : r.nextInt();
        return floatText(Float.intBitsToFloat(bits), bits);
    }

    private String f64Const() {
        long bits = r.nextInt(3) == 0 ? F64_SPECIAL[r.nextInt(F64_SPECIAL.length)]
                : r.nextBoolean() ? Double.doubleToRawLongBits((r.nextInt(2000) - 1000) / 8.0) : r.nextLong();
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            return (bits < 0 ? "-" : "") + "nan:0x" + Long.toHexString(bits & 0x000fffffffffffffL);
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toHexString(d);
    }

    private static String floatText(float f, int bits) {
        if (Float.isNaN(f)) {
            return (bits < 0 ? "-" : "") + "nan:0x" + Integer.toHexString(bits & 0x007fffff);
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return Double.toHexString(f);
    }

    private String dataBytes() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(16); i < n; i++) {
            sb.append(String.format("\\%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String params(String[] types) {
        return types.length == 0 ? "" : " (param " + String.join(" ", types) + ")";
    }

    private static String results(String[] types) {
        return types.length == 0 ? "" : " (result " + String.join(" ", types) + ")";
    }
}
