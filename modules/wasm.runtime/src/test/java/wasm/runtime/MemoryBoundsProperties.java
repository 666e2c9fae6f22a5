package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every load and store either succeeds inside the current memory or traps
 * "out of bounds memory access" before native memory is touched, whatever the
 * address, offset and memory size (including 0 pages and after grow). Two
 * accesses to one address value check exactly as two separate ones would: the
 * JIT skips the second check only when the first covered it (RedundantBoundsChecks).
 */
class MemoryBoundsProperties {
    private static final String[] OPS = {"i32.load", "i64.load", "f32.load", "f64.load", "i32.load8_s",
        "i32.load16_u", "i64.load32_u", "i32.store", "i64.store", "i32.store8", "i32.store16", "i64.store32"};

    @Provide
    Arbitrary<Integer> addresses() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(65536 - 16, 65536 + 16),
                Arbitraries.integers().between(131072 - 16, 131072 + 16), Arbitraries.of(0, -1, -8));
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFFFFFFFFL), Arbitraries.longs().between(0, 16),
                Arbitraries.of(0xFFFFFFFFL, 0xFFFFFFF8L, 65532L));
    }

    private static int width(String op) {
        return switch (op) {
            case "i64.load", "f64.load", "i64.store" -> 8;
            case "i32.load8_s", "i32.store8" -> 1;
            case "i32.load16_u", "i32.store16" -> 2;
            default -> 4;
        };
    }

    /** The instruction text of an access to the address on the stack (a store first pushes its value). */
    private static String access(String op, long offset) {
        if (!op.contains("store")) {
            return op + " offset=" + offset + " drop";
        }
        String value = op.startsWith("i64") ? "i64.const 1" : op.startsWith("f64") ? "f64.const 1" : "i32.const 1";
        return value + " " + op + " offset=" + offset;
    }

    /**
     * The first access ends {@code slack} bytes past the memory's end (negative: inside), and
     * the second ends {@code shift} bytes past the first's end: the cases around "the second is
     * covered by the first" that an off-by-one in the elision would get wrong.
     */
    @Property(tries = 600)
    void aSecondAccessToTheSameAddressTrapsExactlyWhenItIsOutOfBounds(
            @ForAll @IntRange(min = 0, max = 2) int pages,
            @ForAll @IntRange(min = 0, max = 11) int first, @ForAll @IntRange(min = 0, max = 20) int firstOffset,
            @ForAll @IntRange(min = 0, max = 11) int second, @ForAll @IntRange(min = -3, max = 3) int slack,
            @ForAll @IntRange(min = -3, max = 3) int shift) {
        long size = pages * 65536L;
        long firstEnd = firstOffset + width(OPS[first]);
        long secondOffset = firstEnd + shift - width(OPS[second]);
        if (secondOffset < 0) {
            secondOffset = 0;
        }
        int address = (int) (size - firstEnd + slack);
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(0, 3);
        b.exportFunc("grow", "i:i", "", "local.get 0 memory.grow");
        // The two accesses share one address value; the second comes after a grow by 0 pages,
        // which must not invalidate what the first one checked.
        b.exportFunc("pair", "i:", "", "local.get 0 " + access(OPS[first], firstOffset)
                + " i32.const 0 memory.grow drop local.get 0 " + access(OPS[second], secondOffset));
        Instance inst = b.instantiate();
        assertEquals(0, inst.function("grow").call(pages)[0]);
        long ea = Integer.toUnsignedLong(address);
        boolean firstOk = ea + firstEnd <= size;
        boolean secondOk = ea + secondOffset + width(OPS[second]) <= size;
        try {
            inst.function("pair").call(address);
            assertTrue(firstOk && secondOk, "pair at " + ea + " should have trapped");
        } catch (Trap t) {
            assertEquals("out of bounds memory access", t.getMessage());
            assertTrue(!firstOk || !secondOk, "pair at " + ea + " should have succeeded");
        }
    }

    @Property(tries = 300)
    void accessesAreCheckedAgainstTheCurrentSize(@ForAll("addresses") int address, @ForAll("offsets") long offset,
                                                  @ForAll @IntRange(min = 0, max = 2) int pages,
                                                  @ForAll @IntRange(min = 0, max = 11) int opIndex) {
        String op = OPS[opIndex];
        boolean store = op.contains("store");
        int width = switch (op) {
            case "i64.load", "f64.load", "i64.store" -> 8;
            case "i32.load8_s", "i32.store8" -> 1;
            case "i32.load16_u", "i32.store16" -> 2;
            default -> 4;
        };
        String value = op.startsWith("i64") || op.startsWith("f64") ? "i64.const 1" : "i32.const 1";
        if (op.startsWith("f64")) {
            value = "f64.const 1";
        }
        TestModuleBuilder b = new TestModuleBuilder();
        b.memory(0, 3);
        b.exportFunc("grow", "i:i", "", "local.get 0 memory.grow");
        b.exportFunc("access", "i:", "", store
                ? "local.get 0 " + value + " " + op + " offset=" + offset
                : "local.get 0 " + op + " offset=" + offset + " drop");
        Instance inst = b.instantiate();
        assertEquals(0, inst.function("grow").call(pages)[0]);
        long ea = Integer.toUnsignedLong(address) + offset;
        boolean inBounds = ea + width <= pages * 65536L;
        try {
            inst.function("access").call(address);
            assertTrue(inBounds, "access at " + ea + " should have trapped");
        } catch (Trap t) {
            assertEquals("out of bounds memory access", t.getMessage());
            assertTrue(!inBounds, "access at " + ea + " should have succeeded");
        }
    }
}
