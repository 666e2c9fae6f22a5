package wasm.core.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A data segment. {@code memoryIndex} and {@code offset} are meaningful only for
 * ACTIVE segments ({@code offset} is an empty list for PASSIVE ones).
 *
 * @param init the bytes the segment writes
 * @param mode ACTIVE or PASSIVE
 * @param memoryIndex the memory an active segment initialises
 * @param offset the constant expression of an active segment's address, ending with {@code end}
 */
public record DataSegment(byte[] init, SegmentMode mode, int memoryIndex, List<Instruction> offset) {
    /**
     * Copies the bytes and the offset expression.
     *
     * @throws NullPointerException when {@code init} or {@code offset} is null
     */
    public DataSegment {
        init = init.clone();
        offset = List.copyOf(offset);
    }

    /**
     * The segment's bytes ({@link #length()} and {@link #copyTo} read them without a copy).
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] init() {
        return init.clone();
    }

    /**
     * Length of the segment's bytes, without copying them.
     *
     * @return the number of bytes
     */
    public int length() {
        return init.length;
    }

    /**
     * Copies {@code len} bytes starting at {@code from} into {@code dst}.
     *
     * @param from the first byte of the segment to copy
     * @param dst the array to copy into
     * @param dstOffset where in {@code dst} the first byte goes
     * @param len the number of bytes
     * @throws IndexOutOfBoundsException when a range does not fit (as {@link System#arraycopy})
     */
    public void copyTo(int from, byte[] dst, int dstOffset, int len) {
        System.arraycopy(init, from, dst, dstOffset, len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSegment d && Arrays.equals(init, d.init) && mode == d.mode
                && memoryIndex == d.memoryIndex && offset.equals(d.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(init), mode, memoryIndex, offset);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(init, 0, Math.min(init.length, 32));
        return "DataSegment[" + mode + ", mem=" + memoryIndex + ", offset=" + offset + ", "
                + init.length + " bytes: " + hex + (init.length > 32 ? "..." : "") + "]";
    }
}
