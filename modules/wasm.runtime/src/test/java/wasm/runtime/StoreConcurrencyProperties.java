package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of calls (endless, finite and blocking in a host function), accesses (through the
 * API and through a memory view taken before), interrupts, deadlines and closes on one store from
 * three threads at once, in both tiers: whatever the interleaving, every action ends in one of its
 * documented outcomes (a result, a trap "interrupted", an IllegalStateException saying the store is
 * closed or in use by another thread, a freed memory's out-of-bounds trap), nothing hangs (a final
 * close ends every endless call) and the JVM does not crash.
 */
class StoreConcurrencyProperties {
    enum Action {
        SPIN, ADD, HOST_CALL, READ_MEMORY, READ_VIEW, READ_GLOBAL, INTERRUPT, DEADLINE, CLEAR_DEADLINE, CLOSE, PAUSE
    }

    @Provide
    Arbitrary<List<List<Action>>> scripts() {
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Action.SPIN)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Action.ADD)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Action.HOST_CALL)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Action.READ_MEMORY)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Action.READ_VIEW)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.READ_GLOBAL)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Action.INTERRUPT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Action.DEADLINE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.CLEAR_DEADLINE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Action.CLOSE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Action.PAUSE)));
        return action.list().ofMinSize(1).ofMaxSize(8).list().ofSize(3);
    }

    @Property(tries = 40)
    void noInterleavingCrashesHangsOrEndsOutsideTheContract(@ForAll("scripts") List<List<Action>> scripts,
                                                            @ForAll ExecutionTier tier) throws Exception {
        Store store = InterruptionTest.store(tier);
        Instance instance = InterruptionTest.instantiate(store, () -> pause(1));
        // a view of the memory, read while other threads run code in the store and close it
        MemorySegment view = instance.memory("mem").segment();
        List<String> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(scripts.size());
        List<Thread> threads = new ArrayList<>();
        for (List<Action> script : scripts) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (Action a : script) {
                        outcomes.add(a + ": " + perform(a, store, instance, view));
                    }
                } catch (Throwable t) {
                    outcomes.add("violation: the thread died of " + t);
                } finally {
                    done.countDown();
                }
            }));
        }
        // every endless call ends with the close; 1 s is far beyond any other action
        if (!done.await(1, TimeUnit.SECONDS)) {
            store.close();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "an action hung after the close");
        for (Thread t : threads) {
            t.join();
        }
        store.close();
        List<String> all = List.copyOf(outcomes);
        all.forEach(o -> Statistics.label("outcome").collect(o));
        assertEquals(List.of(), all.stream().filter(o -> o.contains("violation")).toList());
        assertEquals(scripts.stream().mapToInt(List::size).sum(), all.size(), "every action ended");
    }

    private static String perform(Action a, Store store, Instance instance, MemorySegment view) {
        try {
            switch (a) {
                case SPIN -> instance.function("spin").call();
                case ADD -> {
                    if ((int) instance.function("add").call(2, 3)[0] != 5) {
                        return "violation: wrong sum";
                    }
                }
                case HOST_CALL -> instance.function("callHost").call();
                case READ_MEMORY -> {
                    try {
                        instance.memory("mem").readI32(0);
                    } catch (Trap t) {
                        // address 0 of a one-page memory is out of bounds only once it is freed (size 0)
                        return t.kind() == TrapKind.MEMORY_OUT_OF_BOUNDS ? "closed" : "violation: trap " + t.getMessage();
                    }
                }
                case READ_VIEW -> {
                    for (int k = 0; k < 10_000; k++) {
                        view.get(ValueLayout.JAVA_INT, 4 * (k & 1023));
                    }
                }
                case READ_GLOBAL -> instance.global("g").get();
                case INTERRUPT -> store.interrupt();
                case DEADLINE -> store.setDeadline(Duration.ofMillis(2));
                case CLEAR_DEADLINE -> store.clearDeadline();
                case CLOSE -> store.close();
                case PAUSE -> pause(2);
            }
            return a == Action.SPIN ? "violation: an endless loop returned" : "ok";
        } catch (Trap t) {
            return t.getMessage().equals("interrupted") ? "interrupted" : "violation: trap " + t.getMessage();
        } catch (IllegalStateException e) {
            String m = e.getMessage();
            // the view's arena closed under it: the FFM API refuses the access (never a dangling read)
            return m.equals("the store is closed") || a == Action.READ_VIEW && m.equals("Already closed") ? "closed"
                    : m.startsWith("the store is in use by thread") ? "in use" : "violation: " + m;
        } catch (RuntimeException | Error e) {
            return "violation: " + e;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
