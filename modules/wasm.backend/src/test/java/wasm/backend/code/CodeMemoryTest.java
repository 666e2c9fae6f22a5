package wasm.backend.code;

import wasm.ir.TrapCode;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import wasm.backend.x64.Cond;
import wasm.backend.x64.Mem;
import wasm.backend.x64.X64Assembler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.backend.x64.Gpr.*;
import static wasm.backend.x64.Size.*;

/** Generated code executed through FFM downcalls (System V ABI: args in rdi, rsi, rdx, rcx, r8, r9; result in rax). */
@SuppressWarnings("restricted")
class CodeMemoryTest {
    private static final RelocationTarget MAIN = RelocationTarget.symbol("main");
    private static final FunctionDescriptor LONG_LONG_TO_LONG =
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor LONG_TO_LONG =
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    private static CodeMemory load(Consumer<X64Assembler> body) {
        CodeBuffer buf = new CodeBuffer();
        body.accept(new X64Assembler(buf));
        return CodeMemory.load(CodeImage.of(MAIN, buf.finish()));
    }

    @Test
    void addsTwoLongs() throws Throwable {
        try (CodeMemory mem = load(a -> {
            a.mov(QWORD, RAX, RDI);
            a.add(QWORD, RAX, RSI);
            a.ret();
        })) {
            MethodHandle add = mem.downcall(MAIN, LONG_LONG_TO_LONG);
            assertEquals(5L, (long) add.invokeExact(2L, 3L));
            assertEquals(Long.MIN_VALUE, (long) add.invokeExact(Long.MAX_VALUE, 1L));
        }
    }

    @Test
    void loopsToComputeASum() throws Throwable {
        try (CodeMemory mem = load(a -> {
            Label loop = a.newLabel();
            Label done = a.newLabel();
            a.xor(DWORD, RAX, RAX);
            a.test(QWORD, RDI, RDI);
            a.jcc(Cond.LE, done);
            a.align(16);
            a.bind(loop);
            a.add(QWORD, RAX, RDI);
            a.sub(QWORD, RDI, 1);
            a.jcc(Cond.NE, loop);
            a.bind(done);
            a.ret();
        })) {
            MethodHandle sum = mem.downcall(MAIN, LONG_TO_LONG);
            assertEquals(5050L, (long) sum.invokeExact(100L));
            assertEquals(0L, (long) sum.invokeExact(0L));
            assertEquals(0L, (long) sum.invokeExact(-5L));
            assertEquals(500_000_500_000L, (long) sum.invokeExact(1_000_000L));
        }
    }

    @Test
    void callsAnotherFunctionThroughALabel() throws Throwable {
        try (CodeMemory mem = load(a -> {
            Label triple = a.newLabel();
            a.push(RBX);                 // callee-saved, and realigns the stack to 16
            a.mov(QWORD, RBX, RSI);
            a.call(triple);              // rax = rdi * 3
            a.add(QWORD, RAX, RBX);
            a.pop(RBX);
            a.ret();
            a.bind(triple);
            a.imul(QWORD, RAX, RDI, 3);
            a.ret();
        })) {
            MethodHandle f = mem.downcall(MAIN, LONG_LONG_TO_LONG);
            assertEquals(3 * 14L + 1, (long) f.invokeExact(14L, 1L));
            assertEquals(-30L + 7, (long) f.invokeExact(-10L, 7L));
        }
    }

    @Test
    void functionsOfOneImageCallEachOtherThroughRelocations() throws Throwable {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        // func 0: return func1(x) + func1(x)      (PC_REL32 call)
        a.push(RBX);
        a.push(R12);
        a.sub(QWORD, RSP, 8);                      // keep rsp 16-aligned at the calls
        a.mov(QWORD, R12, RDI);
        a.call(RelocationTarget.function(1));
        a.mov(QWORD, RBX, RAX);
        a.mov(QWORD, RDI, R12);
        a.movabs(R11, RelocationTarget.function(1), 0); // ABS64 then an indirect call
        a.call(R11);
        a.add(QWORD, RAX, RBX);
        a.add(QWORD, RSP, 8);
        a.pop(R12);
        a.pop(RBX);
        a.ret();
        FinishedCode f0 = buf.finish();
        buf.clear();
        // func 1: x * x - 1
        a.mov(QWORD, RAX, RDI);
        a.imul(QWORD, RAX, RDI);
        a.sub(QWORD, RAX, 1);
        a.ret();
        FinishedCode f1 = buf.finish();
        CodeImage.Builder b = CodeImage.builder();
        b.define(RelocationTarget.function(0), f0);
        b.define(RelocationTarget.function(1), f1);
        try (CodeMemory mem = CodeMemory.load(b.build())) {
            MethodHandle h = mem.downcall(RelocationTarget.function(0), LONG_TO_LONG);
            assertEquals(2 * (9L * 9 - 1), (long) h.invokeExact(9L));
            assertEquals(mem.baseAddress() + 16 * ((f0.size() + 15) / 16), mem.addressOf(RelocationTarget.function(1)));
        }
    }

