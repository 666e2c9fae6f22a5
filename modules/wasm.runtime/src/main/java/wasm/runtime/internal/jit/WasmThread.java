package wasm.runtime.internal.jit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The thread that runs a store's wasm code in the JIT tier: a daemon thread
 * with a large stack of known size, so native recursion is bounded by the
 * stack limit in vmctx and traps "call stack exhausted" cleanly. Calls from
 * other threads are handed over and waited for; calls made on the thread
 * itself (host functions calling back into wasm) run directly. Holds no
 * reference to the store, so an unreachable store can be cleaned and its
 * cleaner stops the thread.
 */
final class WasmThread {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final long stackSize;

    WasmThread(String name, long stackSize) {
        this.stackSize = stackSize;
        this.thread = new Thread(null, new Loop(queue), name, stackSize);
        thread.setDaemon(true);
        thread.start();
    }

    /** The task loop; a {@link Stop} ends it. */
    private record Loop(LinkedBlockingQueue<Runnable> queue) implements Runnable {
        @Override
        public void run() {
            for (;;) {
                Runnable r = spinPoll(queue);
                try {
                    if (r == null) {
                        r = queue.take();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (r instanceof Stop) {
                    return;
                }
                r.run();
            }
        }
    }

    /**
     * Callers usually issue calls back to back (a test script, a host loop): a short spin
     * before parking halves the hand-over cost. Bounded, so an idle store burns no CPU.
     */
    private static final long SPIN_NANOS = 20_000;

    private static Runnable spinPoll(LinkedBlockingQueue<Runnable> queue) {
        long end = System.nanoTime() + SPIN_NANOS;
        do {
            Runnable r = queue.poll();
            if (r != null) {
                return r;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < end);
        return null;
    }

    private record Stop() implements Runnable {
        @Override
        public void run() {
        }
    }

    long stackSize() {
        return stackSize;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the wasm thread and returns its result; its exceptions propagate unchanged. */
    <T> T call(Supplier<T> task) {
        if (isCurrent()) {
            return task.get();
        }
        if (!thread.isAlive()) {
            throw new IllegalStateException("the store's wasm thread has stopped");
        }
        FutureTask<T> f = new FutureTask<>(task::get);
        queue.add(f);
        long end = System.nanoTime() + SPIN_NANOS;
        while (!f.isDone() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // The wasm call cannot be abandoned half-way: wait for it, re-interrupt after.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error er) {
                        throw er;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the thread after the tasks already queued. */
    void shutdown() {
        queue.add(new Stop());
    }
}
