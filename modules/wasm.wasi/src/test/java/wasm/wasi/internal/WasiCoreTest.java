package wasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import wasm.wasi.WasiConfig;
import wasm.wasi.WasiExit;

/** args, environ, clocks, random, poll, proc_exit, the standard streams and bad pointers. */
class WasiCoreTest {
    private static WasiHarness harness(String stdin) throws IOException {
        return new WasiHarness(WasiConfig.builder()
                .arg("prog").arg("héllo").arg("")
                .env("A", "1").env("PATH", "/bin"), stdin);
    }

    @Test
    void argsSizesAndContents() throws IOException {
        try (WasiHarness h = harness("")) {
            int argc = h.alloc(4);
            int size = h.alloc(4);
            assertEquals(0, h.call(WasiFunction.ARGS_SIZES_GET, argc, size));
            assertEquals(3, h.memory.readI32(argc));
            assertEquals(5 + 7 + 1, h.memory.readI32(size), "UTF-8 bytes plus a NUL each");
            int argv = h.alloc(12);
            int buf = h.alloc(13);
            assertEquals(0, h.call(WasiFunction.ARGS_GET, argv, buf));
            assertEquals(buf, h.memory.readI32(argv));
            assertEquals(buf + 5, h.memory.readI32(argv + 4));
            assertEquals(buf + 12, h.memory.readI32(argv + 8));
            assertEquals("prog\0héllo\0\0", new String(h.memory.read(buf, 13), StandardCharsets.UTF_8));
        }
    }

    @Test
    void environSizesAndContents() throws IOException {
        try (WasiHarness h = harness("")) {
            int count = h.alloc(4);
            int size = h.alloc(4);
            assertEquals(0, h.call(WasiFunction.ENVIRON_SIZES_GET, count, size));
            assertEquals(2, h.memory.readI32(count));
            assertEquals(4 + 10, h.memory.readI32(size));
            int env = h.alloc(8);
            int buf = h.alloc(14);
            assertEquals(0, h.call(WasiFunction.ENVIRON_GET, env, buf));
            assertEquals("A=1\0PATH=/bin\0", new String(h.memory.read(buf, 14), StandardCharsets.UTF_8));
            assertEquals(buf + 4, h.memory.readI32(env + 4));
        }
    }

    @Test
    void clocks() throws IOException {
        try (WasiHarness h = harness("")) {
            int t = h.alloc(8);
            assertEquals(0, h.call(WasiFunction.CLOCK_TIME_GET, 0, 1L, t));
            long realtime = h.memory.readI64(t);
            long javaNow = System.currentTimeMillis() * 1_000_000L;
            assertTrue(Math.abs(realtime - javaNow) < 5_000_000_000L, "realtime is the wall clock in ns");
            assertEquals(0, h.call(WasiFunction.CLOCK_TIME_GET, 1, 1L, t));
            long m1 = h.memory.readI64(t);
            assertEquals(0, h.call(WasiFunction.CLOCK_TIME_GET, 1, 1L, t));
            assertTrue(h.memory.readI64(t) >= m1, "monotonic does not go back");
            assertEquals(0, h.call(WasiFunction.CLOCK_TIME_GET, 2, 1L, t));
            assertTrue(h.memory.readI64(t) > 0, "this JVM has used CPU time");
            assertEquals(0, h.call(WasiFunction.CLOCK_TIME_GET, 3, 1L, t));
            assertEquals(Errno.INVAL.code(), h.call(WasiFunction.CLOCK_TIME_GET, 4, 1L, t));
            for (int id = 0; id < 4; id++) {
                assertEquals(0, h.call(WasiFunction.CLOCK_RES_GET, id, t));
                assertTrue(h.memory.readI64(t) > 0);
            }
            assertEquals(Errno.INVAL.code(), h.call(WasiFunction.CLOCK_RES_GET, 9, t));
        }
    }

