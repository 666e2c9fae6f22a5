package wasm.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import wasm.ir.testing.FloatEdges;

/**
 * Generates terminating WebAssembly modules (WAT text) over integer and float
 * arithmetic, control flow (block/if/loop/br_if/br_table/select), calls (to
 * lower-indexed functions only, so no recursion), globals and linear memory,
 * including trapping cases (division by zero, overflow, float-to-int
 * conversion, out-of-bounds accesses, unreachable). Loops count down a counter
 * local the body never writes, so every program terminates. Each module exports
 * {@code f0..fN} of type (i32, i64) -> i32|i64|f32|f64, about a third of them
 * with one to three more i32/i64 results (multi-value, JIT ABI v2; a call folds
 * all results, in order, into one value through scratch locals), a memory "mem"
 * and globals "g0".."g3" (i32, i64, f32, f64).
 *
 * <p>Floats, for the JIT's XMM register class: every operator, edge values
 * ({@link FloatEdges}: signed zeros, infinities, quiet and signalling NaNs with
 * payloads, subnormals, extremes, rounding ties, integer bounds); internal "wide"
 * helpers {@code $w0..} of 9 to 20 mixed i32/i64/f32/f64 parameters (more than
 * the System V registers of either class, so stack arguments of both) called
 * with computed arguments; and a pressure statement that keeps 18 f64 and 14
 * i64 values live at once, sometimes across a call (spills in both classes,
 * floats across calls).
 *
 * <p>NaN payloads are nondeterministic in Wasm where arithmetic makes them, so
 * a third of the modules are <em>exact</em> ({@link #isExact}): their floats
 * only move through bit-exact operations (constants, locals, parameters,
 * loads, stores, globals, select, abs, neg, copysign, reinterpretation, calls),
 * and their results, memory and globals must match bit for bit. The others use
 * every operator; where a float could reach memory, a global or an integer
 * through reinterpretation, it is first sanitised (a NaN becomes 0), and a
 * float result may differ from the interpreter's only as another NaN that is
 * quiet (an arithmetic NaN).
 */
final class RandomWasmPrograms {
    private static final String[] I32_BIN = {"i32.add", "i32.sub", "i32.mul", "i32.and", "i32.or", "i32.xor",
        "i32.shl", "i32.shr_s", "i32.shr_u", "i32.rotl", "i32.rotr", "i32.div_s", "i32.div_u", "i32.rem_s",
        "i32.rem_u", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u",
        "i32.ge_s", "i32.ge_u"};
    private static final String[] I64_BIN = {"i64.add", "i64.sub", "i64.mul", "i64.and", "i64.or", "i64.xor",
        "i64.shl", "i64.shr_s", "i64.shr_u", "i64.rotl", "i64.rotr", "i64.div_s", "i64.div_u", "i64.rem_s",
        "i64.rem_u"};
    private static final String[] I64_CMP = {"i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u",
        "i64.le_s", "i64.le_u", "i64.ge_s", "i64.ge_u"};
    private static final String[] I32_UN = {"i32.clz", "i32.ctz", "i32.popcnt", "i32.eqz", "i32.extend8_s",
        "i32.extend16_s"};
    private static final String[] I64_UN = {"i64.clz", "i64.ctz", "i64.popcnt", "i64.extend8_s", "i64.extend16_s",
        "i64.extend32_s"};
    private static final String[] I32_LOADS = {"i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s",
        "i32.load16_u"};
    private static final String[] I64_LOADS = {"i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s",
        "i64.load16_u", "i64.load32_s", "i64.load32_u"};
    private static final long[] INTERESTING = {0, 1, -1, 2, 7, 31, 32, 63, 64, 0x7fffffffL, 0x80000000L,
        Long.MIN_VALUE, Long.MAX_VALUE, 65535, 65536, 65532, -8};
    private static final String[] F_BIN = {"add", "sub", "mul", "div", "min", "max"};
    private static final String[] F_UN = {"sqrt", "ceil", "floor", "trunc", "nearest"};
    private static final String[] F_CMP = {"eq", "ne", "lt", "gt", "le", "ge"};
    private static final int PRESSURE_F64 = 18;
    private static final int PRESSURE_I64 = 14;

