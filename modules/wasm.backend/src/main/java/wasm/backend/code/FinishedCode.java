package wasm.backend.code;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The machine code of one function with every label resolved, plus its side
 * tables. Immutable: the byte array is taken over on the way in (its makers,
 * {@link CodeBuffer#finish()} and the code cache's reader, hand in a fresh array
 * they keep no reference to; a copy there doubled the bytes every compile and
 * every cached function allocated) and copied on the way out.
 *
 * @param code        the bytes; relocation fields still hold zero
 * @param trapSites   trap sites in ascending offset order
 * @param relocations fields to patch at load time, in ascending offset order
 */
public record FinishedCode(byte[] code, List<TrapSite> trapSites, List<Relocation> relocations) {
    public FinishedCode {
        Objects.requireNonNull(code, "code");
        trapSites = List.copyOf(trapSites);
        relocations = List.copyOf(relocations);
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    /** Size of the code in bytes. */
    public int size() {
        return code.length;
    }

    /** Copies the code into {@code dest} at {@code destOffset} (no intermediate clone). */
    public void copyTo(byte[] dest, int destOffset) {
        System.arraycopy(code, 0, dest, destOffset, code.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FinishedCode f
                && Arrays.equals(code, f.code)
                && trapSites.equals(f.trapSites)
                && relocations.equals(f.relocations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(code), trapSites, relocations);
    }

    @Override
    public String toString() {
        return "FinishedCode[" + HexFormat.ofDelimiter(" ").formatHex(code)
                + ", trapSites=" + trapSites + ", relocations=" + relocations + "]";
    }
}
