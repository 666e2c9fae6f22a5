package wasm.core.internal;

import java.util.AbstractList;
import java.util.RandomAccess;
import wasm.core.model.Instruction;

/**
 * A decoded function body's instructions, kept as the bytes they were decoded from until
 * someone reads them: the decoder checks every body as it reads the module (so a malformed body
 * is still refused at once, with the same message), the validator type-checks the bytes in one
 * streaming pass ({@link #reader()}), and the records are made on the first {@link #get} (when
 * the interpreter or the compiler first translates the function), then kept. A module of
 * thousands of functions of which a run calls a few pays for the records of those few, and
 * loading it allocates nothing per instruction.
 *
 * <p>{@link #size()} is known without decoding (the decoder counted the instructions). The
 * bytes are a copy of the code section's (the decoder's input is not kept), shared by the
 * section's bodies. Immutable; the records are made at most once per thread that races for
 * them (each gets an equal list) and published safely.
 */
public final class BinaryCode extends AbstractList<Instruction> implements RandomAccess {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private final int count;
    private final int moduleOffset;
    private final boolean tailCalls;
    private final boolean loops;
    private volatile Instruction[] decoded;

    /**
     * The instructions of {@code bytes[start..end)}, which the decoder has checked.
     *
     * @param bytes the bytes (a copy the caller does not change), shared by a section's bodies
     * @param start the first instruction's first byte
     * @param end one past the final {@code end}
     * @param count the number of instructions, the final {@code end} included
     * @param moduleOffset the module offset of {@code bytes[0]}, for error locations
     * @param tailCalls whether the decoder met return_call or return_call_indirect in them
     * @param loops whether the decoder met a loop in them
     */
    public BinaryCode(byte[] bytes, int start, int end, int count, int moduleOffset, boolean tailCalls,
                      boolean loops) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.count = count;
        this.moduleOffset = moduleOffset;
        this.tailCalls = tailCalls;
        this.loops = loops;
    }

    /**
     * Whether the instructions include return_call or return_call_indirect, as the decoder saw
     * them (the JIT asks it of every direct callee without making the callee's records).
     *
     * @return true when the body tail-calls somewhere
     */
    public boolean tailCalls() {
        return tailCalls;
    }

    /**
     * Whether the instructions include a loop, as the decoder saw them (the JIT asks it of a
     * function the interpreter could run while the JIT starts, without making its records).
     *
     * @return true when the body has a loop somewhere
     */
    public boolean loops() {
        return loops;
    }

    /**
     * A reader at the first instruction, for one pass over the {@link #size()} instructions.
     *
     * @return a new reader
     */
    public InstructionReader reader() {
        return new InstructionReader(new ByteReader(bytes, start));
    }

    /**
     * The module offset of a position of a {@link #reader()}.
     *
     * @param readerPos a position the reader reported
     * @return the byte offset in the module binary
     */
    public int moduleOffset(int readerPos) {
        return moduleOffset + readerPos;
    }

    /**
     * The body's code size in bytes (the locals' declarations excluded).
     *
     * @return {@code end - start}
     */
    public int byteSize() {
        return end - start;
    }

    /**
     * Whether the records have been made (tests and metrics; a read makes them).
     *
     * @return true after the first {@link #get}
     */
    public boolean isDecoded() {
        return decoded != null;
    }

    @Override
    public Instruction get(int index) {
        return records()[index];
    }

    @Override
    public int size() {
        return count;
    }

    private Instruction[] records() {
        Instruction[] d = decoded;
        if (d == null) {
            InstructionReader r = reader();
            d = new Instruction[count];
            for (int i = 0; i < count; i++) {
                r.next();
                d[i] = r.toInstruction();
            }
            if (r.pos() != end) {
                // The decoder counted these bytes' instructions: a mismatch is a bug, not bad input.
                throw new IllegalStateException("function body decoded to " + r.pos() + ", expected " + end);
            }
            decoded = d;
        }
        return d;
    }
}
