package wasm.runtime.internal.jit;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;

import wasm.backend.os.DowncallShape;

/**
 * The C signatures of the JIT's calls across FFM, apart from {@link JitEngine} so that loading
 * the engine does not initialise FFM's layouts: the first {@link ValueLayout} of a process makes
 * FFM's method handles (a generated class, milliseconds), which a run that ends in the
 * interpreter need not pay.
 */
final class CallShapes {
    /**
     * The C signature of the entry trampolines, {@code int (long vmctx, long code, long argv, long
     * resultv)}, called as the process's one downcall shape (its two further arguments are 0; the
     * int is the low half of the long answered): the shape's stub class is then made once, for
     * the system calls, and shared.
     */
    static final FunctionDescriptor ENTRY = DowncallShape.DESCRIPTOR;
    /** The C signature of every upcall, {@code int (long, long, long, long)}: one upcall stub class. */
    static final FunctionDescriptor UPCALL = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    private CallShapes() {
    }
}
