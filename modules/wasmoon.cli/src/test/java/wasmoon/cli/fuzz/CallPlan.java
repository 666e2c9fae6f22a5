package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import wasm.core.model.ValType;

/**
 * The calls a fuzz run makes to one instrumented module, the same for every engine: each
 * wrapper in export order, {@value #ROUNDS} times over, with arguments derived from the
 * module's seed. Wrappers take only i32 and i64 (floats are passed as their bits, a v128 as
 * its low and high i64 halves), so an argument is a long; the interesting values include NaNs
 * with payloads, signalling NaNs, infinities, zeros of both signs and subnormals, for a v128
 * in the lanes of a random shape (i8x16 to f64x2) or as random bits.
 */
public record CallPlan(List<Call> calls) {
    static final int ROUNDS = 2;

    /** One call: the wrapper's export name, its parameter letters (i, I) and the arguments. */
    public record Call(String name, String signature, long[] args) {
        /** The batch-file line: {@code call NAME SIG ARG...} ({@code -} for no parameters). */
        String line() {
            StringBuilder sb = new StringBuilder("call ").append(name).append(' ')
                    .append(signature.isEmpty() ? "-" : signature);
            for (long a : args) {
                sb.append(' ').append(a);
            }
            return sb.toString();
        }
    }

    private static final long[] INTS = {0, 1, -1, 2, 3, 7, 8, 16, 31, 32, 63, 64, 255, 256, 1023, 65535, 65536,
        0x7fffffffL, 0x80000000L, 0xffffffffL, Long.MIN_VALUE, Long.MAX_VALUE, -2, -64, 100000};
    private static final int[] F32_BITS = {0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000,
        0x7f7fffff, 0x00800000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000,
        0x7f800001, 0x7fc12345, 0x4f000000, 0xcf000000, 0x5f000000, 0x4b800000, 0x3effffff};
    private static final long[] F64_BITS = {0L, 0x8000000000000000L, 0x3ff0000000000000L, 0xbff0000000000000L,
        0x3fe0000000000000L, 0x7fefffffffffffffL, 0x0010000000000000L, 1L, 0x7ff0000000000000L,
        0xfff0000000000000L, 0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff4000000000000L,
        0x7ff0000000000001L, 0x7ff8000000012345L, 0x41e0000000000000L, 0xc3e0000000000000L,
        0x43e0000000000000L, 0x4330000000000000L, 0x3fdfffffffffffffL};

    /** The plan for {@code wrappers} of a module generated from {@code seed}. */
    public static CallPlan of(List<Instrumenter.Wrapper> wrappers, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        List<Call> calls = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int w = 0; w < wrappers.size(); w++) {
                Instrumenter.Wrapper wrapper = wrappers.get(w);
                List<ValType> original = wrapper.originalType().params();
                List<Long> args = new ArrayList<>();
                StringBuilder sig = new StringBuilder();
                for (ValType t : original) {
                    switch (t) {
                        case I32 -> {
                            args.add((long) (int) intValue(r));
                            sig.append('i');
                        }
                        case I64 -> {
                            args.add(intValue(r));
                            sig.append('I');
                        }
                        case F32 -> {
                            args.add((long) (r.nextInt(3) == 0 ? r.nextInt() : F32_BITS[r.nextInt(F32_BITS.length)]));
                            sig.append('i');
                        }
                        case F64 -> {
                            args.add(r.nextInt(3) == 0 ? r.nextLong() : F64_BITS[r.nextInt(F64_BITS.length)]);
                            sig.append('I');
                        }
                        case V128 -> {
                            long[] halves = v128Value(r);
                            args.add(halves[0]);
                            args.add(halves[1]);
                            sig.append("II");
                        }
                        default -> {
                        }
                    }
                }
                calls.add(new Call(wrapper.name(), sig.toString(), args.stream().mapToLong(Long::longValue).toArray()));
            }
        }
        return new CallPlan(calls);
    }

    /** Interesting lane values of the integer shapes: 0, 1, -1 and the signed limits. */
    private static final long[] LANE_INTS = {0, 1, -1, 0x7f, 0x80, 0x7fff, 0x8000, 0x7fffffffL, 0x80000000L};

    /** A v128 argument as its low and high halves: lanes of one shape (the last: random bits). */
    private static long[] v128Value(SplittableRandom r) {
        int shape = r.nextInt(6);
        if (shape == 5) {
            return new long[] {r.nextLong(), r.nextLong()};
        }
        int laneBits = switch (shape) {
            case 0 -> 8;
            case 1 -> 16;
            case 2, 3 -> 32;
            default -> 64;
        };
        long[] halves = new long[2];
        for (int lane = 0; lane < 128 / laneBits; lane++) {
            long v = switch (shape) {
                case 3 -> r.nextInt(3) == 0 ? r.nextInt() : F32_BITS[r.nextInt(F32_BITS.length)];
                case 4 -> r.nextInt(3) == 0 ? r.nextLong() : F64_BITS[r.nextInt(F64_BITS.length)];
                default -> r.nextBoolean() ? LANE_INTS[r.nextInt(LANE_INTS.length)] : r.nextLong();
            };
            long mask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
            int bit = lane * laneBits;
            halves[bit / 64] |= (v & mask) << (bit % 64);
        }
        return halves;
    }

    private static long intValue(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> INTS[r.nextInt(INTS.length)];
            case 1 -> r.nextLong();
            default -> r.nextInt(2000) - 1000;
        };
    }
}
