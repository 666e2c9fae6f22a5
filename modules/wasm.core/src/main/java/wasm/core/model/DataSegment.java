package wasm.core.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A data segment. {@code memoryIndex} and {@code offset} are meaningful only for
 * ACTIVE segments ({@code offset} is an empty list for PASSIVE ones).
 */
public record DataSegment(byte[] init, SegmentMode mode, int memoryIndex, List<Instruction> offset) {
    public DataSegment {
        init = init.clone();
        offset = List.copyOf(offset);
    }

    @Override
    public byte[] init() {
        return init.clone();
    }

    /** Length of the segment's bytes, without copying them. */
    public int length() {
        return init.length;
    }

    /** Copies {@code len} bytes starting at {@code from} into {@code dst}. */
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