    private final Random rnd;
    private final boolean loops;
    private final boolean exact;
    private final int helpers;
    private final String[][] helperParams;
    private final String[] helperResult;
    private final int functions;
    /** The (first) result type of each exported function. */
    private final String[] results;
    /** Results after the first, per function (most have none). */
    private final String[][] moreResults;
    private int depthBudget;
    /** Locals of the function being generated, by type (parameters first). */
    private Map<String, List<String>> scope;
    private boolean pressureDone;
    private int pressureBlocks;
    private int pressureAcrossCalls;

    private RandomWasmPrograms(long seed, boolean loops) {
        this.rnd = new Random(seed);
        this.loops = loops;
        this.functions = 1 + rnd.nextInt(4);
        this.results = new String[functions];
        for (int i = 0; i < functions; i++) {
            results[i] = switch (rnd.nextInt(6)) {
                case 0 -> "f32";
                case 1 -> "f64";
                case 2, 3 -> "i64";
                default -> "i32";
            };
        }
        this.moreResults = new String[functions][];
        for (int i = 0; i < functions; i++) {
            moreResults[i] = new String[rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0];
            for (int k = 0; k < moreResults[i].length; k++) {
                moreResults[i][k] = rnd.nextBoolean() ? "i64" : "i32";
            }
        }
        this.exact = rnd.nextInt(3) == 0;
        this.helpers = rnd.nextInt(3);
        this.helperParams = new String[helpers][];
        this.helperResult = new String[helpers];
        for (int h = 0; h < helpers; h++) {
            helperParams[h] = new String[9 + rnd.nextInt(12)];
            for (int k = 0; k < helperParams[h].length; k++) {
                helperParams[h][k] = anyType();
            }
            helperResult[h] = anyType();
        }
    }

