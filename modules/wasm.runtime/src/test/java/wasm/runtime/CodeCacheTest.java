package wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import perf.metrics.CompileMode;
import perf.metrics.FunctionReport;
import perf.metrics.MetricsInvariants;
import perf.metrics.MetricsRecorder;
import perf.metrics.ModuleReport;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.tooling.TierCounts;

/**
 * The code cache and precompiled modules: round trips in both directions (eager compile to file to
 * instance; lazily compiled code to file to instance), every kind of bad file refused (and recompiled
 * by the cache, never run), and the cache directory the tests use.
 */
class CodeCacheTest {
    private static final String WAT = """
            (module
              (type $t (func (param i32) (result i32)))
              (table 2 funcref)
              (elem (i32.const 0) $double $square)
              (func $double (type $t) (i32.mul (local.get 0) (i32.const 2)))
              (func $square (type $t) (i32.mul (local.get 0) (local.get 0)))
              (func (export "viaTable") (param i32 i32) (result i32)
                (call_indirect (type $t) (local.get 0) (local.get 1)))
              (func (export "fib") (param i64) (result i64)
                (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
                  (then (local.get 0))
                  (else (i64.add (call 3 (i64.sub (local.get 0) (i64.const 1)))
                                 (call 3 (i64.sub (local.get 0) (i64.const 2)))))))
              (func (export "unused") (result i32) (i32.const 7)))
            """;

    private static final Module MODULE = parse();
    private static final byte[] BYTES = ModuleEncoder.encode(MODULE);

    private static Module parse() {
        Module m = WatParser.parseModule(WAT);
        Validator.validate(m);
        return m;
    }

    private static RuntimeOptions lazy() {
        return RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withCompilePolicy(CompilePolicy.LAZY)
                .withJitStrict(true);
    }

    private static void exercise(Instance i) {
        assertEquals(42, i.function("viaTable").call(21, 0)[0]);
        assertEquals(49, i.function("viaTable").call(7, 1)[0]);
        assertEquals(6765, i.function("fib").call(20)[0]);
    }

    @Test
    void eagerCodeSurvivesTheFile() {
        PrecompiledModule compiled = PrecompiledModule.compile(MODULE, BYTES, lazy());
        assertEquals(5, compiled.compiledFunctions());
        byte[] cwasm = compiled.serialize();
        PrecompiledModule loaded = PrecompiledModule.deserialize(cwasm);
        assertArrayEquals(cwasm, loaded.serialize());
        List<ModuleReport> reports = new ArrayList<>();
        try (Store store = new Store(lazy().withMetrics(MetricsRecorder.collecting(reports::add)))) {
            exercise(store.instantiate(loaded, ImportResolver.NONE));
        }
        // the metrics of a cached run say so: every function cached, nothing compiled
        assertEquals(1, reports.size());
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        assertEquals(5, r.functions().size());
        for (FunctionReport f : r.functions()) {
            assertEquals(CompileMode.CACHED, f.compileMode(), f.funcName());
            assertEquals(0, f.stageTimeUs());
            assertTrue(f.codeSize() > 0);
        }
    }

    @Test
    void lazilyCompiledCodeSurvivesTheFile() {
        PrecompiledModule snapshot;
        try (Store store = new Store(lazy())) {
            Instance i = store.instantiate(MODULE, ImportResolver.NONE);
            exercise(i);
            snapshot = store.compiledCode(i, BYTES);
        }
        // viaTable, double, square, fib were called; unused was not
        assertEquals(4, snapshot.compiledFunctions());
        PrecompiledModule loaded = PrecompiledModule.deserialize(snapshot.serialize());
        List<ModuleReport> reports = new ArrayList<>();
        try (Store store = new Store(lazy().withMetrics(MetricsRecorder.collecting(reports::add)))) {
            Instance i = store.instantiate(loaded, ImportResolver.NONE);
            exercise(i);
            // the function the first run never called is compiled now, lazily
            assertEquals(7, i.function("unused").call()[0]);
        }
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        assertEquals(4, r.functions().stream().filter(f -> f.compileMode() == CompileMode.CACHED).count());
        assertEquals(1, r.functions().stream().filter(f -> f.compileMode() == CompileMode.LAZY).count());
    }

