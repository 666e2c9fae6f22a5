package wasm.backend.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.EnumSet;

import wasm.backend.CpuFeatures;
import wasm.backend.CpuFeatures.Feature;
import wasm.backend.code.CodeBuffer;
import wasm.backend.code.CodeImage;
import wasm.backend.code.CodeMemory;
import wasm.backend.code.RelocationTarget;
import wasm.backend.os.DowncallShape;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.X64Assembler;

/**
 * CPU feature detection through two tiny generated functions, {@code cpuid} and
 * {@code xgetbv}, loaded like any compiled code (W^X) and called through FFM,
 * then decoded ({@link #decode}, pure, so tests can feed it register values).
 */
public final class CpuId {
    private static final RelocationTarget CPUID = RelocationTarget.symbol("cpuid");
    private static final RelocationTarget XGETBV = RelocationTarget.symbol("xgetbv");

    /** What one CPUID query returns. */
    public record Regs(int eax, int ebx, int ecx, int edx) {
        static final Regs ZERO = new Regs(0, 0, 0, 0);
    }

    private CpuId() {
    }

    /**
     * {@code int cpuid(long leaf, long subleaf, int out[4], long unused)} and
     * {@code int xgetbv(long xcr, long unused, int out[2], long unused)}, both returning 0: the
     * process's one downcall shape ({@link DowncallShape}, whose stub class the system calls and
     * the JIT's entry trampolines share: a stub class costs milliseconds of start-up).
     */
    static CodeImage stubs() {
        X64Assembler a = new X64Assembler(new CodeBuffer(64));
        a.push(Gpr.RBX); // cpuid writes ebx, which System V preserves
        a.mov(Size.QWORD, Gpr.R8, Gpr.RDX);
        a.mov(Size.DWORD, Gpr.RAX, Gpr.RDI);
        a.mov(Size.DWORD, Gpr.RCX, Gpr.RSI);
        a.cpuid();
        a.mov(Size.DWORD, Mem.of(Gpr.R8, 0), Gpr.RAX);
        a.mov(Size.DWORD, Mem.of(Gpr.R8, 4), Gpr.RBX);
        a.mov(Size.DWORD, Mem.of(Gpr.R8, 8), Gpr.RCX);
        a.mov(Size.DWORD, Mem.of(Gpr.R8, 12), Gpr.RDX);
        a.pop(Gpr.RBX);
        a.xor(Size.DWORD, Gpr.RAX, Gpr.RAX);
        a.ret();
        X64Assembler b = new X64Assembler(new CodeBuffer(32));
        b.mov(Size.QWORD, Gpr.R8, Gpr.RDX);
        b.mov(Size.DWORD, Gpr.RCX, Gpr.RDI);
        b.xgetbv();
        b.mov(Size.DWORD, Mem.of(Gpr.R8, 0), Gpr.RAX);
        b.mov(Size.DWORD, Mem.of(Gpr.R8, 4), Gpr.RDX);
        b.xor(Size.DWORD, Gpr.RAX, Gpr.RAX);
        b.ret();
        CodeImage.Builder image = CodeImage.builder();
        image.define(CPUID, a.buffer().finish());
        image.define(XGETBV, b.buffer().finish());
        return image.build();
    }

    /** Runs the stubs on this machine and decodes what they report. */
    public static CpuFeatures detect() {
        try (CodeMemory mem = CodeMemory.load(stubs()); Arena arena = Arena.ofConfined()) {
            MethodHandle cpuid = mem.downcall(CPUID, DowncallShape.DESCRIPTOR);
            MethodHandle xgetbv = mem.downcall(XGETBV, DowncallShape.DESCRIPTOR);
            MemorySegment out = arena.allocate(16, 8);
            Regs leaf0 = query(cpuid, out, 0);
            Regs leaf1 = query(cpuid, out, 1);
            Regs leaf7 = leaf0.eax() >= 7 ? query(cpuid, out, 7) : Regs.ZERO;
            Regs ext0 = query(cpuid, out, 0x8000_0000);
            Regs ext1 = Integer.compareUnsigned(ext0.eax(), 0x8000_0001) >= 0 ? query(cpuid, out, 0x8000_0001) : Regs.ZERO;
            long xcr0 = 0;
            if ((leaf1.ecx() & 1 << 27) != 0) {
                long unused = (long) xgetbv.invokeExact(0L, 0L, out.address(), 0L, 0L, 0L);
                xcr0 = out.get(ValueLayout.JAVA_LONG, 0);
            }
            return decode(leaf1, leaf7, ext1, xcr0);
        } catch (Throwable t) {
            throw new IllegalStateException("CPU feature detection failed", t);
        }
    }

    private static Regs query(MethodHandle cpuid, MemorySegment out, int leaf) throws Throwable {
        long unused = (long) cpuid.invokeExact((long) leaf, 0L, out.address(), 0L, 0L, 0L);
        return new Regs(out.get(ValueLayout.JAVA_INT, 0), out.get(ValueLayout.JAVA_INT, 4),
                out.get(ValueLayout.JAVA_INT, 8), out.get(ValueLayout.JAVA_INT, 12));
    }

    private static boolean bit(int reg, int n) {
        return (reg >>> n & 1) != 0;
    }

    /**
     * The features CPUID leaves 1, 7 (subleaf 0) and 0x80000001 and XCR0 report. AVX needs
     * the CPU's AVX and OSXSAVE bits and the OS saving XMM and YMM state (XCR0 bits 1 and 2);
     * AVX2 needs AVX too.
     */
    public static CpuFeatures decode(Regs leaf1, Regs leaf7, Regs ext1, long xcr0) {
        EnumSet<Feature> f = EnumSet.noneOf(Feature.class);
        if (bit(leaf1.ecx(), 9)) {
            f.add(Feature.SSSE3);
        }
        if (bit(leaf1.ecx(), 19)) {
            f.add(Feature.SSE41);
        }
        if (bit(leaf1.ecx(), 20)) {
            f.add(Feature.SSE42);
        }
        if (bit(leaf1.ecx(), 23)) {
            f.add(Feature.POPCNT);
        }
        if (bit(ext1.ecx(), 5)) {
            f.add(Feature.LZCNT);
        }
        if (bit(leaf7.ebx(), 3)) {
            f.add(Feature.BMI1);
        }
        if (bit(leaf7.ebx(), 8)) {
            f.add(Feature.BMI2);
        }
        boolean avx = bit(leaf1.ecx(), 28) && bit(leaf1.ecx(), 27) && (xcr0 & 0b110) == 0b110;
        if (avx) {
            f.add(Feature.AVX);
            if (bit(leaf7.ebx(), 5)) {
                f.add(Feature.AVX2);
            }
        }
        return new CpuFeatures(f);
    }
}
