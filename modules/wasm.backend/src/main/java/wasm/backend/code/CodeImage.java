package wasm.backend.code;

import wasm.ir.TrapCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Several finished functions laid out back to back (each start aligned), with
 * their side tables rebased to image offsets. This is what gets loaded into
 * one {@link CodeMemory}: calls between functions of the same image use
 * {@link RelocationKind#PC_REL32} relocations, which always reach because the
 * image is mapped as one block.
 */
public final class CodeImage {
    /** The bytes; null in a layout ({@link #layout()}), which keeps everything else. */
    private final byte[] code;
    private final int size;
    private final Map<RelocationTarget, Integer> definitions;
    private final List<TrapSite> trapSites;
    private final List<Relocation> relocations;

    private CodeImage(byte[] code, int size, Map<RelocationTarget, Integer> definitions,
                      List<TrapSite> trapSites, List<Relocation> relocations) {
        this.code = code;
        this.size = size;
        this.definitions = definitions;
        this.trapSites = trapSites;
        this.relocations = relocations;
    }

    private CodeImage(byte[] code, Map<RelocationTarget, Integer> definitions,
                      List<TrapSite> trapSites, List<Relocation> relocations) {
        this(code, code.length, Collections.unmodifiableMap(definitions), List.copyOf(trapSites),
                List.copyOf(relocations));
    }

    /**
     * This image without its bytes: the offsets, trap sites and relocations, which is what a
     * loaded image is asked for. {@link CodeMemory} keeps this rather than the image, whose bytes
     * the mapping holds: a large program's baseline code would otherwise stay on the heap twice
     * (2 MB of sqlite_bench's live set, copied by every young collection until promoted).
     *
     * @return the layout; {@link #code()} throws on it
     */
    public CodeImage layout() {
        return code == null ? this : new CodeImage(null, size, definitions, trapSites, relocations);
    }

    public static Builder builder() {
        return new Builder(256);
    }

    /**
     * A builder whose buffer starts at {@code expectedBytes} (the functions' sizes plus up to 15
     * bytes of alignment each): an image of megabytes, as a code cache's, is then never grown
     * and copied on the way, and {@link Builder#build()} takes the buffer as it is when the
     * estimate was exact. Each fresh megabyte costs milliseconds of page faults.
     */
    public static Builder builder(int expectedBytes) {
        return new Builder(Math.max(16, expectedBytes));
    }

    /** An image holding a single function. */
    public static CodeImage of(RelocationTarget name, FinishedCode code) {
        Builder b = builder();
        b.define(name, code);
        return b.build();
    }

    public int size() {
        return size;
    }

    /**
     * A copy of the image bytes (relocation fields still zero).
     *
     * @throws IllegalStateException for a {@link #layout()}, which has none
     */
    public byte[] code() {
        return codeUnsafe().clone();
    }

    byte[] codeUnsafe() {
        if (code == null) {
            throw new IllegalStateException("a loaded image's layout keeps no code bytes (the mapping holds them)");
        }
        return code;
    }

    /** The targets this image defines, in layout order, with their offsets. */
    public Map<RelocationTarget, Integer> definitions() {
        return definitions;
    }

    /** The offset of a defined target. */
    public int offsetOf(RelocationTarget target) {
        Integer offset = definitions.get(target);
        if (offset == null) {
            throw new IllegalArgumentException("the code image does not define " + target);
        }
        return offset;
    }

    public List<TrapSite> trapSites() {
        return trapSites;
    }

    public List<Relocation> relocations() {
        return relocations;
    }

    /** The trap code recorded exactly at {@code offset}, if any. */
    public Optional<TrapCode> trapAt(int offset) {
        int lo = 0;
        int hi = trapSites.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int o = trapSites.get(mid).offset();
            if (o < offset) {
                lo = mid + 1;
            } else if (o > offset) {
                hi = mid - 1;
            } else {
                return Optional.of(trapSites.get(mid).code());
            }
        }
        return Optional.empty();
    }

    /** Collects functions; each starts at a multiple of 16 bytes. */
    public static final class Builder {
        /** Function starts are 16-byte aligned, as compilers do for branch-target fetch. */
        private static final int ALIGNMENT = 16;
        /** Padding byte: int3, so a stray jump into padding stops at once. */
        private static final byte PADDING = (byte) 0xCC;

        private byte[] code;
        private int size;
        private final Map<RelocationTarget, Integer> definitions = new LinkedHashMap<>();
        private final List<TrapSite> trapSites = new ArrayList<>();
        private final List<Relocation> relocations = new ArrayList<>();
        private boolean built;

        private Builder(int capacity) {
            code = new byte[capacity];
        }

        /** Appends {@code finished} under the name {@code target}; returns its image offset. */
        public int define(RelocationTarget target, FinishedCode finished) {
            Objects.requireNonNull(target, "target");
            if (definitions.containsKey(target)) {
                throw new IllegalArgumentException("duplicate definition of " + target);
            }
            int start = append(finished);
            definitions.put(target, start);
            return start;
        }

        /** Appends {@code finished} at the next aligned offset, with its side tables; returns that offset. */
        private int append(FinishedCode finished) {
            if (built) {
                throw new IllegalStateException("the code image was already built");
            }
            int start = (size + ALIGNMENT - 1) & -ALIGNMENT;
            int end = start + finished.size();
            if (end > code.length) {
                code = Arrays.copyOf(code, Math.max(code.length * 2, end));
            }
            Arrays.fill(code, size, start, PADDING);
            finished.copyTo(code, start);
            size = end;
            for (TrapSite t : finished.trapSites()) {
                trapSites.add(t.shifted(start));
            }
            for (Relocation r : finished.relocations()) {
                relocations.add(r.shifted(start));
            }
            return start;
        }

        /**
         * Appends {@code block}, which holds several pieces of code, and defines each of
         * {@code targets} at its offset in it ({@code offsets}: same order, ascending, so that
         * {@link #definitions()} stays in layout order); returns the block's image offset. For
         * the thousands of stubs of a large module: a block assembled in one buffer costs a
         * fraction of a {@link FinishedCode} per stub.
         */
        public int defineAll(List<RelocationTarget> targets, int[] offsets, FinishedCode block) {
            if (targets.size() != offsets.length) {
                throw new IllegalArgumentException(targets.size() + " targets, " + offsets.length + " offsets");
            }
            for (int k = 0; k < offsets.length; k++) {
                if (offsets[k] < (k == 0 ? 0 : offsets[k - 1] + 1) || offsets[k] >= block.size()) {
                    throw new IllegalArgumentException("offset " + offsets[k] + " is not ascending inside a block of "
                            + block.size() + " bytes");
                }
            }
            int start = append(block);
            for (int k = 0; k < offsets.length; k++) {
                if (definitions.putIfAbsent(Objects.requireNonNull(targets.get(k), "target"), start + offsets[k]) != null) {
                    throw new IllegalArgumentException("duplicate definition of " + targets.get(k));
                }
            }
            return start;
        }

        /** The offset of an already defined target, if any. */
        public OptionalInt offsetOf(RelocationTarget target) {
            Integer o = definitions.get(target);
            return o == null ? OptionalInt.empty() : OptionalInt.of(o);
        }

        public CodeImage build() {
            built = true;
            return new CodeImage(size == code.length ? code : Arrays.copyOf(code, size), new LinkedHashMap<>(definitions),
                    trapSites, relocations);
        }
    }
}
