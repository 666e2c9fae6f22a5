package wasm.backend.code;

import wasm.ir.TrapCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A growable little-endian byte buffer for one function's machine code, with
 * labels, label fixups and the side tables (trap sites, relocations).
 *
 * <p>References to labels are recorded as fixups and written when the code is
 * {@linkplain #finish() finished}; so a jump may be emitted before its target
 * is known, in a single pass. An unbound label, a label bound twice, a label of
 * another buffer or a fixup out of range is a compiler bug and fails loudly.
 *
 * <p>Not thread-safe: one buffer is filled by one compiling thread. It can be
 * {@linkplain #clear() cleared} and reused for the next function.
 */
public final class CodeBuffer {
    private static final int UNBOUND = -1;

    /** A label reference waiting for its label's offset. */
    private record Fixup(int offset, Label label, FixupKind kind, int addend) {}

    private byte[] bytes;
    private int size;
    private int[] labelOffsets = new int[16];
    private int labelCount;
    private int generation;
    private final List<Fixup> fixups = new ArrayList<>();
    private final List<TrapSite> trapSites = new ArrayList<>();
    private final List<Relocation> relocations = new ArrayList<>();

    public CodeBuffer() {
        this(256);
    }

    public CodeBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The offset of the next byte to be emitted. */
    public int position() {
        return size;
    }

    /** Forgets all code, labels and side tables; old labels become foreign. */
    public void clear() {
        size = 0;
        // Labels of the previous function must not alias the new ones: a new
        // generation makes every old label foreign.
        labelCount = 0;
        generation++;
        fixups.clear();
        trapSites.clear();
        relocations.clear();
    }

    // ---- emitting bytes ------------------------------------------------------------

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public void emit8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void emit16(int value) {
        ensure(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
    }

    public void emit32(int value) {
        ensure(4);
        put32(size, value);
        size += 4;
    }

    public void emit64(long value) {
        emit32((int) value);
        emit32((int) (value >>> 32));
    }

    /** The byte at {@code offset} (0..255). */
    public int byteAt(int offset) {
        Objects.checkIndex(offset, size);
        return bytes[offset] & 0xFF;
    }

    /** Overwrites four already emitted bytes. */
    public void patch32(int offset, int value) {
        Objects.checkFromIndexSize(offset, 4, size);
        put32(offset, value);
    }

    private void put32(int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }

    /** A copy of the bytes emitted so far (fixups not yet applied). */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    // ---- labels --------------------------------------------------------------------

    /** A fresh, unbound label of this buffer. */
    public Label newLabel() {
        if (labelCount == labelOffsets.length) {
            labelOffsets = Arrays.copyOf(labelOffsets, labelCount * 2);
        }
        labelOffsets[labelCount] = UNBOUND;
        return new Label(this, generation, labelCount++);
    }

    /** Binds {@code label} to the current position. */
    public void bind(Label label) {
        checkOwned(label);
        if (labelOffsets[label.id()] != UNBOUND) {
            throw new IllegalStateException("label " + label + " is already bound at offset 0x"
                    + Integer.toHexString(labelOffsets[label.id()]));
        }
        labelOffsets[label.id()] = size;
    }

    public boolean isBound(Label label) {
        checkOwned(label);
        return labelOffsets[label.id()] != UNBOUND;
    }

    /** The offset a bound label was bound to. */
    public int offsetOf(Label label) {
        checkOwned(label);
        int offset = labelOffsets[label.id()];
        if (offset == UNBOUND) {
            throw new IllegalStateException("label " + label + " is not bound yet");
        }
        return offset;
    }

    private void checkOwned(Label label) {
        Objects.requireNonNull(label, "label");
        if (label.owner() != this || label.generation() != generation || label.id() >= labelCount) {
            throw new IllegalArgumentException("label " + label + " does not belong to this code buffer");
        }
    }

    /**
     * Emits a placeholder field of {@code kind} at the current position, to be
     * filled with {@code offsetOf(label) + addend - fieldOffset} at finish.
     */
    public void emitLabelReference(Label label, FixupKind kind, int addend) {
        checkOwned(label);
        fixups.add(new Fixup(size, label, kind, addend));
        switch (kind) {
            case REL8 -> emit8(0);
            case REL32 -> emit32(0);
        }
    }

    // ---- side tables -------------------------------------------------------------

    /** Records a trap site at the current position. */
    public void addTrapSite(TrapCode code) {
        trapSites.add(new TrapSite(size, code));
    }

    /** Records a trap site at an offset already emitted (or the current position). */
    public void addTrapSite(int offset, TrapCode code) {
        if (offset > size) {
            throw new IllegalArgumentException("trap site offset " + offset + " is beyond the code end " + size);
        }
        trapSites.add(new TrapSite(offset, code));
    }

    /** Emits a zero placeholder of {@code kind} at the current position, patched at load time. */
    public void emitRelocation(RelocationKind kind, RelocationTarget target, long addend) {
        relocations.add(new Relocation(size, kind, target, addend));
        switch (kind) {
            case ABS64 -> emit64(0);
            case PC_REL32 -> emit32(0);
        }
    }

    // ---- finishing ---------------------------------------------------------------

    /**
     * Resolves every label fixup and returns the code with its side tables.
     * The buffer itself is left as is (fixups applied), so it may be cleared and reused.
     *
     * @throws IllegalStateException if a referenced label is unbound or a field overflows
     */
    public FinishedCode finish() {
        for (Fixup fixup : fixups) {
            int target = labelOffsets[fixup.label().id()];
            if (target == UNBOUND) {
                throw new IllegalStateException("label " + fixup.label() + " referenced at offset 0x"
                        + Integer.toHexString(fixup.offset()) + " was never bound");
            }
            long value = (long) target + fixup.addend() - fixup.offset();
            switch (fixup.kind()) {
                case REL8 -> {
                    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
                        throw new IllegalStateException("rel8 reference to " + fixup.label() + " at offset 0x"
                                + Integer.toHexString(fixup.offset()) + " is out of range: " + value);
                    }
                    bytes[fixup.offset()] = (byte) value;
                }
                case REL32 -> {
                    if (value != (int) value) {
                        throw new IllegalStateException("rel32 reference to " + fixup.label() + " is out of range: " + value);
                    }
                    put32(fixup.offset(), (int) value);
                }
            }
        }
        List<TrapSite> sortedTraps = new ArrayList<>(trapSites);
        sortedTraps.sort(Comparator.comparingInt(TrapSite::offset));
        List<Relocation> sortedRelocs = new ArrayList<>(relocations);
        sortedRelocs.sort(Comparator.comparingInt(Relocation::offset));
        return new FinishedCode(Arrays.copyOf(bytes, size), sortedTraps, sortedRelocs);
    }
}