    private String anyType() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "i32";
            case 1 -> "i64";
            case 2 -> "f32";
            default -> "f64";
        };
    }

    /** A module from {@code seed}; same seed, same text. */
    static String module(long seed) {
        return new RandomWasmPrograms(seed, true).module();
    }

    /** As {@link #module(long)} without loops (for mutation: a mutated loop may never end). */
    static String loopFreeModule(long seed) {
        return new RandomWasmPrograms(seed, false).module();
    }

    /** Whether the module {@code seed} moves floats only bit-exactly (results, memory, globals compare bitwise). */
    static boolean isExact(long seed) {
        return new RandomWasmPrograms(seed, true).exact;
    }

    /** Arguments for the exported functions: interesting values mixed with random ones. */
    static long[][] arguments(long seed, int count) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        long[][] out = new long[count][];
        for (int i = 0; i < count; i++) {
            long a = r.nextInt(3) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(200) - 50;
            long b = r.nextInt(3) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)]
                    : r.nextInt(3) == 0 ? FloatEdges.F64[r.nextInt(FloatEdges.F64.length)] : r.nextLong();
            out[i] = new long[] {(int) a, b};
        }
        return out;
    }

    private String module() {
        StringBuilder sb = new StringBuilder("(module\n");
        sb.append("  (memory (export \"mem\") 1 3)\n");
        sb.append("  (global $g0 (export \"g0\") (mut i32) (i32.const ").append(rnd.nextInt()).append("))\n");
        sb.append("  (global $g1 (export \"g1\") (mut i64) (i64.const ").append(rnd.nextLong()).append("))\n");
        sb.append("  (global $g2 (export \"g2\") (mut f32) ").append(f32Const()).append(")\n");
        sb.append("  (global $g3 (export \"g3\") (mut f64) ").append(f64Const()).append(")\n");
        sb.append("  (data (i32.const ").append(rnd.nextInt(200)).append(") \"\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\fe\\80\\7f\")\n");
        sb.append("  (data (i32.const ").append(200 + rnd.nextInt(200))
                .append(") \"\\00\\00\\c0\\7f\\01\\00\\80\\7f\\00\\00\\00\\00\\00\\00\\f8\\ff\\01\\00\\00\\00\\00\\00\\f0\\7f\")\n");
        sb.append("  (type $ti (func (param i32 i64) (result i32)))\n");
        sb.append("  (type $tl (func (param i32 i64) (result i64)))\n");
        sb.append("  (table $t 8 16 funcref)\n");
        sb.append("  (elem (i32.const 0) func");
        for (int f = 0; f < functions; f++) {
            sb.append(" $f").append(f);
        }
        sb.append(")\n");
        sb.append("  (data $d \"\\10\\20\\30\\40\\50\\60\\70\\80\")\n");
        for (int h = 0; h < helpers; h++) {
            sb.append(helper(h));
        }
        for (int f = 0; f < functions; f++) {
            sb.append(function(f));
        }
        sb.append(")\n");
        return sb.toString();
    }

    private static final String LOCALS = "    (local $l0 i32) (local $l1 i64) (local $c0 i32) (local $c1 i32)\n"
            + "    (local $mi32 i32) (local $mi64 i64) (local $acci32 i32) (local $acci64 i64)\n"
            + "    (local $y0 f32) (local $y1 f32) (local $sf32 f32) (local $sf64 f64)\n"
            + "    (local $x0 f64) (local $x1 f64) (local $x2 f64) (local $x3 f64) (local $x4 f64) (local $x5 f64)"
            + " (local $x6 f64) (local $x7 f64) (local $x8 f64)\n"
            + "    (local $x9 f64) (local $x10 f64) (local $x11 f64) (local $x12 f64) (local $x13 f64)"
            + " (local $x14 f64) (local $x15 f64) (local $x16 f64) (local $x17 f64)\n"
            + "    (local $q0 i64) (local $q1 i64) (local $q2 i64) (local $q3 i64) (local $q4 i64) (local $q5 i64)"
            + " (local $q6 i64) (local $q7 i64) (local $q8 i64) (local $q9 i64) (local $q10 i64) (local $q11 i64)"
            + " (local $q12 i64) (local $q13 i64)\n";

    /** Scope of the fixed locals plus {@code params} (name, type pairs). */
    private void enter(Map<String, String> params) {
        scope = new LinkedHashMap<>();
        for (String t : new String[] {"i32", "i64", "f32", "f64"}) {
            scope.put(t, new ArrayList<>());
        }
        params.forEach((name, type) -> scope.get(type).add(name));
        scope.get("i32").add("$l0");
        scope.get("i64").add("$l1");
        scope.get("f32").add("$y0");
        scope.get("f32").add("$y1");
        scope.get("f64").add("$x0");
        scope.get("f64").add("$x1");
        depthBudget = 60;
        pressureDone = false;
    }

    private String local(String type) {
        List<String> names = scope.get(type);
        return names.get(rnd.nextInt(names.size()));
    }

    private String helper(int h) {
        Map<String, String> params = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder("  (func $w" + h);
        for (int k = 0; k < helperParams[h].length; k++) {
            params.put("$a" + k, helperParams[h][k]);
            sb.append(" (param $a").append(k).append(' ').append(helperParams[h][k]).append(')');
        }
        sb.append(" (result ").append(helperResult[h]).append(")\n").append(LOCALS);
        enter(params);
        int f = -1 - h; // calls: helpers below h only
        for (int i = rnd.nextInt(3); i > 0; i--) {
            sb.append("    ").append(statement(f, 2, 1)).append('\n');
        }
        sb.append("    ").append(expr(helperResult[h], f, 3, 1)).append("\n  )\n");
        return sb.toString();
    }

    private String function(int f) {
        String result = results[f] + (moreResults[f].length == 0 ? "" : " " + String.join(" ", moreResults[f]));
        StringBuilder sb = new StringBuilder();
        sb.append("  (func $f").append(f).append(" (export \"f").append(f)
                .append("\") (param $p0 i32) (param $p1 i64) (result ").append(result).append(")\n").append(LOCALS);
        enter(Map.of("$p0", "i32", "$p1", "i64"));
        int stmts = rnd.nextInt(5);
        for (int i = 0; i < stmts; i++) {
            sb.append("    ").append(statement(f, 3, 0)).append('\n');
        }
        sb.append("    ").append(expr(results[f], f, 4, 0)).append('\n');
        for (String t : moreResults[f]) {
            sb.append("    ").append(expr(t, f, 2, 0)).append('\n');
        }
        sb.append("  )\n");
        return sb.toString();
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private long constant() {
        return rnd.nextInt(3) == 0 ? INTERESTING[rnd.nextInt(INTERESTING.length)] : rnd.nextInt(100) - 20;
    }

    /** An expression of any of the four types. */
    private String expr(String type, int f, int depth, int loops) {
        return switch (type) {
            case "i32" -> i32(f, depth, loops);
            case "i64" -> i64(f, depth, loops);
            default -> fp(type, f, depth, loops);
        };
    }

    /** An address: usually in the first page (masked), sometimes anything (often out of bounds). */
    private String address(int f, int depth, int loops) {
        String e = i32(f, depth - 1, loops);
        return switch (rnd.nextInt(6)) {
            case 0 -> e;
            case 1 -> "(i32.const " + (65536 - rnd.nextInt(9)) + ")";
            default -> "(i32.and " + e + " (i32.const 0xfff8))";
        };
    }

    private String offset() {
        return switch (rnd.nextInt(5)) {
            case 0 -> " offset=" + rnd.nextInt(70000);
            case 1 -> " offset=" + rnd.nextInt(16);
            default -> "";
        };
    }

    private String i32(int f, int depth, int loops) {
        if (depth <= 0 || --depthBudget <= 0) {
            return switch (rnd.nextInt(4)) {
                case 0, 1 -> "(local.get " + local("i32") + ")";
                case 2 -> "(global.get $g0)";
                default -> "(i32.const " + (int) constant() + ")";
            };
        }
        int d = depth - 1;
        return switch (rnd.nextInt(22)) {
            case 0, 1, 2, 3 -> "(" + pick(I32_BIN) + " " + i32(f, d, loops) + " " + i32(f, d, loops) + ")";
            case 4 -> "(" + pick(I32_UN) + " " + i32(f, d, loops) + ")";
            case 5 -> "(i32.wrap_i64 " + i64(f, d, loops) + ")";
            case 6 -> "(" + pick(I64_CMP) + " " + i64(f, d, loops) + " " + i64(f, d, loops) + ")";
            case 7 -> "(" + pick(I32_LOADS) + offset() + " " + address(f, depth, loops) + ")";
            case 8 -> "(select " + i32(f, d, loops) + " " + i32(f, d, loops) + " " + i32(f, d, loops) + ")";
            case 9 -> "(if (result i32) " + i32(f, d, loops) + " (then " + i32(f, d, loops) + ") (else "
                    + i32(f, d, loops) + "))";
            case 10 -> "(block $b (result i32) " + statement(f, d, loops) + " (br_if $b " + i32(f, d, loops) + " "
                    + i32(f, d, loops) + ") (drop) " + i32(f, d, loops) + ")";
            case 11 -> call(f, d, loops, "i32");
            case 12 -> "(local.tee $l0 " + i32(f, d, loops) + ")";
            case 13 -> rnd.nextInt(4) == 0 ? "(memory.grow (i32.and " + i32(f, d, loops) + " (i32.const 1)))"
                    : "(memory.size)";
            case 14 -> "(block $x (result i32) (block $y (block $z (br_table $z $y $z " + i32(f, d, loops)
                    + ")) (br $x (i32.const 11))) (i32.const 22))";
            case 15 -> rnd.nextInt(8) == 0 ? "(unreachable)" : "(i32.const " + rnd.nextInt() + ")";
            case 16 -> callIndirect(f, d, loops, false);
            case 17 -> rnd.nextBoolean() ? "(table.size $t)"
                    : "(table.grow $t (ref.null func) (i32.and " + i32(f, d, loops) + " (i32.const 3)))";
            case 18 -> {
                String t = floatType();
                yield "(" + t + "." + pick(F_CMP) + " " + fp(t, f, d, loops) + " " + fp(t, f, d, loops) + ")";
            }
            case 19 -> {
                String t = floatType();
                yield "(i32.trunc_" + (rnd.nextBoolean() ? "sat_" : "") + t + "_" + (rnd.nextBoolean() ? "s " : "u ")
                        + fp(t, f, d, loops) + ")";
            }
            case 20 -> "(i32.reinterpret_f32 " + bitsOf("f32", f, d, loops) + ")";
            default -> "(local.get $c0)";
        };
    }

    private String i64(int f, int depth, int loops) {
        if (depth <= 0 || --depthBudget <= 0) {
            return switch (rnd.nextInt(4)) {
                case 0, 1 -> "(local.get " + local("i64") + ")";
                case 2 -> "(global.get $g1)";
                default -> "(i64.const " + constant() + ")";
            };
        }
        int d = depth - 1;
        return switch (rnd.nextInt(14)) {
            case 0, 1, 2, 3 -> "(" + pick(I64_BIN) + " " + i64(f, d, loops) + " " + i64(f, d, loops) + ")";
            case 4 -> "(" + pick(I64_UN) + " " + i64(f, d, loops) + ")";
            case 5 -> "(i64.extend_i32_" + (rnd.nextBoolean() ? "s " : "u ") + i32(f, d, loops) + ")";
            case 6 -> "(" + pick(I64_LOADS) + offset() + " " + address(f, depth, loops) + ")";
            case 7 -> "(select " + i64(f, d, loops) + " " + i64(f, d, loops) + " " + i32(f, d, loops) + ")";
            case 8 -> "(if (result i64) " + i32(f, d, loops) + " (then " + i64(f, d, loops) + ") (else "
                    + i64(f, d, loops) + "))";
            case 9 -> call(f, d, loops, "i64");
            case 10 -> callIndirect(f, d, loops, true);
            case 11 -> {
                String t = floatType();
                yield "(i64.trunc_" + (rnd.nextBoolean() ? "sat_" : "") + t + "_" + (rnd.nextBoolean() ? "s " : "u ")
                        + fp(t, f, d, loops) + ")";
            }
            case 12 -> "(i64.reinterpret_f64 " + bitsOf("f64", f, d, loops) + ")";
            default -> "(local.tee $l1 " + i64(f, d, loops) + ")";
        };
    }

    private String floatType() {
        return rnd.nextBoolean() ? "f32" : "f64";
    }

    private String f64Const() {
        return FloatEdges.constant("f64", rnd);
    }

    private String f32Const() {
        return FloatEdges.constant("f32", rnd);
    }

    /**
     * A float of type {@code t}. Exact modules use only the bit-exact operators; the others
     * every operator (arithmetic on NaNs makes nondeterministic payloads).
     */
    private String fp(String t, int f, int depth, int loops) {
        String it = t.equals("f32") ? "i32" : "i64";
        if (depth <= 0 || --depthBudget <= 0) {
            return switch (rnd.nextInt(5)) {
                case 0, 1 -> "(local.get " + local(t) + ")";
                case 2 -> t.equals("f32") ? "(global.get $g2)" : "(global.get $g3)";
                case 3 -> "(" + t + ".reinterpret_" + it + " (local.get " + local(it) + "))";
                default -> t.equals("f32") ? f32Const() : f64Const();
            };
        }
        int d = depth - 1;
        int choice = rnd.nextInt(exact ? 11 : 18);
        return switch (choice) {
            case 0 -> t.equals("f32") ? f32Const() : f64Const();
            case 1 -> "(local.get " + local(t) + ")";
            case 2 -> "(" + t + "." + (rnd.nextBoolean() ? "abs " : "neg ") + fp(t, f, d, loops) + ")";
            // the sign operand's sign bit goes on into the result: a NaN there (whose sign
            // arithmetic leaves nondeterministic) would make a result that is no NaN differ
            case 3 -> "(" + t + ".copysign " + fp(t, f, d, loops) + " " + bitsOf(t, f, d, loops) + ")";
            case 4 -> "(select " + fp(t, f, d, loops) + " " + fp(t, f, d, loops) + " " + i32(f, d, loops) + ")";
            case 5 -> "(if (result " + t + ") " + i32(f, d, loops) + " (then " + fp(t, f, d, loops) + ") (else "
                    + fp(t, f, d, loops) + "))";
            case 6 -> "(local.tee " + local(t) + " " + fp(t, f, d, loops) + ")";
            case 7 -> "(" + t + ".load" + offset() + " " + address(f, depth, loops) + ")";
            case 8 -> "(" + t + ".reinterpret_" + it + " " + expr(it, f, d, loops) + ")";
            case 9 -> call(f, d, loops, t);
            case 10 -> t.equals("f32") ? "(global.get $g2)" : "(global.get $g3)";
            case 11, 12, 13 -> "(" + t + "." + pick(F_BIN) + " " + fp(t, f, d, loops) + " " + fp(t, f, d, loops) + ")";
            case 14 -> "(" + t + "." + pick(F_UN) + " " + fp(t, f, d, loops) + ")";
            case 15 -> {
                String src = rnd.nextBoolean() ? "i32" : "i64";
                yield "(" + t + ".convert_" + src + "_" + (rnd.nextBoolean() ? "s " : "u ") + expr(src, f, d, loops) + ")";
            }
            case 16 -> t.equals("f32") ? "(f32.demote_f64 " + fp("f64", f, d, loops) + ")"
                    : "(f64.promote_f32 " + fp("f32", f, d, loops) + ")";
            default -> "(" + t + "." + pick(F_BIN) + " " + fp(t, f, d, loops) + " "
                    + (t.equals("f32") ? f32Const() : f64Const()) + ")";
        };
    }

    /**
     * A float whose bits go on to memory, a global or an integer: in an inexact module a
     * NaN (whose payload is nondeterministic there) becomes 0 first.
     */
    private String bitsOf(String t, int f, int depth, int loops) {
        String e = fp(t, f, depth, loops);
        if (exact) {
            return e;
        }
        String s = "$s" + t;
        return "(select (local.tee " + s + " " + e + ") (" + t + ".const 0) (" + t + ".eq (local.get " + s
                + ") (local.get " + s + ")))";
    }

    /**
     * A call returning {@code type}: to a lower-indexed exported function (arguments i32, i64)
     * or to a wide helper (many mixed arguments, computed); else a leaf of the type.
     */
    private String call(int f, int depth, int loops, String type) {
        List<String> callees = new ArrayList<>();
        for (int g = 0; g < Math.max(f, 0); g++) {
            if (results[g].equals(type)) {
                callees.add("$f" + g);
            }
        }
        int helperLimit = f >= 0 ? helpers : -1 - f;
        for (int h = 0; h < helperLimit; h++) {
            if (helperResult[h].equals(type)) {
                callees.add("$w" + h);
            }
        }
        if (callees.isEmpty()) {
            return expr(type, f, 0, loops);
        }
        String callee = callees.get(rnd.nextInt(callees.size()));
        if (callee.startsWith("$w")) {
            return helperCall(Integer.parseInt(callee.substring(2)), f, depth, loops);
        }
        int g = Integer.parseInt(callee.substring(2));
        String call = "(call $f" + g + " " + i32(f, depth, loops) + " " + i64(f, depth, loops) + ")";
        return moreResults[g].length == 0 ? call : foldResults(call, type, moreResults[g]);
    }

    /** A call to wide helper {@code h} with computed arguments of its mixed parameter types. */
    private String helperCall(int h, int f, int depth, int loops) {
        StringBuilder sb = new StringBuilder("(call $w" + h);
        for (String p : helperParams[h]) {
            sb.append(' ').append(expr(p, f, Math.min(depth, 1), loops));
        }
        return sb.append(')').toString();
    }

    /** What the module {@code seed} contains of what the generator is meant to cover. */
    static Map<String, Integer> features(long seed) {
        RandomWasmPrograms p = new RandomWasmPrograms(seed, true);
        String wat = p.module();
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("wide helper calls", count(wat, "(call $w"));
        m.put("pressure statements", p.pressureBlocks);
        m.put("pressure across a call", p.pressureAcrossCalls);
        m.put("float arithmetic", count(wat, "f64.add ") + count(wat, "f32.mul ") + count(wat, "f64.div "));
        m.put("float stores", count(wat, "f32.store") + count(wat, "f64.store"));
        return m;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * A call with several results as one value of {@code type} (the first result's type): pops
     * the later results from the last down (acc = acc * 31 + result, through a scratch local),
     * then xors the first with the accumulator; a float first result takes the converted
     * accumulator's sign (copysign keeps exact modules bit-exact) or is added to it.
     */
    private String foldResults(String call, String type, String[] more) {
        String accType = type.startsWith("f") ? "i64" : type;
        String acc = "$acc" + accType;
        StringBuilder sb = new StringBuilder("(block (result " + type + ") " + call + " (local.set " + acc + " ("
                + accType + ".const 0))");
        for (int k = more.length - 1; k >= 0; k--) {
            String v = "(local.get $m" + more[k] + ")";
            if (!more[k].equals(accType)) {
                v = "(" + (accType.equals("i32") ? "i32.wrap_i64 " : "i64.extend_i32_s ") + v + ")";
            }
            sb.append(" (local.set $m").append(more[k]).append(") (local.set ").append(acc).append(" (").append(accType)
                    .append(".add (").append(accType).append(".mul (local.get ").append(acc).append(") (").append(accType)
                    .append(".const 31)) ").append(v).append("))");
        }
        if (type.startsWith("f")) {
            return sb.append(" (").append(type).append(".convert_i64_s (local.get ").append(acc).append(")) ")
                    .append(type).append(exact ? ".copysign)" : ".add)").toString();
        }
        return sb.append(" (local.get ").append(acc).append(") ").append(type).append(".xor)").toString();
    }

    /** Whether some function of the module {@code seed} generates returns several values. */
    static boolean hasMultiValueFunctions(long seed) {
        RandomWasmPrograms p = new RandomWasmPrograms(seed, true);
        for (String[] m : p.moreResults) {
            if (m.length > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * call_indirect through the table: a lower-indexed function (the signature may not match:
     * "indirect call type mismatch"), or an index past the functions (null or out of the table).
     */
    private String callIndirect(int f, int depth, int loops, boolean wantI64) {
        String index = f > 0 && rnd.nextInt(3) != 0
                ? "(i32.rem_u " + i32(f, depth, loops) + " (i32.const " + f + "))"
                : "(i32.const " + (functions + rnd.nextInt(12)) + ")";
        return "(call_indirect $t (type " + (wantI64 ? "$tl" : "$ti") + ") " + i32(f, depth, loops) + " "
                + i64(f, depth, loops) + " " + index + ")";
    }

    private String bulk(int f, int depth, int loops) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "(memory.fill " + address(f, depth, loops) + " " + i32(f, depth, loops) + " " + length() + ")";
            case 1 -> "(memory.copy " + address(f, depth, loops) + " " + address(f, depth, loops) + " " + length() + ")";
            case 2 -> "(memory.init $d " + address(f, depth, loops) + " (i32.const " + rnd.nextInt(10) + ") (i32.const "
                    + rnd.nextInt(10) + "))";
            case 3 -> "(data.drop $d)";
            case 4 -> "(table.fill $t (i32.const " + rnd.nextInt(10) + ") (ref.null func) (i32.const " + rnd.nextInt(4)
                    + "))";
            default -> "(table.set $t (i32.const " + (functions + rnd.nextInt(10)) + ") (ref.null func))";
        };
    }

    private String length() {
        return rnd.nextInt(8) == 0 ? "(i32.const " + (rnd.nextInt(100000) + 65536) + ")" : "(i32.const " + rnd.nextInt(64) + ")";
    }

    private String statement(int f, int depth, int loops) {
        int d = Math.max(0, depth - 1);
        int r = rnd.nextInt(9);
        if (r == 0) {
            return bulk(f, d, loops);
        }
        if (r == 1) {
            String t = floatType();
            int helperLimit = f >= 0 ? helpers : -1 - f;
            return switch (rnd.nextInt(5)) {
                case 0 -> "(local.set " + local(t) + " " + fp(t, f, d, loops) + ")";
                case 1 -> "(global.set " + (t.equals("f32") ? "$g2 " : "$g3 ") + bitsOf(t, f, d, loops) + ")";
                case 2 -> pressure(f, d, loops);
                case 3 -> helperLimit == 0 ? pressure(f, d, loops)
                        : "(drop " + helperCall(rnd.nextInt(helperLimit), f, d, loops) + ")";
                default -> "(" + t + ".store" + offset() + " " + address(f, depth, loops) + " " + bitsOf(t, f, d, loops) + ")";
            };
        }
        return switch (rnd.nextInt(depth <= 0 ? 4 : 7)) {
            case 0 -> "(local.set $l0 " + i32(f, d, loops) + ")";
            case 1 -> "(global.set $g1 " + i64(f, d, loops) + ")";
            case 2 -> "(" + (rnd.nextBoolean() ? "i32.store" : "i32.store16") + offset() + " " + address(f, depth, loops)
                    + " " + i32(f, d, loops) + ")";
            case 3 -> "(i64.store" + (rnd.nextBoolean() ? "" : "8") + offset() + " " + address(f, depth, loops) + " "
                    + i64(f, d, loops) + ")";
            case 4 -> "(global.set $g0 " + i32(f, d, loops) + ")";
            case 5 -> "(if " + i32(f, d, loops) + " (then " + statement(f, d, loops) + ") (else "
                    + statement(f, d, loops) + "))";
            default -> loops >= 2 || !this.loops ? "(local.set $l1 " + i64(f, d, loops) + ")" : loop(f, d, loops);
        };
    }

    /**
     * Register pressure in both classes: 18 f64 and 14 i64 locals set, then (sometimes) a call,
     * then all of them folded into $x0 and $l1, so they are live at once (and across the call).
     */
    private String pressure(int f, int depth, int loops) {
        if (pressureDone) {
            return "(local.set $x1 " + fp("f64", f, depth, loops) + ")";
        }
        pressureDone = true;
        StringBuilder sb = new StringBuilder("(block");
        for (int k = 0; k < PRESSURE_F64; k++) {
            sb.append(" (local.set $x").append(k).append(' ').append(fp("f64", f, 1, loops)).append(')');
        }
        for (int k = 0; k < PRESSURE_I64; k++) {
            sb.append(" (local.set $q").append(k).append(' ').append(i64(f, 1, loops)).append(')');
        }
        pressureBlocks++;
        if (rnd.nextInt(4) != 0) {
            String call = call(f, 1, loops, "i32");
            if (call.startsWith("(call ")) {
                pressureAcrossCalls++;
            }
            sb.append(" (local.set $l0 ").append(call).append(')');
        }
        String fold = exact ? "copysign" : pick(new String[] {"add", "mul", "min", "copysign"});
        sb.append(" (local.set $x0");
        for (int k = 0; k < PRESSURE_F64 - 1; k++) {
            sb.append(" (f64.").append(fold).append(" (local.get $x").append(k).append(')');
        }
        sb.append(" (local.get $x").append(PRESSURE_F64 - 1).append(')').append(")".repeat(PRESSURE_F64 - 1)).append(')');
        sb.append(" (local.set $l1");
        for (int k = 0; k < PRESSURE_I64 - 1; k++) {
            sb.append(" (i64.").append(k % 2 == 0 ? "add" : "xor").append(" (local.get $q").append(k).append(')');
        }
        sb.append(" (local.get $q").append(PRESSURE_I64 - 1).append(')').append(")".repeat(PRESSURE_I64 - 1)).append(')');
        return sb.append(')').toString();
    }

    private String loop(int f, int depth, int loops) {
        String counter = loops == 0 ? "$c0" : "$c1";
        return "(local.set " + counter + " (i32.const " + (1 + rnd.nextInt(6)) + ")) (loop $L" + loops + " "
                + statement(f, depth, loops + 1) + " (br_if $L" + loops + " (local.tee " + counter
                + " (i32.sub (local.get " + counter + ") (i32.const 1)))))";
    }
}
