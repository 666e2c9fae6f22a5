package wasm.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates terminating WebAssembly modules (WAT text) over integer
 * arithmetic, control flow (block/if/loop/br_if/br_table/select), calls (to
 * lower-indexed functions only, so no recursion), globals and linear memory,
 * including trapping cases (division by zero, overflow, out-of-bounds
 * accesses, unreachable). Loops count down a counter local the body never
 * writes, so every program terminates. Each module exports {@code f0..fN}
 * of type (i32, i64) -> i32|i64, about a third of them with one to three more
 * i32/i64 results (multi-value, JIT ABI v2; a call folds all results, in order,
 * into one value through scratch locals), and a memory "mem".
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

    private final Random rnd;
    private final boolean loops;
    private final int functions;
    private final boolean[] returnsI64;
    /** Results after the first, per function (most have none). */
    private final String[][] moreResults;
    private int depthBudget;

    private RandomWasmPrograms(long seed, boolean loops) {
        this.rnd = new Random(seed);
        this.loops = loops;
        this.functions = 1 + rnd.nextInt(4);
        this.returnsI64 = new boolean[functions];
        for (int i = 0; i < functions; i++) {
            returnsI64[i] = rnd.nextBoolean();
        }
        this.moreResults = new String[functions][];
        for (int i = 0; i < functions; i++) {
            moreResults[i] = new String[rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0];
            for (int k = 0; k < moreResults[i].length; k++) {
                moreResults[i][k] = rnd.nextBoolean() ? "i64" : "i32";
            }
        }
    }

    /** A module from {@code seed}; same seed, same text. */
    static String module(long seed) {
        return new RandomWasmPrograms(seed, true).module();
    }

    /** As {@link #module(long)} without loops (for mutation: a mutated loop may never end). */
    static String loopFreeModule(long seed) {
        return new RandomWasmPrograms(seed, false).module();
    }

    /** Arguments for the exported functions: interesting values mixed with random ones. */
    static long[][] arguments(long seed, int count) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        long[][] out = new long[count][];
        for (int i = 0; i < count; i++) {
            long a = r.nextInt(3) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(200) - 50;
            long b = r.nextInt(3) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextLong();
            out[i] = new long[] {(int) a, b};
        }
        return out;
    }

    private String module() {
        StringBuilder sb = new StringBuilder("(module\n");
        sb.append("  (memory (export \"mem\") 1 3)\n");
        sb.append("  (global $g0 (export \"g0\") (mut i32) (i32.const ").append(rnd.nextInt()).append("))\n");
        sb.append("  (global $g1 (export \"g1\") (mut i64) (i64.const ").append(rnd.nextLong()).append("))\n");
        sb.append("  (data (i32.const ").append(rnd.nextInt(200)).append(") \"\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\fe\\80\\7f\")\n");
        sb.append("  (type $ti (func (param i32 i64) (result i32)))\n");
        sb.append("  (type $tl (func (param i32 i64) (result i64)))\n");
        sb.append("  (table $t 8 16 funcref)\n");
        sb.append("  (elem (i32.const 0) func");
        for (int f = 0; f < functions; f++) {
            sb.append(" $f").append(f);
        }
        sb.append(")\n");
        sb.append("  (data $d \"\\10\\20\\30\\40\\50\\60\\70\\80\")\n");
        for (int f = 0; f < functions; f++) {
            sb.append(function(f));
        }
        sb.append(")\n");
        return sb.toString();
    }

    private String function(int f) {
        String result = (returnsI64[f] ? "i64" : "i32")
                + (moreResults[f].length == 0 ? "" : " " + String.join(" ", moreResults[f]));
        StringBuilder sb = new StringBuilder();
        sb.append("  (func $f").append(f).append(" (export \"f").append(f)
                .append("\") (param $p0 i32) (param $p1 i64) (result ").append(result).append(")\n");
        sb.append("    (local $l0 i32) (local $l1 i64) (local $c0 i32) (local $c1 i32)\n");
        sb.append("    (local $mi32 i32) (local $mi64 i64) (local $acci32 i32) (local $acci64 i64)\n");
        depthBudget = 60;
        int stmts = rnd.nextInt(5);
        for (int i = 0; i < stmts; i++) {
            sb.append("    ").append(statement(f, 3, 0)).append('\n');
        }
        sb.append("    ").append(returnsI64[f] ? i64(f, 4, 0) : i32(f, 4, 0)).append('\n');
        for (String t : moreResults[f]) {
            sb.append("    ").append(t.equals("i64") ? i64(f, 2, 0) : i32(f, 2, 0)).append('\n');
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
                case 0 -> "(local.get $p0)";
                case 1 -> "(local.get $l0)";
                case 2 -> "(global.get $g0)";
                default -> "(i32.const " + (int) constant() + ")";
            };
        }
        int d = depth - 1;
        return switch (rnd.nextInt(19)) {
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
            case 11 -> call(f, d, loops, false);
            case 12 -> "(local.tee $l0 " + i32(f, d, loops) + ")";
            case 13 -> rnd.nextInt(4) == 0 ? "(memory.grow (i32.and " + i32(f, d, loops) + " (i32.const 1)))"
                    : "(memory.size)";
            case 14 -> "(block $x (result i32) (block $y (block $z (br_table $z $y $z " + i32(f, d, loops)
                    + ")) (br $x (i32.const 11))) (i32.const 22))";
            case 15 -> rnd.nextInt(8) == 0 ? "(unreachable)" : "(i32.const " + rnd.nextInt() + ")";
            case 16 -> callIndirect(f, d, loops, false);
            case 17 -> rnd.nextBoolean() ? "(table.size $t)"
                    : "(table.grow $t (ref.null func) (i32.and " + i32(f, d, loops) + " (i32.const 3)))";
            default -> "(local.get $c0)";
        };
    }

    private String i64(int f, int depth, int loops) {
        if (depth <= 0 || --depthBudget <= 0) {
            return switch (rnd.nextInt(4)) {
                case 0 -> "(local.get $p1)";
                case 1 -> "(local.get $l1)";
                case 2 -> "(global.get $g1)";
                default -> "(i64.const " + constant() + ")";
            };
        }
        int d = depth - 1;
        return switch (rnd.nextInt(12)) {
            case 0, 1, 2, 3 -> "(" + pick(I64_BIN) + " " + i64(f, d, loops) + " " + i64(f, d, loops) + ")";
            case 4 -> "(" + pick(I64_UN) + " " + i64(f, d, loops) + ")";
            case 5 -> "(i64.extend_i32_" + (rnd.nextBoolean() ? "s " : "u ") + i32(f, d, loops) + ")";
            case 6 -> "(" + pick(I64_LOADS) + offset() + " " + address(f, depth, loops) + ")";
            case 7 -> "(select " + i64(f, d, loops) + " " + i64(f, d, loops) + " " + i32(f, d, loops) + ")";
            case 8 -> "(if (result i64) " + i32(f, d, loops) + " (then " + i64(f, d, loops) + ") (else "
                    + i64(f, d, loops) + "))";
            case 9 -> call(f, d, loops, true);
            case 10 -> callIndirect(f, d, loops, true);
            default -> "(local.tee $l1 " + i64(f, d, loops) + ")";
        };
    }

    /** A call to a lower-indexed function of the wanted result type, else a constant. */
    private String call(int f, int depth, int loops, boolean wantI64) {
        List<Integer> callees = new ArrayList<>();
        for (int g = 0; g < f; g++) {
            if (returnsI64[g] == wantI64) {
                callees.add(g);
            }
        }
        if (callees.isEmpty()) {
            return wantI64 ? "(i64.const " + constant() + ")" : "(i32.const " + (int) constant() + ")";
        }
        int g = callees.get(rnd.nextInt(callees.size()));
        String call = "(call $f" + g + " " + i32(f, depth, loops) + " " + i64(f, depth, loops) + ")";
        return moreResults[g].length == 0 ? call : foldResults(call, wantI64 ? "i64" : "i32", moreResults[g]);
    }

    /**
     * A call with several results as one value of {@code type} (the first result's type): pops
     * the later results from the last down (acc = acc * 31 + result, through a scratch local),
     * then xors the first with the accumulator.
     */
    private static String foldResults(String call, String type, String[] more) {
        String acc = "$acc" + type;
        StringBuilder sb = new StringBuilder("(block (result " + type + ") " + call + " (local.set " + acc + " ("
                + type + ".const 0))");
        for (int k = more.length - 1; k >= 0; k--) {
            String v = "(local.get $m" + more[k] + ")";
            if (!more[k].equals(type)) {
                v = "(" + (type.equals("i32") ? "i32.wrap_i64 " : "i64.extend_i32_s ") + v + ")";
            }
            sb.append(" (local.set $m").append(more[k]).append(") (local.set ").append(acc).append(" (").append(type)
                    .append(".add (").append(type).append(".mul (local.get ").append(acc).append(") (").append(type)
                    .append(".const 31)) ").append(v).append("))");
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
        if (rnd.nextInt(10) == 0) {
            return bulk(f, d, loops);
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

    private String loop(int f, int depth, int loops) {
        String counter = loops == 0 ? "$c0" : "$c1";
        return "(local.set " + counter + " (i32.const " + (1 + rnd.nextInt(6)) + ")) (loop $L" + loops + " "
                + statement(f, depth, loops + 1) + " (br_if $L" + loops + " (local.tee " + counter
                + " (i32.sub (local.get " + counter + ") (i32.const 1)))))";
    }
}