    @Test
    void externalSymbolsAreResolvedAndCalled() throws Throwable {
        MemorySegment labs = Linker.nativeLinker().defaultLookup().findOrThrow("labs");
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        a.push(RBP);                              // realign to 16 for the C call
        a.movabs(RAX, RelocationTarget.symbol("labs"), 0);
        a.call(RAX);
        a.add(QWORD, RAX, 1);
        a.pop(RBP);
        a.ret();
        SymbolResolver resolver = t -> t.equals(RelocationTarget.symbol("labs"))
                ? OptionalLong.of(labs.address()) : OptionalLong.empty();
        try (CodeMemory mem = CodeMemory.load(CodeImage.of(MAIN, buf.finish()), resolver)) {
            MethodHandle h = mem.downcall(MAIN, LONG_TO_LONG);
            assertEquals(43L, (long) h.invokeExact(-42L));
        }
        CodeImage unresolved = CodeImage.of(MAIN, buf.finish());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeMemory.load(unresolved));
        assertEquals("unresolved relocation target labs", e.getMessage());
    }

    @Test
    void readsMemoryThroughScaledIndexAddressingAndStoresBytes() throws Throwable {
        // long sum(int* p, long n): sum of sign-extended ints; also stores the low byte of the sum at p[n]
        try (CodeMemory mem = load(a -> {
            Label loop = a.newLabel();
            Label done = a.newLabel();
            a.push(R12);
            a.push(R13);
            a.xor(DWORD, RAX, RAX);
            a.xor(DWORD, R12, R12);                      // index
            a.mov(QWORD, R13, RDI);                      // r13 as base needs a disp byte
            a.bind(loop);
            a.cmp(QWORD, R12, RSI);
            a.jcc(Cond.GE, done);
            a.movsxd(RCX, Mem.of(R13, R12, 4, 0));
            a.add(QWORD, RAX, RCX);
            a.add(QWORD, R12, 1);
            a.jmp(loop);
            a.bind(done);
            a.mov(BYTE, Mem.of(R13, R12, 4, 0), RAX);
            a.pop(R13);
            a.pop(R12);
            a.ret();
        }); Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocate(ValueLayout.JAVA_INT, 5);
            int[] values = {1, -2, 300, Integer.MAX_VALUE};
            for (int i = 0; i < values.length; i++) {
                ints.setAtIndex(ValueLayout.JAVA_INT, i, values[i]);
            }
            MethodHandle h = mem.downcall(MAIN,
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            long expected = 1L - 2 + 300 + Integer.MAX_VALUE;
            assertEquals(expected, (long) h.invokeExact(ints, 4L));
            assertEquals((byte) expected, ints.get(ValueLayout.JAVA_BYTE, 16));
        }
    }

    @Test
    void divisionTrapsThroughAStubInsteadOfFaulting() throws Throwable {
        // long div(long a, long b): traps (returns the trap code's ordinal | 1<<62) on b == 0 and MIN / -1
        try (CodeMemory mem = load(a -> {
            Label divByZero = a.newLabel();
            Label overflow = a.newLabel();
            Label ok = a.newLabel();
            a.test(QWORD, RSI, RSI);
            a.jcc(Cond.E, divByZero);
            a.cmp(QWORD, RSI, -1);
            a.jcc(Cond.NE, ok);
            a.movabs(RAX, Long.MIN_VALUE);
            a.cmp(QWORD, RDI, RAX);
            a.jcc(Cond.E, overflow);
            a.bind(ok);
            a.mov(QWORD, RAX, RDI);
            a.cqo();
            a.idiv(QWORD, RSI);
            a.ret();
            a.bind(divByZero);
            a.buffer().addTrapSite(TrapCode.INT_DIVZ);
            a.movConst(RAX, (1L << 62) | TrapCode.INT_DIVZ.ordinal());
            a.ret();
            a.bind(overflow);
            a.buffer().addTrapSite(TrapCode.INT_OVF);
            a.movConst(RAX, (1L << 62) | TrapCode.INT_OVF.ordinal());
            a.ret();
        })) {
            MethodHandle div = mem.downcall(MAIN, LONG_LONG_TO_LONG);
            assertEquals(-3L, (long) div.invokeExact(-7L, 2L));
            assertEquals((1L << 62) | TrapCode.INT_DIVZ.ordinal(), (long) div.invokeExact(1L, 0L));
            assertEquals((1L << 62) | TrapCode.INT_OVF.ordinal(), (long) div.invokeExact(Long.MIN_VALUE, -1L));
            assertEquals(List.of(TrapCode.INT_DIVZ, TrapCode.INT_OVF),
                    mem.image().trapSites().stream().map(TrapSite::code).toList());
        }
    }

    @Test
    void codeIsReadExecuteNeverWritableAndUnmappedOnClose() throws Throwable {
        CodeMemory mem = load(a -> {
            a.mov(QWORD, RAX, RDI);
            a.ret();
        });
        MethodHandle id = mem.downcall(MAIN, LONG_TO_LONG);
        assertEquals(7L, (long) id.invokeExact(7L));
        String mapping = mappingContaining(mem.baseAddress());
        assertTrue(mapping.split("\\s+")[1].equals("r-xp"), "code mapping must be r-x: " + mapping);
        assertEquals(0, mem.baseAddress() % 4096);
        assertTrue(mem.segment().isReadOnly());
        assertEquals(0x48, mem.segment().get(ValueLayout.JAVA_BYTE, 0) & 0xFF, "code is readable");
        mem.close();
        assertTrue(mem.isClosed());
        mem.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> {
            long unused = (long) id.invokeExact(7L);
        }, "a call after close must fail cleanly, not jump into unmapped memory");
    }

    /** Upcall target: tries to close the code memory that is calling it. Never lets an exception escape. */
    static final class CloseFromInside {
        CodeMemory memory;

        long tryClose() {
            try {
                memory.close();
                return 0;
            } catch (IllegalStateException expected) {
                return 1;
            } catch (Throwable unexpected) {
                return 2;
            }
        }
    }

    @Test
    void closingWhileGeneratedCodeRunsFailsCleanly() throws Throwable {
        CloseFromInside closer = new CloseFromInside();
        MethodHandle target = java.lang.invoke.MethodHandles.lookup()
                .findVirtual(CloseFromInside.class, "tryClose", java.lang.invoke.MethodType.methodType(long.class))
                .bindTo(closer);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = Linker.nativeLinker().upcallStub(target, FunctionDescriptor.of(ValueLayout.JAVA_LONG), arena);
            CodeBuffer buf = new CodeBuffer();
            X64Assembler a = new X64Assembler(buf);
            a.push(RBP);
            a.movabs(RAX, RelocationTarget.symbol("close"), 0);
            a.call(RAX);
            a.pop(RBP);
            a.ret();
            CodeMemory mem = CodeMemory.load(CodeImage.of(MAIN, buf.finish()),
                    t -> OptionalLong.of(stub.address()));
            closer.memory = mem;
            MethodHandle h = mem.downcall(MAIN, FunctionDescriptor.of(ValueLayout.JAVA_LONG));
            assertEquals(1L, (long) h.invokeExact(), "close during a call must throw IllegalStateException");
            assertFalse(mem.isClosed());
            mem.close();
            assertTrue(mem.isClosed());
        }
    }

    @Test
    void theCleanerUnmapsCodeMemoryThatWasNeverClosed() throws InterruptedException {
        MemorySegment code = loadAndForget();
        for (int i = 0; i < 200 && code.scope().isAlive(); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertFalse(code.scope().isAlive(), "the cleaner should have unmapped the unreachable code memory");
    }

    /** Loads code and drops the CodeMemory, keeping only its segment (which does not keep it reachable). */
    private static MemorySegment loadAndForget() {
        return load(X64Assembler::ret).segment();
    }

    @Test
    void loadRejectsPcRelativeTargetsOutOfReach() {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler a = new X64Assembler(buf);
        a.call(RelocationTarget.symbol("far"));
        a.ret();
        CodeImage image = CodeImage.of(MAIN, buf.finish());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeMemory.load(image, t -> OptionalLong.of(0x7000_0000_0000L)));
        assertTrue(e.getMessage().contains("cannot reach far"), e.getMessage());
    }

    /** The /proc/self/maps line of the mapping containing {@code address}. */
    private static String mappingContaining(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            long start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                assertFalse(line.split("\\s+")[1].contains("w"), "writable code mapping: " + line);
                return line;
            }
        }
        throw new AssertionError("no mapping contains 0x" + Long.toHexString(address));
    }
}
