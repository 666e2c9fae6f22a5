package wasm.backend.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The one C signature of every downcall wasmoon makes: {@code long f(long, long, long, long,
 * long, long)}, with no linker options. The JDK spins a downcall stub class per signature and
 * set of options, and each costs milliseconds the first time in a process: 8 ms for a plain
 * second shape, 14 ms more for one with errno capture and a variadic argument, on a critical
 * path a short run waits for (docs/perf/startup.md). One shape serves all the calls:
 * <ul>
 *   <li>the system calls ({@link Libc}: its raw system-call stub, and the C library's mmap and
 *       mprotect that map that stub);</li>
 *   <li>CPU feature detection's CPUID and XGETBV stubs;</li>
 *   <li>the JIT's entry trampolines and its stack-pointer probe.</li>
 * </ul>
 * A function with fewer parameters ignores the extra ones, and one returning {@code int} leaves
 * the upper half of rax undefined: its caller casts the result to {@code int}, as the System V
 * x86-64 calling convention allows both.
 */
@SuppressWarnings("restricted")
public final class DowncallShape {
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;

    /** {@code long f(long, long, long, long, long, long)}. */
    public static final FunctionDescriptor DESCRIPTOR = FunctionDescriptor.of(J, J, J, J, J, J, J);

    private DowncallShape() {
    }

    /** A handle calling native code at {@code address} with this shape. */
    public static MethodHandle at(MemorySegment address) {
        return Linker.nativeLinker().downcallHandle(address, DESCRIPTOR);
    }
}