    @Test
    void randomFillsTheBuffer() throws IOException {
        try (WasiHarness h = harness("")) {
            int a = h.alloc(64);
            int b = h.alloc(64);
            assertEquals(0, h.call(WasiFunction.RANDOM_GET, a, 64));
            assertEquals(0, h.call(WasiFunction.RANDOM_GET, b, 64));
            assertNotEquals(Arrays.toString(h.memory.read(a, 64)), Arrays.toString(h.memory.read(b, 64)));
            assertEquals(0, h.call(WasiFunction.RANDOM_GET, a, 0));
        }
    }

    @Test
    void procExitUnwindsWithTheCode() throws IOException {
        try (WasiHarness h = harness("")) {
            WasiExit exit = assertThrows(WasiExit.class, () -> h.wasi.invoke(WasiFunction.PROC_EXIT, new long[] {42}));
            assertEquals(42, exit.code());
        }
    }

    @Test
    void stdoutStderrAndStdin() throws IOException {
        try (WasiHarness h = harness("line one\nrest")) {
            assertEquals(0, h.write(1, "out\n"));
            assertEquals(0, h.write(2, "err\n"));
            assertEquals("out\n", h.stdout.toString(StandardCharsets.UTF_8));
            assertEquals("err\n", h.stderr.toString(StandardCharsets.UTF_8));
            assertEquals("line one\nrest", h.read(0, 100));
            assertEquals("", h.read(0, 100), "end of input");
            assertEquals(Errno.NOTCAPABLE.code(), h.write(0, "x"), "stdin has no write right");
        }
    }

