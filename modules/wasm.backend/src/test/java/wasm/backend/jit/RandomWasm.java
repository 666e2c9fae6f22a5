package wasm.backend.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import wasm.ir.testing.FloatEdges;

/**
 * Generates random valid Wasm modules as WAT: functions with up to nine
 * parameters, or a quarter of them "wide" (12 to 24, half of them floats, so
 * stack arguments of both register classes), locals, nested blocks, bounded
 * loops, br_if/br_table, if/else, select, every integer and float operator
 * (division and conversion traps included), float edge values
 * ({@link FloatEdges}), loads/stores of every width (some out of bounds),
 * globals, memory.size/grow and calls to earlier functions (direct and
 * indirect, float results included). About a third of the functions return
 * several results (2 to 10, mixed types, JIT ABI v2); a call to one folds every
 * result, in order, into one integer through scratch locals. A pressure
 * statement keeps 18 f64 and 14 i64 values live at once, sometimes across a
 * call. A third of the modules are {@link #exact()}: their floats move only
 * through bit-exact operations, so results and memory compare bit for bit.
 */
final class RandomWasm {
    private final Random rnd;
    private final StringBuilder out = new StringBuilder();
    private final List<String[]> sigs = new ArrayList<>(); // [params..., first result]
    private final List<String[]> results = new ArrayList<>(); // every result
    private String[] params;
    private int loopCounters;
    private int labelDepth;
    private int func;
    private int multiResultCalls;
    private final boolean exact;
    private int pressure;
    private int wideFunctions;

    RandomWasm(long seed) {
        rnd = new Random(seed);
        exact = rnd.nextInt(3) == 0;
    }

    /** Whether floats only move bit-exactly in this module (no arithmetic that may choose a NaN's payload). */
    boolean exact() {
        return exact;
    }

    /** Pressure statements in the generated module. */
    int pressureStatements() {
        return pressure;
    }

    /** Functions with more than 9 parameters in the generated module. */
    int wideFunctions() {
        return wideFunctions;
    }

    private String t() {
        return rnd.nextBoolean() ? "i32" : "i64";
    }

