package wasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random guest paths built from "..", ".", real names and planted symlinks (to
 * outside by relative and absolute targets, chains, loops, links that stay
 * inside), fed to the resolver and to every mutating path call: whatever the
 * outcome, a resolved path lies under the root and the directory beside the
 * preopen never changes.
 */
class WasiSandboxProperties {
    private Path tmp;
    private Path outside;
    private Path sandbox;
    private Map<String, String> outsideBefore;

    @BeforeTry
    void plant() throws IOException {
        tmp = Files.createTempDirectory("wasi-sandbox-prop");
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(outside.resolve("sub"));
        sandbox = Files.createDirectories(tmp.resolve("sandbox"));
        Files.createDirectories(sandbox.resolve("sub/inner"));
        Files.writeString(sandbox.resolve("file.txt"), "inside");
        Files.createSymbolicLink(sandbox.resolve("out"), Path.of("../outside"));
        Files.createSymbolicLink(sandbox.resolve("abs"), outside);
        Files.createSymbolicLink(sandbox.resolve("chain"), Path.of("out"));
        Files.createSymbolicLink(sandbox.resolve("in"), Path.of("sub/inner"));
        Files.createSymbolicLink(sandbox.resolve("sub/up"), Path.of("../.."));
        Files.createSymbolicLink(sandbox.resolve("loop"), Path.of("loop"));
        outsideBefore = HostTree.snapshot(outside);
    }

    @AfterTry
    void remove() throws IOException {
        try (Stream<Path> walk = Files.walk(tmp)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Provide
    Arbitrary<String> guestPaths() {
        return Arbitraries.of("..", ".", "sub", "inner", "file.txt", "secret.txt", "out", "abs", "chain", "in", "up",
                        "loop", "new", "")
                .list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("/", parts))
                .filter(p -> !p.isEmpty());
    }

    @Property(tries = 400)
    void aResolvedPathNeverLeavesTheRoot(@ForAll("guestPaths") String path, @ForAll boolean follow)
            throws IOException {
        try (Sandbox box = new Sandbox(sandbox); PinnedDirectories pins = new PinnedDirectories()) {
            ResolvedPath r = box.resolve(List.of(), path, follow, pins);
            assertTrue(r.logicalHost().normalize().startsWith(box.root()), path + " -> " + r.logicalHost());
            Path anchor = r.exists() && !r.isSymbolicLink() ? r.host() : r.host().getParent();
            if (!r.isRoot()) {
                assertTrue(anchor.toRealPath().startsWith(box.root()), path + " real " + anchor.toRealPath());
            }
        } catch (ErrnoException refused) {
            // Refusing is always safe.
        }
    }

    record Op(WasiFunction call, String path, String other) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<WasiFunction> calls = Arbitraries.of(WasiFunction.PATH_OPEN, WasiFunction.PATH_CREATE_DIRECTORY,
                WasiFunction.PATH_REMOVE_DIRECTORY, WasiFunction.PATH_UNLINK_FILE, WasiFunction.PATH_RENAME,
                WasiFunction.PATH_SYMLINK, WasiFunction.PATH_LINK, WasiFunction.PATH_FILESTAT_SET_TIMES);
        return Combinators.combine(calls, guestPaths(), guestPaths()).as(Op::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 250)
    void pathCallsNeverChangeAnythingOutside(@ForAll("operations") List<Op> ops) throws IOException {
        try (WasiHarness h = new WasiHarness(sandbox)) {
            for (Op op : ops) {
                int fd = WasiHarness.SANDBOX_FD;
                int p = h.str(op.path());
                int pl = WasiHarness.len(op.path());
                int o = h.str(op.other());
                int ol = WasiHarness.len(op.other());
                switch (op.call()) {
                    case PATH_OPEN -> {
                        h.open(op.path(), WasiHarness.O_CREAT | WasiHarness.O_TRUNC, WasiHarness.RIGHTS_RW);
                        if (h.lastFd > 0) {
                            h.write(h.lastFd, "pwned");
                        }
                    }
                    case PATH_RENAME -> h.call(op.call(), fd, p, pl, fd, o, ol);
                    case PATH_SYMLINK -> h.call(op.call(), o, ol, fd, p, pl);
                    case PATH_LINK -> h.call(op.call(), fd, 1, p, pl, fd, o, ol);
                    case PATH_FILESTAT_SET_TIMES -> h.call(op.call(), fd, 1, p, pl, 0L, 0L, 1 | 4);
                    default -> h.call(op.call(), fd, p, pl);
                }
                assertEquals(outsideBefore, HostTree.snapshot(outside), "after " + op);
                try (Stream<Path> beside = Files.list(tmp)) {
                    assertEquals(2, beside.count(), "nothing appeared beside the preopen after " + op);
                }
            }
        }
    }
}