    @Test
    void gatherWriteConcatenatesIovecs() throws IOException {
        try (WasiHarness h = harness("")) {
            int p1 = h.str("ab");
            int p2 = h.str("cde");
            int iov = h.alloc(24);
            h.memory.writeI32(iov, p1);
            h.memory.writeI32(iov + 4, 2);
            h.memory.writeI32(iov + 8, p2);
            h.memory.writeI32(iov + 12, 0);
            h.memory.writeI32(iov + 16, p2);
            h.memory.writeI32(iov + 20, 3);
            int n = h.alloc(4);
            assertEquals(0, h.call(WasiFunction.FD_WRITE, 1, iov, 3, n));
            assertEquals(5, h.memory.readI32(n));
            assertEquals("abcde", h.stdout.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void badPointersAreEfaultAndWriteNothing() throws IOException {
        try (WasiHarness h = harness("")) {
            int fault = Errno.FAULT.code();
            int end = WasiHarness.MEMORY_SIZE;
            int iov = h.alloc(8);
            h.memory.writeI32(iov, end - 2);
            h.memory.writeI32(iov + 4, 10);
            int n = h.alloc(4);
            assertEquals(fault, h.call(WasiFunction.FD_WRITE, 1, iov, 1, n), "iovec runs past the end");
            h.memory.writeI32(iov, 0xFFFF_FFF0);
            assertEquals(fault, h.call(WasiFunction.FD_WRITE, 1, iov, 1, n), "pointer near 4 GiB");
            assertEquals(fault, h.call(WasiFunction.FD_WRITE, 1, end - 4, 1, n), "iovec array past the end");
            assertEquals(fault, h.call(WasiFunction.FD_WRITE, 1, iov, 0x7FFF_FFFF, n), "huge iovec count");
            assertEquals("", h.stdout.toString(StandardCharsets.UTF_8));
            assertEquals(fault, h.call(WasiFunction.ARGS_GET, -16, 0));
            assertEquals(fault, h.call(WasiFunction.ARGS_SIZES_GET, end, 0));
            assertEquals(fault, h.call(WasiFunction.CLOCK_TIME_GET, 0, 0L, end - 7));
            assertEquals(fault, h.call(WasiFunction.RANDOM_GET, end - 10, 11));
            assertEquals(fault, h.call(WasiFunction.RANDOM_GET, 0, -1));
            assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_PRESTAT_GET, 0, end), "the fd is checked first");
            assertEquals(fault, h.call(WasiFunction.FD_FDSTAT_GET, 1, end - 8));
        }
    }

    @Test
    void pollSleepsForAClockSubscription() throws IOException {
        try (WasiHarness h = harness("")) {
            int in = h.alloc(48);
            ByteBuffer sub = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
            sub.putLong(0, 0xC0FFEE);
            sub.put(8, (byte) 0);
            sub.putInt(16, 1);
            sub.putLong(24, 20_000_000L);
            h.memory.write(in, sub.array());
            int out = h.alloc(32);
            int n = h.alloc(4);
            long t0 = System.nanoTime();
            assertEquals(0, h.call(WasiFunction.POLL_ONEOFF, in, out, 1, n));
            assertTrue(System.nanoTime() - t0 >= 20_000_000L, "slept at least the timeout");
            assertEquals(1, h.memory.readI32(n));
            ByteBuffer ev = ByteBuffer.wrap(h.memory.read(out, 32)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0xC0FFEE, ev.getLong(0));
            assertEquals(0, ev.getShort(8));
            assertEquals(0, ev.get(10));
            assertEquals(Errno.INVAL.code(), h.call(WasiFunction.POLL_ONEOFF, in, out, 0, n));
        }
    }

    @Test
    void pollOnDescriptorsAnswersAtOnce() throws IOException {
        try (WasiHarness h = harness("")) {
            int in = h.alloc(96);
            ByteBuffer subs = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
            subs.putLong(0, 1);
            subs.put(8, (byte) 2); // fd_write
            subs.putInt(16, 1);
            subs.putLong(48, 2);
            subs.put(56, (byte) 1); // fd_read
            subs.putInt(64, 55);
            h.memory.write(in, subs.array());
            int out = h.alloc(64);
            int n = h.alloc(4);
            assertEquals(0, h.call(WasiFunction.POLL_ONEOFF, in, out, 2, n));
            assertEquals(2, h.memory.readI32(n));
            ByteBuffer ev = ByteBuffer.wrap(h.memory.read(out, 64)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(1, ev.getLong(0));
            assertEquals(0, ev.getShort(8));
            assertEquals(2, ev.getLong(32));
            assertEquals(Errno.BADF.code(), ev.getShort(40));
        }
    }

    @Test
    void unsupportedCallsAnswerNosysOrNotsup() throws IOException {
        try (WasiHarness h = harness("")) {
            assertEquals(Errno.NOSYS.code(), h.call(WasiFunction.PROC_RAISE, 9));
            assertEquals(Errno.NOTSUP.code(), h.call(WasiFunction.SOCK_ACCEPT, 1, 0, h.alloc(4)));
            assertEquals(Errno.NOTSUP.code(), h.call(WasiFunction.SOCK_SHUTDOWN, 0, 0));
            assertEquals(Errno.BADF.code(), h.call(WasiFunction.SOCK_SHUTDOWN, 3, 0), "no such fd");
            assertEquals(0, h.call(WasiFunction.SCHED_YIELD));
        }
    }

    @Test
    void unboundMemoryFailsLoudlyAndNoMemoryIsEfault() throws IOException {
        try (WasiSyscalls wasi = new WasiSyscalls(WasiConfig.builder().build())) {
            assertThrows(IllegalStateException.class,
                    () -> wasi.invoke(WasiFunction.ARGS_SIZES_GET, new long[] {0, 4}));
            wasi.bind(GuestMemory.NONE);
            assertEquals(Errno.FAULT.code(), (int) wasi.invoke(WasiFunction.ARGS_SIZES_GET, new long[] {0, 4})[0]);
            assertEquals(0, (int) wasi.invoke(WasiFunction.SCHED_YIELD, new long[0])[0]);
        }
    }

    @Test
    void everyFunctionHasItsWitxSignature() {
        assertEquals(46, WasiFunction.values().length);
        assertEquals("[i32, i64, i32] -> [i32]", WasiFunction.byName("clock_time_get").type().toString());
        assertEquals("[i32, i32, i32, i32, i32, i64, i64, i32, i32] -> [i32]",
                WasiFunction.byName("path_open").type().toString());
        assertEquals("[i32] -> []", WasiFunction.byName("proc_exit").type().toString());
        assertEquals(null, WasiFunction.byName("fd_bogus"));
    }
}