    /**
     * Tiered compilation's baseline code goes to the file too (a later run does not compile it
     * again): under a large budget every function called stays baseline, the exports (entered
     * from the host) as well as the functions they call through the table.
     */
    @Test
    void baselineCodeSurvivesTheFile() {
        RuntimeOptions tiered = lazy().withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(1_000_000);
        PrecompiledModule snapshot;
        try (Store store = new Store(tiered)) {
            Instance i = store.instantiate(MODULE, ImportResolver.NONE);
            exercise(i);
            assertEquals(new TierCounts(4, 0, 0, 0), TierCounts.of(store), "the four called in baseline code");
            snapshot = store.compiledCode(i, BYTES);
        }
        assertEquals(4, snapshot.compiledFunctions());
        byte[] cwasm = snapshot.serialize();
        PrecompiledModule loaded = PrecompiledModule.deserialize(cwasm);
        assertArrayEquals(cwasm, loaded.serialize());
        List<ModuleReport> reports = new ArrayList<>();
        try (Store store = new Store(tiered.withMetrics(MetricsRecorder.collecting(reports::add)))) {
            exercise(store.instantiate(loaded, ImportResolver.NONE));
            assertEquals(new TierCounts(0, 0, 0, 0), TierCounts.of(store), "nothing compiled: all of it came from the file");
        }
        ModuleReport r = reports.getFirst();
        assertEquals(List.of(), MetricsInvariants.check(r));
        assertEquals(4, r.functions().stream().filter(f -> f.compileMode() == CompileMode.CACHED).count());
        // a store that does not tier leaves the baseline code alone and compiles those functions itself
        try (Store store = new Store(lazy())) {
            exercise(store.instantiate(loaded, ImportResolver.NONE));
            assertEquals(new TierCounts(0, 0, 0, 0), TierCounts.of(store));
        }
        // with a zero budget the cached baseline code tiers up at its next entry
        try (Store store = new Store(tiered.withTierUpBudget(0))) {
            Instance i = store.instantiate(loaded, ImportResolver.NONE);
            for (int k = 0; k < 2000 && TierCounts.of(store).tieredUp() < 4; k++) {
                exercise(i);
                Thread.onSpinWait();
            }
            assertEquals(4, TierCounts.of(store).tieredUp(), "the tier-up thread's code replaced all four");
        }
    }

    @Test
    void theCacheLoadsWhatARunLeft(@TempDir Path dir) {
        List<String> warnings = new ArrayList<>();
        CodeCache cache = CodeCache.at(dir, CodeCache.DEFAULT_MAX_BYTES, warnings::add);
        assertNull(cache.load(MODULE, BYTES, 2));
        try (Store store = new Store(lazy())) {
            Instance i = store.instantiate(MODULE, ImportResolver.NONE);
            exercise(i);
            cache.store(store.compiledCode(i, BYTES), null);
        }
        assertTrue(Files.isRegularFile(cache.fileFor(BYTES, 2)));
        PrecompiledModule cached = cache.load(MODULE, BYTES, 2);
        assertNotNull(cached);
        assertEquals(4, cached.compiledFunctions());
        assertNull(cache.load(MODULE, BYTES, 1), "another optimisation level is another file");
        try (Store store = new Store(lazy())) {
            exercise(store.instantiate(cached, ImportResolver.NONE));
        }
        assertEquals(List.of(), warnings);
    }

