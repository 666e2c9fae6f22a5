package wasm.ir;

/**
 * The 16 lane indices of {@link IrOpcode#VSHUFFLE}, each 0..31, packed into an
 * instruction's two immediates five bits apiece: lanes 0..11 in {@code imm}
 * (lane k at bit 5k), lanes 12..15 in {@code imm2}.
 */
public final class ShuffleMask {
    private ShuffleMask() {
    }

    /** The {@code imm} part of {@code lanes} (16 indices, each 0..31). */
    public static long imm(int[] lanes) {
        long imm = 0;
        for (int k = 0; k < 12; k++) {
            imm |= (long) check(lanes[k]) << (5 * k);
        }
        return imm;
    }

    /** The {@code imm2} part of {@code lanes}. */
    public static int imm2(int[] lanes) {
        int imm2 = 0;
        for (int k = 12; k < 16; k++) {
            imm2 |= check(lanes[k]) << (5 * (k - 12));
        }
        return imm2;
    }

    /** Lane {@code k}'s index. */
    public static int lane(long imm, int imm2, int k) {
        return k < 12 ? (int) (imm >>> (5 * k)) & 31 : (imm2 >>> (5 * (k - 12))) & 31;
    }

    /** Whether the immediates hold sixteen indices and nothing else. */
    public static boolean isWellFormed(long imm, int imm2) {
        return (imm >>> 60) == 0 && (imm2 >>> 20) == 0;
    }

    private static int check(int lane) {
        if (lane < 0 || lane > 31) {
            throw new IllegalArgumentException("shuffle lane index " + lane);
        }
        return lane;
    }
}
