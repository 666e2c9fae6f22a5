package wasmoon.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.stream.Collectors;
import com.sun.management.OperatingSystemMXBean;

/**
 * The phase timings of {@code run --verbose}; silent otherwise. Each line gives the phase's wall
 * time, the CPU time of the whole process over it and, once the JIT's wasm thread exists, that
 * thread's CPU time: {@code wasmoon: invoked _start in 812.4 ms (cpu 815.0 ms, wasm thread 809.9 ms)}.
 *
 * <p>CPU times are steadier than wall time on a busy machine (another process preempting this one
 * adds wall time, not CPU time), and the wasm thread's leaves out the JVM's own threads (its
 * compilers, the GC) and the caller's short spin while it waits: it is what
 * {@code scripts/bench-peers.sh} compares with node's run phase.
 *
 * <p>The wasm thread is found by name ({@value #WASM_THREAD}, as the JIT engine names it) among the
 * threads that did not exist when the timer was made, so that in a process with other stores (the
 * tests run the command in-process) it is this run's.
 */
final class PhaseTimer {
    private static final String WASM_THREAD = "wasmoon-wasm";

    private final boolean enabled;
    private final PrintStream err;
    private final OperatingSystemMXBean os;
    private final ThreadMXBean threads;
    /** Ids of the wasm threads of other stores, alive when this timer was made. */
    private final Set<Long> otherWasmThreads;
    private Thread wasmThread;
    private long last;
    private long lastCpu;
    private long lastWasmCpu = -1;

    PhaseTimer(boolean enabled, PrintStream err) {
        this.enabled = enabled;
        this.err = err;
        // Only under --verbose: loading the management beans costs milliseconds.
        this.os = enabled && ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean b ? b : null;
        ThreadMXBean t = enabled ? ManagementFactory.getThreadMXBean() : null;
        this.threads = t != null && t.isThreadCpuTimeSupported() ? t : null;
        this.otherWasmThreads = threads == null ? Set.of() : Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().equals(WASM_THREAD)).map(Thread::threadId).collect(Collectors.toSet());
        restart();
    }

    /** Ends a phase: prints its line and starts the next one. */
    void done(String phase) {
        if (!enabled) {
            return;
        }
        long elapsed = System.nanoTime() - last;
        long cpu = processCpu() - lastCpu;
        long wasm = wasmCpu();
        StringBuilder line = new StringBuilder("wasmoon: ").append(phase).append(" in ").append(ms(elapsed)).append(" ms");
        if (os != null) {
            line.append(" (cpu ").append(ms(cpu)).append(" ms");
            if (wasm >= 0 && lastWasmCpu >= 0) {
                line.append(", wasm thread ").append(ms(wasm - lastWasmCpu)).append(" ms");
            }
            line.append(')');
        }
        err.println(line);
        restart();
    }

    /** Starts a phase; the wall clock is read last, so the other readings are not charged to it. */
    private void restart() {
        lastWasmCpu = wasmCpu();
        lastCpu = processCpu();
        last = System.nanoTime();
    }

    // Not String.format: its first use loads the locale machinery, tens of
    // milliseconds that would be charged to the next phase.
    private static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    private long processCpu() {
        return os == null ? 0 : os.getProcessCpuTime();
    }

    /** CPU time of this run's wasm thread so far, or -1 before it exists (or in the interpreter tier). */
    private long wasmCpu() {
        if (threads == null) {
            return -1;
        }
        if (wasmThread == null) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(WASM_THREAD) && !otherWasmThreads.contains(t.threadId())) {
                    wasmThread = t;
                    break;
                }
            }
            if (wasmThread == null) {
                return -1;
            }
        }
        return threads.getThreadCpuTime(wasmThread.threadId());
    }
}