    /**
     * A run that asked for a baseline function's optimizing compile and ended first marks it hot,
     * and the cache keeps the mark: a file is rewritten for more hot functions as for more code,
     * and not for the same code again.
     */
    @Test
    void theCacheKeepsWhatARunAskedToOptimize(@TempDir Path dir) throws IOException {
        RuntimeOptions tiered = lazy().withCompilePolicy(CompilePolicy.TIERED).withTierUpBudget(1_000_000);
        PrecompiledModule snapshot;
        try (Store store = new Store(tiered)) {
            Instance i = store.instantiate(MODULE, ImportResolver.NONE);
            exercise(i);
            snapshot = store.compiledCode(i, BYTES);
        }
        var compiled = snapshot.compiled();
        assertNotNull(compiled.baseline(0), "double in baseline code");
        assertEquals(0, compiled.hotCount());
        CodeCache cache = CodeCache.at(dir, CodeCache.DEFAULT_MAX_BYTES, message -> fail(message));
        cache.store(snapshot, null);
        Path file = cache.fileFor(BYTES, 2);
        byte[] first = Files.readAllBytes(file);
        PrecompiledModule loaded = cache.load(MODULE, BYTES, 2);
        cache.store(snapshot, loaded);
        assertArrayEquals(first, Files.readAllBytes(file), "nothing new: not rewritten");

        int n = MODULE.functionCount();
        boolean[] hot = new boolean[n];
        hot[0] = true;
        PrecompiledModule asked = PrecompiledModule.of(compiled.with(new wasm.backend.code.FinishedCode[n],
                new String[n], new wasm.backend.code.FinishedCode[n], hot, compiled.origin(), compiled.moduleHash()),
                BYTES);
        cache.store(asked, loaded);
        PrecompiledModule reloaded = cache.load(MODULE, BYTES, 2);
        assertTrue(reloaded.compiled().hot(0), "the mark survives the file");
        assertEquals(1, reloaded.compiled().hotCount());
        assertEquals(snapshot.compiledFunctions(), reloaded.compiledFunctions());
    }

