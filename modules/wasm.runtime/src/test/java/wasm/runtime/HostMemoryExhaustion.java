package wasm.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * The child JVM of {@link MemoryCommitFailureTest}: lowers its own RLIMIT_DATA (which Linux
 * applies to mprotect making private pages writable, i.e. to committing linear memory) to a
 * little above what the process uses, then lets wasm call memory.grow until the host refuses,
 * in each tier. Prints one line per tier and "ok"; anything else (an exception, a crash) is a
 * failure the parent sees.
 */
public final class HostMemoryExhaustion {
    private static final int RLIMIT_DATA = 2;
    private static final long MARGIN = 96L << 20;

    private HostMemoryExhaustion() {
    }

    @SuppressWarnings("restricted")
    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle getrlimit = linker.downcallHandle(linker.defaultLookup().find("getrlimit").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle setrlimit = linker.downcallHandle(linker.defaultLookup().find("setrlimit").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        Module m = WatParser.parseModule("""
                (module
                  (memory (export "mem") 1)
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
                  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
                """);
        Validator.validate(m);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment saved = arena.allocate(16, 8);
            check((int) getrlimit.invokeExact(RLIMIT_DATA, saved) == 0, "getrlimit");
            for (ExecutionTier tier : ExecutionTier.values()) {
                // Everything that allocates native memory (the store's wasm thread and its stack,
                // compiled code) happens before the limit comes down.
                try (Store store = new Store(RuntimeOptions.defaults().withTier(tier).withJitStrict(true))) {
                    Instance i = store.instantiate(m, ImportResolver.NONE);
                    i.function("store").call(8, 0x5eed);
                    // Every path the loop takes, taken once before the limit comes down.
                    i.function("grow").call(0);
                    i.function("load").call(8);
                    long data = vmData();
                    MemorySegment limit = arena.allocate(16, 8);
                    limit.set(ValueLayout.JAVA_LONG, 0, data + MARGIN);
                    limit.set(ValueLayout.JAVA_LONG, 8, saved.get(ValueLayout.JAVA_LONG, 8));
                    check((int) setrlimit.invokeExact(RLIMIT_DATA, limit) == 0, "setrlimit");
                    // Under the lowered limit nothing but the grow loop runs: no string building, no
                    // first use of anything (which would load classes into metaspace, itself data).
                    int pages = 1;
                    int refusedAt = -1;
                    boolean sizesRight = true;
                    while (pages < 65536) {
                        int old = (int) i.function("grow").call(16)[0];
                        if (old == -1) {
                            refusedAt = pages;
                            break;
                        }
                        sizesRight &= old == pages;
                        pages += 16;
                        // The committed pages are really there.
                        i.function("store").call(pages * 65536 - 4, pages);
                    }
                    int restored = (int) setrlimit.invokeExact(RLIMIT_DATA, saved);
                    check(restored == 0, "restoring the limit");
                    check(sizesRight, tier + ": grow returned a wrong old size");
                    check(refusedAt > 0, tier + ": memory.grow never answered -1 (grew to " + pages + " pages)");
                    check(refusedAt * 65536L < MARGIN + (64L << 20), tier + ": refused only at " + refusedAt + " pages");
                    check(i.memory("mem").pages() == refusedAt, tier + ": a refused grow changed the size");
                    check((int) i.function("load").call(8)[0] == 0x5eed, tier + ": memory contents lost");
                    check((int) i.function("load").call(refusedAt * 65536 - 4)[0] == refusedAt,
                            tier + ": the last page lost its value");
                    // The JVM is unharmed: the limit is back up and growth resumes.
                    check((int) i.function("grow").call(16)[0] == refusedAt, tier + ": no growth after the limit rose");
                    byte[] garbage = new byte[8 << 20];
                    check(garbage.length > 0, "allocation");
                    System.out.println(tier + ": memory.grow answered -1 at " + refusedAt + " pages ("
                            + (refusedAt / 16) + " MiB) with RLIMIT_DATA " + ((data + MARGIN) >> 20) + " MiB");
                }
            }
        }
        System.out.println("ok");
    }

    private static long vmData() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmData:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmData in /proc/self/status");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
