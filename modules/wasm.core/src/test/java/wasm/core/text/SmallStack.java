package wasm.core.text;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a piece of parsing on a fresh thread with a small stack and a time limit,
 * the way a fuzzer or an embedder with default thread stacks would: a parser that
 * recurses per nesting level shows up here as a StackOverflowError.
 */
final class SmallStack {
    static final long STACK_BYTES = 512 * 1024;

    private SmallStack() {
    }

    /** What the work threw (null when it returned); fails with AssertionError on timeout. */
    static Throwable run(Duration limit, Runnable work) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                work.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", STACK_BYTES);
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (t.isAlive()) {
            t.interrupt();
            throw new AssertionError("did not finish within " + limit);
        }
        return thrown.get();
    }
}