    String module(int functions) {
        for (int f = 0; f < functions; f++) {
            boolean wide = rnd.nextInt(4) == 0;
            int n = wide ? 12 + rnd.nextInt(13) : rnd.nextInt(10);
            wideFunctions += wide ? 1 : 0;
            String[] s = new String[n + 1];
            for (int k = 0; k <= n; k++) {
                s[k] = (wide ? rnd.nextBoolean() : rnd.nextInt(4) == 0) ? (rnd.nextBoolean() ? "f32" : "f64") : t();
            }
            sigs.add(s);
            String[] r = new String[rnd.nextInt(3) == 0 ? 2 + rnd.nextInt(rnd.nextBoolean() ? 3 : 9) : 1];
            r[0] = s[n];
            for (int k = 1; k < r.length; k++) {
                r[k] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? "f32" : "f64") : t();
            }
            results.add(r);
        }
        out.append("(module\n  (memory 1 2)\n  (global $g0 (mut i32) (i32.const 7))\n  (global $g1 (mut i64) (i64.const -3))\n");
        out.append("  (type $t (func (param i32) (result i32)))\n");
        out.append("  (table 4 funcref)\n");
        for (int f = 0; f < functions; f++) {
            func = f;
            String[] s = sigs.get(f);
            params = s;
            loopCounters = 0;
            labelDepth = 0;
            out.append("  (func $f").append(f).append(" (export \"f").append(f).append("\")");
            for (int k = 0; k < s.length - 1; k++) {
                out.append(" (param ").append(s[k]).append(')');
            }
            out.append(" (result ").append(String.join(" ", results.get(f))).append(")\n");
            out.append("    (local $a i32) (local $b i32) (local $c i64) (local $d i64)");
            out.append(" (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $e f32) (local $h f64)\n");
            out.append("    (local $mi32 i32) (local $mi64 i64) (local $mf32 f32) (local $mf64 f64)");
            out.append(" (local $acci32 i32) (local $acci64 i64)\n    ");
            for (int k = 0; k < PRESSURE_F64; k++) {
                out.append("(local $x").append(k).append(" f64) ");
            }
            for (int k = 0; k < PRESSURE_I64; k++) {
                out.append("(local $q").append(k).append(" i64) ");
            }
            out.append('\n');
            int stmts = 1 + rnd.nextInt(5);
            for (int k = 0; k < stmts; k++) {
                out.append("    ").append(stmt(3)).append('\n');
            }
            String[] r = results.get(f);
            for (int k = 0; k < r.length; k++) {
                out.append("    ").append(expr(r[k], k == 0 ? 4 : 2));
            }
            out.append(")\n");
        }
        out.append("  (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))\n");
        out.append("  (func $neg (type $t) (i32.sub (i32.const 0) (local.get 0)))\n");
        out.append("  (elem (i32.const 0) $inc $neg)\n");
        out.append(")\n");
        return out.toString();
    }

    String[] signature(int f) {
        return sigs.get(f);
    }

    /** Calls to a function with several results in the generated module. */
    int multiResultCalls() {
        return multiResultCalls;
    }

    /** Functions with several results in the generated module. */
    long multiResultFunctions() {
        return results.stream().filter(r -> r.length > 1).count();
    }

    private String local(String type) {
        List<String> c = new ArrayList<>();
        for (int k = 0; k < params.length - 1; k++) {
            if (params[k].equals(type)) {
                c.add(Integer.toString(k));
            }
        }
        switch (type) {
            case "i32" -> {
                c.add("$a");
                c.add("$b");
            }
            case "i64" -> {
                c.add("$c");
                c.add("$d");
            }
            case "f32" -> c.add("$e");
            default -> c.add("$h");
        }
        return c.get(rnd.nextInt(c.size()));
    }

    private String constant(String type) {
        long v = switch (rnd.nextInt(6)) {
            case 0 -> rnd.nextInt(5) - 2;
            case 1 -> rnd.nextInt(100);
            case 2 -> type.equals("i32") ? Integer.MIN_VALUE : Long.MIN_VALUE;
            case 3 -> -1;
            case 4 -> rnd.nextInt();
            default -> type.equals("i32") ? rnd.nextInt() : rnd.nextLong();
        };
        if (type.equals("i32")) {
            v = (int) v;
        }
        return "(" + type + ".const " + v + ")";
    }

    private String address(int depth) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "(i32.const " + rnd.nextInt(65536) + ")";
            case 1 -> "(i32.and " + expr("i32", depth - 1) + " (i32.const 0xfff8))";
            case 2 -> "(i32.add " + expr("i32", depth - 1) + " (i32.const " + rnd.nextInt(64) + "))";
            case 3 -> "(i32.const " + (65536 - rnd.nextInt(12)) + ")";
            default -> expr("i32", depth - 1);
        };
    }

    private static final String[] BIN = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl",
        "rotr", "div_s", "div_u", "rem_s", "rem_u"};
    private static final String[] CMP = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};

    private static final int PRESSURE_F64 = 18;
    private static final int PRESSURE_I64 = 14;

    private String floatConst(String type) {
        return FloatEdges.constant(type, rnd);
    }

    /**
     * A float of {@code type}. Exact modules use the bit-exact operators only: constants,
     * locals, select, loads, abs, neg, copysign, conversions from integers (never NaN),
     * reinterpretation and calls; the others every operator.
     */
    private String floatExpr(String type, int depth) {
        if (depth <= 0) {
            return rnd.nextBoolean() ? floatConst(type) : "(local.get " + local(type) + ")";
        }
        String other = type.equals("f32") ? "f64" : "f32";
        String it = type.equals("f32") ? "i32" : "i64";
        int choice = rnd.nextInt(11);
        if (exact && (choice == 2 || choice == 6)) {
            choice = 8; // the arithmetic ones
        }
        return switch (choice) {
            case 0 -> floatConst(type);
            case 1 -> "(local.get " + local(type) + ")";
            case 2, 3 -> "(" + type + "." + (exact ? "copysign"
                    : new String[] {"add", "sub", "mul", "div", "min", "max", "copysign"}[rnd.nextInt(7)])
                    + " " + floatExpr(type, depth - 1) + " " + floatExpr(type, depth - 1) + ")";
            case 4 -> "(" + type + "." + (exact ? new String[] {"abs", "neg"}[rnd.nextInt(2)]
                    : new String[] {"abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"}[rnd.nextInt(7)])
                    + " " + floatExpr(type, depth - 1) + ")";
            case 5 -> {
                String t = t();
                yield "(" + type + ".convert_" + t + "_" + (rnd.nextBoolean() ? "s" : "u") + " " + expr(t, depth - 1) + ")";
            }
            case 6 -> "(" + type + (type.equals("f32") ? ".demote_f64 " : ".promote_f32 ") + floatExpr(other, depth - 1) + ")";
            case 7 -> "(select " + floatExpr(type, depth - 1) + " " + floatExpr(type, depth - 1) + " " + expr("i32", depth - 1) + ")";
            case 8 -> "(" + type + ".reinterpret_" + it + " " + expr(it, depth - 1) + ")";
            case 9 -> floatCall(type, depth);
            default -> "(" + type + ".load offset=" + rnd.nextInt(16) + " " + address(depth) + ")";
        };
    }

    /** A call to an earlier single-result function returning {@code type}, else a constant. */
    private String floatCall(String type, int depth) {
        List<Integer> callees = new ArrayList<>();
        for (int g = 0; g < func; g++) {
            if (results.get(g).length == 1 && results.get(g)[0].equals(type)) {
                callees.add(g);
            }
        }
        if (callees.isEmpty()) {
            return floatConst(type);
        }
        int callee = callees.get(rnd.nextInt(callees.size()));
        String[] s = sigs.get(callee);
        StringBuilder sb = new StringBuilder("(call $f" + callee);
        for (int k = 0; k < s.length - 1; k++) {
            sb.append(' ').append(expr(s[k], Math.min(depth - 1, 1)));
        }
        return sb.append(')').toString();
    }

    String expr(String type, int depth) {
        if (type.startsWith("f")) {
            return floatExpr(type, depth);
        }
        if (depth > 0 && rnd.nextInt(12) == 0) {
            String ft = rnd.nextBoolean() ? "f32" : "f64";
            boolean compare = rnd.nextBoolean();
            String c = compare
                    ? "(" + ft + "." + new String[] {"eq", "ne", "lt", "gt", "le", "ge"}[rnd.nextInt(6)] + " "
                    + floatExpr(ft, depth - 1) + " " + floatExpr(ft, depth - 1) + ")"
                    : "(" + type + ".trunc_sat_" + ft + "_" + (rnd.nextBoolean() ? "s" : "u") + " " + floatExpr(ft, depth - 1) + ")";
            return !compare || type.equals("i32") ? c : "(i64.extend_i32_u " + c + ")";
        }
        if (depth <= 0) {
            return rnd.nextBoolean() ? constant(type) : "(local.get " + local(type) + ")";
        }
        int choice = rnd.nextInt(17);
        boolean i32 = type.equals("i32");
        return switch (choice) {
            case 0 -> constant(type);
            case 1, 2 -> "(local.get " + local(type) + ")";
            case 3, 4, 5 -> "(" + type + "." + BIN[rnd.nextInt(BIN.length)] + " " + expr(type, depth - 1) + " "
                    + (rnd.nextBoolean() ? constant(type) : expr(type, depth - 1)) + ")";
            case 6 -> "(" + type + "." + new String[] {"clz", "ctz", "popcnt"}[rnd.nextInt(3)] + " " + expr(type, depth - 1) + ")";
            case 7 -> {
                String ct = t();
                String c = rnd.nextInt(4) == 0 ? "(" + ct + ".eqz " + expr(ct, depth - 1) + ")"
                        : "(" + ct + "." + CMP[rnd.nextInt(CMP.length)] + " " + expr(ct, depth - 1) + " "
                        + (rnd.nextBoolean() ? constant(ct) : expr(ct, depth - 1)) + ")";
                yield i32 ? c : "(i64.extend_i32_u " + c + ")";
            }
            case 8 -> i32 ? (rnd.nextBoolean() ? "(i32.wrap_i64 " + expr("i64", depth - 1) + ")"
                    : "(i32.extend" + (rnd.nextBoolean() ? "8" : "16") + "_s " + expr("i32", depth - 1) + ")")
                    : "(i64.extend_i32_" + (rnd.nextBoolean() ? "s" : "u") + " " + expr("i32", depth - 1) + ")";
            case 9 -> "(select " + expr(type, depth - 1) + " " + expr(type, depth - 1) + " " + expr("i32", depth - 1) + ")";
            case 10 -> {
                String[] loads = i32 ? new String[] {"load", "load8_s", "load8_u", "load16_s", "load16_u"}
                        : new String[] {"load", "load8_s", "load8_u", "load16_s", "load16_u", "load32_s", "load32_u"};
                yield "(" + type + "." + loads[rnd.nextInt(loads.length)] + " offset=" + rnd.nextInt(40) + " "
                        + address(depth) + ")";
            }
            case 11 -> {
                if (func == 0) {
                    yield constant(type);
                }
                int callee = rnd.nextInt(func);
                String[] s = sigs.get(callee);
                StringBuilder sb = new StringBuilder("(call $f" + callee);
                for (int k = 0; k < s.length - 1; k++) {
                    sb.append(' ').append(expr(s[k], Math.min(depth - 1, 1)));
                }
                sb.append(')');
                if (results.get(callee).length > 1) {
                    multiResultCalls++;
                    yield foldResults(sb.toString(), results.get(callee), type);
                }
                String r = sb.toString();
                String rt = s[s.length - 1];
                if (rt.startsWith("f")) {
                    r = "(" + type + ".trunc_sat_" + rt + "_s " + r + ")";
                    rt = type;
                }
                yield rt.equals(type) ? r
                        : i32 ? "(i32.wrap_i64 " + r + ")" : "(i64.extend_i32_s " + r + ")";
            }
            case 12 -> "(if (result " + type + ") " + expr("i32", depth - 1) + " (then " + expr(type, depth - 1)
                    + ") (else " + expr(type, depth - 1) + "))";
            case 13 -> "(local.tee " + local(type) + " " + expr(type, depth - 1) + ")";
            case 14 -> i32 ? "(global.get $g0)" : "(global.get $g1)";
            case 15 -> {
                String c = "(call_indirect (type $t) " + expr("i32", depth - 1) + " (i32.and " + expr("i32", depth - 1)
                        + " (i32.const 7)))";
                yield i32 ? c : "(i64.extend_i32_s " + c + ")";
            }
            default -> i32 ? (rnd.nextInt(4) == 0 ? "(memory.grow (i32.const " + rnd.nextInt(2) + "))" : "(memory.size)")
                    : "(i64.extend_i32_u (memory.size))";
        };
    }

    /**
     * Register pressure in both classes: 18 f64 and 14 i64 locals set, then (sometimes) a call,
     * then all of them folded into one value each, so they are live at once (and across the call).
     */
    private String pressure() {
        pressure++;
        StringBuilder sb = new StringBuilder("(block");
        for (int k = 0; k < PRESSURE_F64; k++) {
            sb.append(" (local.set $x").append(k).append(' ').append(floatExpr("f64", 1)).append(')');
        }
        for (int k = 0; k < PRESSURE_I64; k++) {
            sb.append(" (local.set $q").append(k).append(' ').append(expr("i64", 1)).append(')');
        }
        if (func > 0 && rnd.nextInt(4) != 0) {
            sb.append(" (local.set $d (i64.extend_i32_s ").append(callBefore()).append("))");
        }
        String fold = exact ? "copysign" : new String[] {"add", "mul", "min", "copysign"}[rnd.nextInt(4)];
        sb.append(" (local.set $h");
        for (int k = 0; k < PRESSURE_F64 - 1; k++) {
            sb.append(" (f64.").append(fold).append(" (local.get $x").append(k).append(')');
        }
        sb.append(" (local.get $x").append(PRESSURE_F64 - 1).append(')').append(")".repeat(PRESSURE_F64 - 1)).append(')');
        sb.append(" (local.set $c");
        for (int k = 0; k < PRESSURE_I64 - 1; k++) {
            sb.append(" (i64.").append(k % 2 == 0 ? "add" : "xor").append(" (local.get $q").append(k).append(')');
        }
        sb.append(" (local.get $q").append(PRESSURE_I64 - 1).append(')').append(")".repeat(PRESSURE_I64 - 1)).append(')');
        return sb.append(')').toString();
    }

    /** An i32 that calls the function before this one (its result folded to an i32). */
    private String callBefore() {
        int callee = func - 1;
        String[] s = sigs.get(callee);
        StringBuilder sb = new StringBuilder("(call $f" + callee);
        for (int k = 0; k < s.length - 1; k++) {
            sb.append(' ').append(expr(s[k], 1));
        }
        sb.append(')');
        String call = sb.toString();
        if (results.get(callee).length > 1) {
            multiResultCalls++;
            return foldResults(call, results.get(callee), "i32");
        }
        String rt = s[s.length - 1];
        return rt.startsWith("f") ? "(i32.trunc_sat_" + rt + "_s " + call + ")"
                : rt.equals("i64") ? "(i32.wrap_i64 " + call + ")" : call;
    }

    /**
     * A multi-result call as one value of {@code type}: pops the results from the last down
     * (acc = acc * 31 + result, through a scratch local per type), then combines the first.
     */
    private static String foldResults(String call, String[] rs, String type) {
        String acc = "$acc" + type;
        StringBuilder sb = new StringBuilder("(block (result " + type + ") " + call
                + " (local.set " + acc + " (" + type + ".const 0))");
        for (int k = rs.length - 1; k >= 1; k--) {
            sb.append(" (local.set $m").append(rs[k]).append(')');
            sb.append(" (local.set ").append(acc).append(" (").append(type).append(".add (").append(type)
                    .append(".mul (local.get ").append(acc).append(") (").append(type).append(".const 31)) ")
                    .append(convert("(local.get $m" + rs[k] + ")", rs[k], type)).append("))");
        }
        // the first result is on the stack now
        sb.append(' ').append(convertTop(rs[0], type)).append(" (local.get ").append(acc).append(") ")
                .append(type).append(".xor)");
        return sb.toString();
    }

    private static String convert(String value, String from, String to) {
        String op = convertTop(from, to);
        return op.isEmpty() ? value : "(" + op + " " + value + ")";
    }

    private static String convertTop(String from, String to) {
        if (from.equals(to)) {
            return "";
        }
        if (from.startsWith("f")) {
            return to + ".trunc_sat_" + from + "_s";
        }
        return to.equals("i32") ? "i32.wrap_i64" : "i64.extend_i32_s";
    }

    String stmt(int depth) {
        int choice = depth <= 0 ? rnd.nextInt(3) : rnd.nextInt(11);
        String ty = t();
        return switch (choice) {
            case 9 -> {
                String ft = rnd.nextBoolean() ? "f32" : "f64";
                yield "(" + ft + ".store offset=" + rnd.nextInt(40) + " " + address(2) + " " + floatExpr(ft, 2) + ")";
            }
            case 10 -> pressure();
            case 0 -> "(local.set " + local(ty) + " " + expr(ty, 3) + ")";
            case 1 -> {
                String[] stores = ty.equals("i32") ? new String[] {"store", "store8", "store16"}
                        : new String[] {"store", "store8", "store16", "store32"};
                yield "(" + ty + "." + stores[rnd.nextInt(stores.length)] + " offset=" + rnd.nextInt(40) + " "
                        + address(2) + " " + expr(ty, 2) + ")";
            }
            case 2 -> ty.equals("i32") ? "(global.set $g0 " + expr("i32", 2) + ")" : "(global.set $g1 " + expr("i64", 2) + ")";
            case 3 -> "(if " + expr("i32", 2) + " (then " + stmt(depth - 1) + ") (else " + stmt(depth - 1) + "))";
            case 4 -> {
                labelDepth++;
                String s = "(block " + stmt(depth - 1) + " (br_if 0 " + expr("i32", 2) + ") " + stmt(depth - 1) + ")";
                labelDepth--;
                yield s;
            }
            case 5 -> {
                if (loopCounters >= 3) {
                    yield stmt(0);
                }
                String c = "$n" + loopCounters++;
                String s = "(local.set " + c + " (i32.const " + rnd.nextInt(5) + ")) (block (loop (br_if 1 (i32.eqz (local.get "
                        + c + "))) (local.set " + c + " (i32.sub (local.get " + c + ") (i32.const 1))) " + stmt(depth - 1)
                        + " " + stmt(depth - 1) + " (br 0)))";
                loopCounters--;
                yield s;
            }
            case 6 -> {
                int n = 2 + rnd.nextInt(8);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    sb.append("(block ");
                }
                sb.append("(br_table");
                for (int k = 0; k < n; k++) {
                    sb.append(' ').append(rnd.nextInt(n));
                }
                sb.append(' ').append(expr("i32", 2)).append(')');
                for (int k = 0; k < n; k++) {
                    sb.append(") ").append(stmt(0));
                }
                yield sb.toString();
            }
            case 7 -> {
                String len = rnd.nextInt(6) == 0 ? expr("i32", 1) : "(i32.const " + rnd.nextInt(64) + ")";
                yield rnd.nextBoolean()
                        ? "(memory.fill " + address(1) + " " + expr("i32", 1) + " " + len + ")"
                        : "(memory.copy " + address(1) + " " + address(1) + " " + len + ")";
            }
            default -> "(drop " + expr(ty, 3) + ")";
        };
    }
}
