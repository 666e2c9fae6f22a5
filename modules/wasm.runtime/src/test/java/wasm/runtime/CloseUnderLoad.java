package wasm.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link CloseUnderLoadTest}: in each tier given as an argument, closes a store
 * from this thread while another thread runs an endless loop in it (or recursion, or a host call),
 * {@code rounds} times, at random moments of the call; every call must end with a trap
 * "interrupted" (or, for a close that came first, the store's "closed" error), every later call
 * with an IllegalStateException and every memory access with a trap (a freed memory has size 0).
 * Prints "TIER ok ROUNDS" per tier; a crash is the parent's failure.
 */
public final class CloseUnderLoad {
    private CloseUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        for (int a = 1; a < args.length; a++) {
            ExecutionTier tier = ExecutionTier.valueOf(args[a]);
            for (int r = 0; r < rounds; r++) {
                round(tier, r);
            }
            System.out.println(tier + " ok " + rounds);
        }
    }

    private static void round(ExecutionTier tier, int r) throws Exception {
        Store store = InterruptionTest.store(tier);
        CountDownLatch entered = new CountDownLatch(1);
        Instance i = InterruptionTest.instantiate(store, entered::countDown);
        String export = r % 3 == 0 ? "spinInner" : "spin";
        CompletableFuture<long[]> call = InterruptionTest.callAsync(i, export);
        if (r % 2 == 0) {
            // in the loop for sure; else anywhere from before the call to deep in it
            if (!entered.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("round " + r + ": the call did not start");
            }
        }
        long pause = ThreadLocalRandom.current().nextLong(0, 2_000_000);
        for (long end = System.nanoTime() + pause; System.nanoTime() < end; ) {
            Thread.onSpinWait();
        }
        store.close();
        try {
            call.get(60, TimeUnit.SECONDS);
            throw new AssertionError("round " + r + ": the endless call ended normally");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            boolean interrupted = c instanceof Trap t && t.getMessage().equals("interrupted");
            boolean closedFirst = c instanceof IllegalStateException s && s.getMessage().equals("the store is closed");
            if (!interrupted && !closedFirst) {
                throw new AssertionError("round " + r + ": unexpected end of the call", c);
            }
        }
        try {
            i.function("add").call(1, 2);
            throw new AssertionError("round " + r + ": a call after close ran");
        } catch (IllegalStateException expected) {
            // the store is closed
        }
        try {
            i.memory("mem").readI32(0);
            throw new AssertionError("round " + r + ": memory readable after close");
        } catch (Trap expected) {
            if (expected.kind() != TrapKind.MEMORY_OUT_OF_BOUNDS || i.memory("mem").pages() != 0) {
                throw new AssertionError("round " + r + ": a closed store's memory is not empty", expected);
            }
        }
    }
}