    /** Each kind of bad file: refused with its reason, deleted by the cache, and the module recompiled. */
    @Test
    void badFilesAreRefusedAndRecompiled(@TempDir Path dir) throws IOException {
        byte[] good = PrecompiledModule.compile(MODULE, BYTES, lazy()).serialize();
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("TRUNCATED", java.util.Arrays.copyOf(good, good.length - 100));
        bad.put("TRUNCATED ", java.util.Arrays.copyOf(good, 20));
        byte[] corrupt = good.clone();
        corrupt[good.length - 10] ^= 0x40;   // a byte of machine code
        bad.put("CORRUPT", corrupt);
        bad.put("STALE", replace(good, "wasmoon ", "wasmooN "));
        bad.put("FOREIGN_CPU", replace(good, "x86_64:", "aarch64"));
        byte[] notCwasm = BYTES.clone();
        bad.put("NOT_CWASM", notCwasm);
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            CodeCacheException ex = assertThrows(CodeCacheException.class,
                    () -> PrecompiledModule.deserialize(e.getValue()), e.getKey());
            assertEquals(e.getKey().strip(), ex.kind(), ex.getMessage());
            // the same bytes in the cache: a warning, the file goes, and the module runs compiled afresh
            List<String> warnings = new ArrayList<>();
            CodeCache cache = CodeCache.at(dir, CodeCache.DEFAULT_MAX_BYTES, warnings::add);
            Path file = cache.fileFor(BYTES, 2);
            Files.write(file, e.getValue());
            assertNull(cache.load(MODULE, BYTES, 2), e.getKey());
            assertEquals(1, warnings.size(), e.getKey());
            assertTrue(warnings.getFirst().contains("refused"), warnings.getFirst());
            assertFalse(Files.exists(file), e.getKey() + ": the refused file stays");
            try (Store store = new Store(lazy())) {
                exercise(store.instantiate(MODULE, ImportResolver.NONE));
            }
        }
        // a good file of another module under this module's name
        Module other = WatParser.parseModule("(module (func (export \"f\") (result i32) (i32.const 1)))");
        Validator.validate(other);
        byte[] otherBytes = ModuleEncoder.encode(other);
        List<String> warnings = new ArrayList<>();
        CodeCache cache = CodeCache.at(dir, CodeCache.DEFAULT_MAX_BYTES, warnings::add);
        Files.write(cache.fileFor(BYTES, 2), PrecompiledModule.compile(other, otherBytes, lazy()).serialize());
        assertNull(cache.load(MODULE, BYTES, 2));
        assertTrue(warnings.getFirst().contains("another module"), warnings.getFirst());
    }

    @Test
    void theCacheKeepsToItsSizeLimit(@TempDir Path dir) throws IOException {
        byte[] one = PrecompiledModule.compile(MODULE, BYTES, lazy()).serialize();
        CodeCache cache = CodeCache.at(dir, one.length + one.length / 2, w -> { });
        Files.write(dir.resolve("0000-old.cwasm"), one);
        Files.setLastModifiedTime(dir.resolve("0000-old.cwasm"), java.nio.file.attribute.FileTime.fromMillis(0));
        cache.store(PrecompiledModule.compile(MODULE, BYTES, lazy()), null);
        assertTrue(Files.exists(cache.fileFor(BYTES, 2)));
        assertFalse(Files.exists(dir.resolve("0000-old.cwasm")), "the least recently used file should go");
    }

    /**
     * A write leaves exactly the cache file, readable and writable by its owner only (the code in it
     * is what a later run executes): no temporary file stays behind, a temporary left by a killed
     * writer neither blocks the write nor counts as cache, and files within the limit all stay.
     */
    @Test
    void aWriteLeavesOnlyAPrivateCacheFile(@TempDir Path dir) throws IOException {
        CodeCache cache = CodeCache.at(dir, CodeCache.DEFAULT_MAX_BYTES, w -> fail("unexpected warning: " + w));
        Files.writeString(dir.resolve("write-1-0.tmp"), "a killed writer's");
        Files.write(dir.resolve("0000-other.cwasm"), new byte[] {1, 2, 3});
        cache.store(PrecompiledModule.compile(MODULE, BYTES, lazy()), null);
        Path file = cache.fileFor(BYTES, 2);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        try (var listing = Files.list(dir)) {
            assertEquals(Set.of(file.getFileName().toString(), "0000-other.cwasm", "write-1-0.tmp"),
                    listing.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        try (Store store = new Store(lazy())) {
            exercise(store.instantiate(cache.load(MODULE, BYTES, 2), ImportResolver.NONE));
        }
    }

    /** The build points the cache at target/ (surefire sets the property): no test touches ~/.cache. */
    @Test
    void testsUseTheirOwnCacheDirectory() {
        Path dir = CodeCache.defaultDirectory(System.getenv()).toAbsolutePath();
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
        assertFalse(dir.startsWith(home.resolve(".cache")), dir.toString());
        assertTrue(dir.toString().contains("target"), dir.toString());
        assertEquals(Path.of("/x/wasmoon"), withoutProperty(() -> CodeCache.defaultDirectory(
                Map.of("XDG_CACHE_HOME", "/x"))));
        assertEquals(Path.of("/y"), withoutProperty(() -> CodeCache.defaultDirectory(
                Map.of("XDG_CACHE_HOME", "/x", CodeCache.DIRECTORY_VARIABLE, "/y"))));
    }

    private static Path withoutProperty(java.util.function.Supplier<Path> s) {
        String saved = System.getProperty(CodeCache.DIRECTORY_PROPERTY);
        System.clearProperty(CodeCache.DIRECTORY_PROPERTY);
        try {
            return s.get();
        } finally {
            if (saved != null) {
                System.setProperty(CodeCache.DIRECTORY_PROPERTY, saved);
            }
        }
    }

    private static byte[] replace(byte[] file, String from, String to) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        assertTrue(at >= 0, from);
        byte[] out = file.clone();
        byte[] b = to.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, out, at, b.length);
        return out;
    }
}
