package wasm.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated modules with several memories of different sizes and address types, for the
 * differential test of the two tiers ({@link WideMemoryDifferentialProperties}). Per seed:
 * <ul>
 * <li>three memories in a random order of kinds: a 64-bit one ({@code i64}), a 32-bit one
 * and a second 64-bit one, each 1 to 3 pages (0 in one of eight), the first exported as {@code m0} and so on;
 * so memory 0 is sometimes the larger of two and sometimes the smaller, and a check against
 * the wrong memory's length differs from the interpreter;
 * <li>a function {@code run(x: i64, y: i64, z: i32) -> i64} of loads and stores (every width,
 * integer and float, sign- and zero-extending) on every memory at addresses from the
 * arguments, {@code iadd} of a constant (the folded form for 32-bit addresses) and constants
 * near 0, the memory's end, 2^31, 2^32, 2^63 and 2^64, with static offsets from the same
 * edges (up to 2^64 - 1 on a 64-bit memory: an address plus offset that would wrap must
 * trap); {@code memory.size}, {@code memory.grow} of one memory between accesses to
 * another, {@code memory.fill} and {@code memory.copy} between any two memories, and a
 * counted loop over one memory whose accesses the backend's bounds-check elision may skip;
 * the loads add up into the result;
 * <li>a function {@code big() -> i64} that grows memory {@code m0} past 4 GiB when it is
 * 64-bit (seeds where {@link #growsPastFourGib} holds), so that the addresses near 2^32
 * are inside it.
 * </ul>
 */
final class WideMemoryPrograms {
    /** The kinds of memory, in the order the seed permutes. */
    private static final boolean[] WIDE = {true, false, true};

    private static final long[] EDGES64 = {0, 1, 7, 8, 65528, 65535, 65536, 131064, 0x7FFF_FFF8L, 0x7FFF_FFFFL,
        0x8000_0000L, 0xFFFF_FFF8L, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0008L, 0x1_0000_FFF8L,
        0x7FFF_FFFF_FFFF_FFF8L, Long.MIN_VALUE, -65536, -16, -8, -1};
    private static final long[] OFFSETS64 = {0, 0, 0, 0, 0, 0, 1, 4, 8, 65535, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
        0x1_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, Long.MIN_VALUE, -65536, -16, -8, -1};
    private static final long[] OFFSETS32 = {0, 0, 0, 0, 0, 0, 1, 4, 8, 65535, 65536, 0x7FFF_FFFFL, 0x8000_0000L,
        0xFFFF_FFF8L, 0xFFFF_FFFFL};
    private static final String[][] LOADS = {
        {"i64.load", "i64", ""}, {"i32.load", "i32", "i64.extend_i32_u"}, {"i32.load8_s", "i32", "i64.extend_i32_s"},
        {"i32.load16_u", "i32", "i64.extend_i32_u"}, {"i64.load32_s", "i64", ""}, {"i64.load8_u", "i64", ""},
        {"f64.load", "f64", "i64.reinterpret_f64"}, {"f32.load", "f32", "i64.extend_i32_u (i32.reinterpret_f32"}};
    private static final String[] STORES = {"i64.store", "i32.store", "i32.store8", "i64.store16", "i64.store32",
        "f64.store", "f32.store"};

    private WideMemoryPrograms() {
    }

    /** Whether memory 0 of seed's module is 64-bit: then {@code big} grows it past 4 GiB. */
    static boolean growsPastFourGib(long seed) {
        return wide(seed, 0) && new Random(seed ^ 0x5EEDL).nextInt(3) == 0;
    }

    /** Whether memory {@code m} of seed's module is 64-bit. */
    static boolean wide(long seed, int m) {
        return WIDE[order(seed)[m]];
    }

    private static int[] order(long seed) {
        int[][] perms = {{0, 1, 2}, {1, 0, 2}, {1, 2, 0}, {0, 2, 1}, {2, 1, 0}, {2, 0, 1}};
        return perms[(int) Math.floorMod(seed, 6L)];
    }

    static String module(long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("(module\n");
        int[] pages = new int[3];
        for (int m = 0; m < 3; m++) {
            pages[m] = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(3);
            boolean wide = wide(seed, m);
            // a maximum on some: grow fails past it
            String max = r.nextInt(3) == 0 ? " " + (pages[m] + r.nextInt(3)) : "";
            if (m == 0 && growsPastFourGib(seed)) {
                max = "";
            }
            sb.append("  (memory (export \"m").append(m).append("\") ").append(wide ? "i64 " : "")
                    .append(pages[m]).append(max).append(")\n");
        }
        if (pages[0] > 0) {
            sb.append("  (data (memory 0) (").append(wide(seed, 0) ? "i64" : "i32")
                    .append(".const 0) \"\\01\\02\\03\\04\\05\\06\\07\\08\")\n");
        }
        sb.append("  (func (export \"big\") (result i64)\n");
        if (growsPastFourGib(seed)) {
            sb.append("    (memory.grow 0 (i64.const 65536)))\n");
        } else {
            sb.append("    (i64.const -2))\n");
        }
        sb.append("  (func (export \"run\") (param $x i64) (param $y i64) (param $z i32) (result i64)\n");
        sb.append("    (local $acc i64) (local $i i32)\n");
        int statements = 3 + r.nextInt(8);
        for (int s = 0; s < statements; s++) {
            sb.append("    ").append(statement(seed, r)).append('\n');
        }
        sb.append("    (local.get $acc)))\n");
        return sb.toString();
    }

    private static String statement(long seed, Random r) {
        int m = r.nextInt(3);
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> load(seed, r, m);
            case 3, 4 -> store(seed, r, m);
            case 5 -> add(wide(seed, m) ? "(memory.size " + m + ")" : "(i64.extend_i32_u (memory.size " + m + "))");
            case 6 -> {
                long delta = r.nextInt(4) == 0 ? -1 : r.nextInt(3);
                yield add(wide(seed, m) ? "(memory.grow " + m + " (i64.const " + delta + "))"
                        : "(i64.extend_i32_s (memory.grow " + m + " (i32.const " + delta + ")))");
            }
            case 7 -> "(memory.fill " + m + " " + address(seed, r, m) + " (i32.const " + r.nextInt(256) + ") "
                    + length(r, wide(seed, m)) + ")";
            case 8 -> {
                int src = r.nextInt(3);
                yield "(memory.copy " + m + " " + src + " " + address(seed, r, m) + " " + address(seed, r, src) + " "
                        + length(r, wide(seed, m) && wide(seed, src)) + ")";
            }
            case 9, 10 -> loop(seed, r, m);
            default -> load(seed, r, m);
        };
    }

    private static String add(String value) {
        return "(local.set $acc (i64.add (local.get $acc) " + value + "))";
    }

    private static String load(long seed, Random r, int m) {
        String[] op = LOADS[r.nextInt(LOADS.length)];
        String access = "(" + op[0] + " " + m + offset(seed, r, m) + " " + address(seed, r, m) + ")";
        if (op[2].isEmpty()) {
            return add(access);
        }
        if (op[2].contains("(")) {
            return add("(" + op[2] + " " + access + "))");
        }
        return add("(" + op[2] + " " + access + ")");
    }

    private static String store(long seed, Random r, int m) {
        String op = STORES[r.nextInt(STORES.length)];
        String acc = "(i64.add (local.get $acc) (i64.const " + r.nextLong() + "))";
        String value = switch (op.substring(0, 3)) {
            case "i64" -> acc;
            case "i32" -> "(i32.wrap_i64 " + acc + ")";
            case "f64" -> "(f64.reinterpret_i64 " + acc + ")";
            default -> "(f32.reinterpret_i32 (i32.wrap_i64 " + acc + "))";
        };
        return "(" + op + " " + m + offset(seed, r, m) + " " + address(seed, r, m) + " " + value + ")";
    }

    /**
     * A counted loop over memory {@code m}: i from 0 while i < z (at most 64 iterations), loads at
     * 8 i + a constant and a store back, so the elision inside the loop works on this memory.
     */
    private static String loop(long seed, Random r, int m) {
        boolean wide = wide(seed, m);
        long base = r.nextBoolean() ? r.nextInt(64) * 8L : 65536L * r.nextInt(3) - 8L * r.nextInt(16);
        String at = wide ? "(i64.add (i64.const " + base + ") (i64.extend_i32_u (i32.shl (local.get $i) (i32.const 3))))"
                : "(i32.add (i32.const " + base + ") (i32.shl (local.get $i) (i32.const 3)))";
        return "(local.set $i (i32.const 0)) (block $out (loop $top"
                + " (br_if $out (i32.ge_u (local.get $i) (i32.and (local.get $z) (i32.const 63))))"
                + " (local.set $acc (i64.add (local.get $acc) (i64.load " + m + " " + at + ")))"
                + " (i64.store " + m + " offset=8 " + at + " (local.get $acc))"
                + " (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $top)))";
    }

    private static String offset(long seed, Random r, int m) {
        long o = wide(seed, m) ? OFFSETS64[r.nextInt(OFFSETS64.length)] : OFFSETS32[r.nextInt(OFFSETS32.length)];
        return o == 0 ? "" : " offset=" + Long.toUnsignedString(o);
    }

    private static String address(long seed, Random r, int m) {
        // two thirds of the addresses are masked into the first page (in bounds of a memory of one
        // page or more, so calls get past them), the others come from the edges
        if (r.nextInt(3) != 0) {
            return wide(seed, m) ? "(i64.and (local.get $x) (i64.const 0xFFF0))"
                    : "(i32.and (local.get $z) (i32.const 0xFFF0))";
        }
        if (wide(seed, m)) {
            return switch (r.nextInt(5)) {
                case 0 -> "(local.get $x)";
                case 1 -> "(local.get $y)";
                case 2 -> "(i64.add (local.get $x) (i64.const " + EDGES64[r.nextInt(EDGES64.length)] + "))";
                case 3 -> "(i64.const " + EDGES64[r.nextInt(EDGES64.length)] + ")";
                default -> "(i64.extend_i32_u (local.get $z))";
            };
        }
        return switch (r.nextInt(5)) {
            case 0 -> "(local.get $z)";
            case 1 -> "(i32.wrap_i64 (local.get $x))";
            case 2 -> "(i32.add (local.get $z) (i32.const " + (int) EDGES64[r.nextInt(EDGES64.length)] + "))";
            case 3 -> "(i32.const " + (int) EDGES64[r.nextInt(EDGES64.length)] + ")";
            default -> "(i32.wrap_i64 (local.get $y))";
        };
    }

    private static String length(Random r, boolean wide) {
        long n = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(16);
            case 1 -> 65536;
            case 2 -> -1;
            default -> r.nextInt(70000);
        };
        return wide ? "(i64.const " + n + ")" : "(i32.const " + (int) n + ")";
    }

    /** Arguments (x, y, z) for {@code count} calls: edges of both address types and small addresses. */
    static long[][] arguments(long seed, int count) {
        Random r = new Random(seed * 31 + 7);
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(new long[] {arg64(r), arg64(r), (int) arg64(r)});
        }
        return out.toArray(long[][]::new);
    }

    private static long arg64(Random r) {
        return switch (r.nextInt(4)) {
            case 0, 1 -> EDGES64[r.nextInt(EDGES64.length)];
            case 2 -> r.nextInt(3 * 65536);
            default -> 0x1_0000_0000L + r.nextInt(65536) - 32768;
        };
    }
}
