package wasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.wasi.internal.WasiHarness.LOOKUP_FOLLOW;
import static wasm.wasi.internal.WasiHarness.O_CREAT;
import static wasm.wasi.internal.WasiHarness.O_DIRECTORY;
import static wasm.wasi.internal.WasiHarness.RIGHTS_READ;
import static wasm.wasi.internal.WasiHarness.RIGHTS_RW;
import static wasm.wasi.internal.WasiHarness.SANDBOX_FD;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a preopen we know of is refused with ENOTCAPABLE (76), and
 * each test proves that nothing outside the preopen changed. Layout:
 * {@code tmp/outside/secret.txt} (the prize) and {@code tmp/sandbox/} (preopened as
 * "/sandbox", holding {@code file.txt} and {@code sub/inner/}).
 */
class WasiSandboxTest {
    private static final int NOTCAPABLE = Errno.NOTCAPABLE.code();

    @TempDir
    Path tmp;
    Path outside;
    Path sandbox;
    Map<String, String> outsideBefore;
    WasiHarness h;

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        sandbox = Files.createDirectories(tmp.resolve("sandbox"));
        Files.writeString(sandbox.resolve("file.txt"), "inside");
        Files.createDirectories(sandbox.resolve("sub/inner"));
        outsideBefore = HostTree.snapshot(outside);
        h = new WasiHarness(sandbox);
    }

    @AfterEach
    void outsideUnchanged() {
        h.close();
        assertEquals(outsideBefore, HostTree.snapshot(outside), "the host outside the preopen changed");
        assertFalse(Files.exists(tmp.resolve("x")), "a file appeared beside the preopen");
        assertFalse(Files.exists(tmp.resolve("stolen.txt")), "a file was moved out of the preopen");
    }

    @Test
    void dotDotAboveTheRootIsNotCapable() {
        assertEquals(NOTCAPABLE, h.open("../outside/secret.txt", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("../x", O_CREAT, RIGHTS_RW));
        assertEquals(NOTCAPABLE, h.open("..", O_DIRECTORY, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.stat("../outside/secret.txt", LOOKUP_FOLLOW));
        assertEquals(NOTCAPABLE, h.pathCall(WasiFunction.PATH_UNLINK_FILE, "../outside/secret.txt"));
        assertEquals(NOTCAPABLE, h.pathCall(WasiFunction.PATH_CREATE_DIRECTORY, "../x"));
    }

    @Test
    void dotDotThroughASubdirectoryIsNotCapable() {
        assertEquals(NOTCAPABLE, h.open("sub/../../x", O_CREAT, RIGHTS_RW));
        assertEquals(NOTCAPABLE, h.open("sub/inner/../../../outside/secret.txt", 0, RIGHTS_READ));
        // Climbing and coming back down inside the root is fine.
        assertEquals(0, h.open("sub/inner/../../file.txt", 0, RIGHTS_READ));
        assertEquals("inside", h.read(h.lastFd, 100));
    }

    @Test
    void absolutePathsAreNotCapable() {
        assertEquals(NOTCAPABLE, h.open("/etc/passwd", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open(outside.resolve("secret.txt").toString(), 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("/sandbox/file.txt", 0, RIGHTS_READ), "the guest name is not a host path");
        assertEquals(NOTCAPABLE, h.stat("/etc/passwd", 0));
    }

    @Test
    void directoryDescriptorsAreConfinedToo() {
        int sub = h.openOk("sub", O_DIRECTORY, RIGHTS_READ);
        assertEquals(NOTCAPABLE, h.open(sub, "../../outside/secret.txt", LOOKUP_FOLLOW, 0, RIGHTS_READ, 0));
        assertEquals(0, h.open(sub, "../file.txt", LOOKUP_FOLLOW, 0, RIGHTS_READ, 0));
        assertEquals("inside", h.read(h.lastFd, 100));
    }

    @Test
    void symlinkPointingOutsideCannotBeOpenedOrFollowed() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("abs"), outside);
        Files.createSymbolicLink(sandbox.resolve("rel"), Path.of("../outside/secret.txt"));
        assertEquals(NOTCAPABLE, h.open("abs/secret.txt", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("rel", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("rel", O_CREAT | WasiHarness.O_TRUNC, RIGHTS_RW));
        assertEquals(NOTCAPABLE, h.open("abs/new.txt", O_CREAT, RIGHTS_RW));
        assertEquals(NOTCAPABLE, h.pathCall(WasiFunction.PATH_CREATE_DIRECTORY, "abs/newdir"));
        assertEquals(NOTCAPABLE, h.pathCall(WasiFunction.PATH_UNLINK_FILE, "abs/secret.txt"));
        assertEquals(NOTCAPABLE, h.rename("abs/secret.txt", "mine.txt"));
        assertEquals(NOTCAPABLE, h.rename("file.txt", "abs/file.txt"));
        assertFalse(Files.exists(outside.resolve("file.txt")));
    }

    @Test
    void symlinkPointingOutsideIsOnlyEverTreatedAsALink() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("rel"), Path.of("../outside/secret.txt"));
        // stat: following escapes; not following describes the link itself.
        assertEquals(NOTCAPABLE, h.stat("rel", LOOKUP_FOLLOW));
        assertEquals(0, h.stat("rel", 0));
        assertEquals(Filetype.SYMBOLIC_LINK.code(), h.lastStatFiletype());
        // readlink reads the link's own text; it does not touch the target.
        assertEquals(0, h.readlink("rel", 100));
        assertEquals("../outside/secret.txt", h.lastLink);
        // O_NOFOLLOW-style open of the link refuses (ELOOP), as POSIX does.
        assertEquals(Errno.LOOP.code(), h.open(SANDBOX_FD, "rel", 0, 0, RIGHTS_READ, 0));
        // rename and unlink act on the link, never on the file it names.
        assertEquals(0, h.rename("rel", "rel2"));
        assertTrue(Files.isSymbolicLink(sandbox.resolve("rel2")));
        assertEquals(0, h.pathCall(WasiFunction.PATH_UNLINK_FILE, "rel2"));
        assertFalse(Files.exists(sandbox.resolve("rel2"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("secret.txt")));
    }

    @Test
    void setTimesThroughAnEscapingLinkIsNotCapable() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("rel"), Path.of("../outside/secret.txt"));
        int path = h.str("rel");
        assertEquals(NOTCAPABLE, h.call(WasiFunction.PATH_FILESTAT_SET_TIMES, SANDBOX_FD, LOOKUP_FOLLOW, path, 3,
                0L, 0L, 2 | 8));
    }

    @Test
    void symlinkChainIsFollowedInsideAndRefusedWhenItLeaves() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("c"), Path.of("sub/../../outside"));
        Files.createSymbolicLink(sandbox.resolve("b"), Path.of("c"));
        Files.createSymbolicLink(sandbox.resolve("a"), Path.of("b"));
        assertEquals(NOTCAPABLE, h.open("a/secret.txt", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.stat("a", LOOKUP_FOLLOW));

        Files.createSymbolicLink(sandbox.resolve("z"), Path.of("sub/inner"));
        Files.createSymbolicLink(sandbox.resolve("y"), Path.of("z/.."));
        Files.createSymbolicLink(sandbox.resolve("x2"), Path.of("y/../file.txt"));
        assertEquals(0, h.open("x2", 0, RIGHTS_READ), "a chain that stays inside resolves");
        assertEquals("inside", h.read(h.lastFd, 100));
        // ".." after a link is taken from the link's real target (sub/inner/..), then above the root it fails.
        assertEquals(NOTCAPABLE, h.open("z/../../../outside/secret.txt", 0, RIGHTS_READ));
    }

    @Test
    void symlinkLoopIsEloop() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(sandbox.resolve("loop2"), Path.of("loop1"));
        assertEquals(Errno.LOOP.code(), h.open("loop1", 0, RIGHTS_READ));
    }

    @Test
    void renamingOutOfTheSandboxIsNotCapable() {
        assertEquals(NOTCAPABLE, h.rename("file.txt", "../stolen.txt"));
        assertEquals(NOTCAPABLE, h.rename("file.txt", "sub/../../stolen.txt"));
        assertEquals(NOTCAPABLE, h.rename("../outside/secret.txt", "got.txt"));
        assertTrue(Files.exists(sandbox.resolve("file.txt")));
        assertFalse(Files.exists(sandbox.resolve("got.txt")));
    }

    @Test
    void creatingASymlinkThatPointsOutsideIsNotCapable() {
        assertEquals(NOTCAPABLE, h.symlink("../outside/secret.txt", "evil"));
        assertEquals(NOTCAPABLE, h.symlink("/etc/passwd", "evil"));
        assertEquals(NOTCAPABLE, h.symlink("../../outside", "sub/evil"));
        assertEquals(NOTCAPABLE, h.symlink("x", "../evil"));
        assertFalse(Files.exists(sandbox.resolve("evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(sandbox.resolve("sub/evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        // And one whose text escapes but was planted by the host is still refused when opened.
        assertEquals(0, h.symlink("../file.txt", "sub/ok"), "links that stay inside are fine");
        assertEquals(0, h.open("sub/ok", 0, RIGHTS_READ));
        assertEquals("inside", h.read(h.lastFd, 100));
    }

    @Test
    void plantedSymlinkToOutsideThenOpenedIsNotCapable() throws IOException {
        // A guest cannot create it, but the host (or a previous run) may have left one.
        Files.createSymbolicLink(sandbox.resolve("sub/evil"), Path.of("../../outside/secret.txt"));
        assertEquals(NOTCAPABLE, h.open("sub/evil", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("sub/evil", WasiHarness.O_TRUNC, RIGHTS_RW));
    }

    @Test
    void hardLinkToAFileOutsideIsNotCapable() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("rel"), Path.of("../outside/secret.txt"));
        int from = h.str("rel");
        int to = h.str("hard");
        assertEquals(NOTCAPABLE, h.call(WasiFunction.PATH_LINK, SANDBOX_FD, LOOKUP_FOLLOW, from, 3, SANDBOX_FD, to, 4));
        int up = h.str("../outside/secret.txt");
        assertEquals(NOTCAPABLE, h.call(WasiFunction.PATH_LINK, SANDBOX_FD, 0, up, 21, SANDBOX_FD, to, 4));
        assertFalse(Files.exists(sandbox.resolve("hard")));
    }

    @Test
    void removingOrRenamingTheRootIsRefused() {
        assertEquals(Errno.INVAL.code(), h.pathCall(WasiFunction.PATH_REMOVE_DIRECTORY, "sub/.."));
        assertEquals(Errno.BUSY.code(), h.rename("sub/..", "moved"));
        assertTrue(Files.isDirectory(sandbox));
    }

    @Test
    void nulInPathIsInvalid() {
        assertEquals(Errno.INVAL.code(), h.open("file.txt\0../../x", 0, RIGHTS_READ));
    }

    @Test
    void dotDotAfterASymlinkIsTakenFromTheTarget() throws IOException {
        // link -> sub/inner: "link/.." is sub (POSIX: ".." of where the link led), not the root.
        Files.createSymbolicLink(sandbox.resolve("link"), Path.of("sub/inner"));
        Files.writeString(sandbox.resolve("sub/here.txt"), "in sub");
        assertEquals(0, h.open("link/../here.txt", 0, RIGHTS_READ));
        assertEquals("in sub", h.read(h.lastFd, 100));
        // ...and climbing on from there still stops at the root.
        assertEquals(NOTCAPABLE, h.open("link/../../../outside/secret.txt", 0, RIGHTS_READ));
        Files.createSymbolicLink(sandbox.resolve("up"), Path.of(".."));
        assertEquals(NOTCAPABLE, h.open("up/outside/secret.txt", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("sub/../up/outside/secret.txt", 0, RIGHTS_READ));
    }

    @Test
    void absoluteSymlinksAreNotCapableEvenWhenTheyPointInside() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("abs-inside"), sandbox.resolve("file.txt").toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("abs-outside"), outside.resolve("secret.txt").toAbsolutePath());
        assertEquals(NOTCAPABLE, h.open("abs-inside", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("abs-outside", 0, RIGHTS_READ));
        assertEquals(NOTCAPABLE, h.open("sub/../abs-outside", 0, RIGHTS_READ));
    }

    @Test
    void longSymlinkChainsAndSelfLoopsAreEloop() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("self"), Path.of("self"));
        assertEquals(Errno.LOOP.code(), h.open("self", 0, RIGHTS_READ));
        assertEquals(Errno.LOOP.code(), h.open("self/x", O_CREAT, RIGHTS_RW));
        for (int i = 0; i < 45; i++) {
            Files.createSymbolicLink(sandbox.resolve("c" + i), Path.of("c" + (i + 1)));
        }
        Files.writeString(sandbox.resolve("c45"), "end");
        assertEquals(Errno.LOOP.code(), h.open("c0", 0, RIGHTS_READ), "more than 40 expansions");
        assertEquals(0, h.open("c10", 0, RIGHTS_READ), "35 expansions are fine");
    }

    @Test
    void pathsWithNulBytesAreInvalid() {
        assertEquals(Errno.INVAL.code(), h.open("file.txt\0../../outside/secret.txt", 0, RIGHTS_READ));
        assertEquals(Errno.INVAL.code(), h.open("sub\0", O_CREAT, RIGHTS_RW));
        assertEquals(Errno.INVAL.code(), h.pathCall(WasiFunction.PATH_CREATE_DIRECTORY, "new\0dir"));
        assertFalse(Files.exists(sandbox.resolve("new")));
    }

    /**
     * Another process (or another guest sharing the directory) swaps a directory for a symlink
     * to the outside, again and again, while the guest opens, creates and removes files in it.
     * Resolution may see the real directory; the use must never reach the outside: the
     * directory holding the entry is pinned with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS).
     */
    @Test
    void swappingADirectoryForASymlinkDuringResolutionNeverEscapes() throws Exception {
        Path dir = sandbox.resolve("racy");
        Path parked = sandbox.resolve("parked");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("secret.txt"), "inside");
        Files.writeString(outside.resolve("victim.txt"), "keep me");
        outsideBefore = HostTree.snapshot(outside);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger swaps = new java.util.concurrent.atomic.AtomicInteger();
        Thread swapper = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try {
                    Files.move(dir, parked, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    try {
                        Files.createSymbolicLink(dir, outside);
                        swaps.incrementAndGet();
                        Thread.onSpinWait();
                        Files.delete(dir);
                    } finally {
                        // Whatever failed above, the real directory goes back, or every later round
                        // would fail and the guest would never see it again.
                        Files.move(parked, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    // Leave the real directory in place for a moment: a swapper that never pauses left
                    // it there so briefly that on a loaded machine (load 20) 5,227 opens in a row
                    // met the symlink or nothing.
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                } catch (IOException e) {
                    // A guest call held an entry for a moment: try again.
                }
            }
        });
        int opened = 0;
        int refused = 0;
        try {
            // 3 s of races; on a loaded machine, longer (up to 60 s) until one open succeeded.
            long start = System.nanoTime();
            long end = start + 3_000_000_000L;
            long hardEnd = start + 60_000_000_000L;
            // Each round's guest buffers are freed after it: an idle machine runs enough rounds in
            // 3 s to exhaust the harness's memory otherwise (EFAULT).
            int scratch = h.mark();
            while (System.nanoTime() < end || (opened == 0 || swaps.get() == 0) && System.nanoTime() < hardEnd) {
                h.release(scratch);
                if (h.open("racy/secret.txt", 0, RIGHTS_READ) == 0) {
                    assertEquals("inside", h.read(h.lastFd, 100), "a read through a swapped directory escaped");
                    h.call(WasiFunction.FD_CLOSE, h.lastFd);
                    opened++;
                } else {
                    refused++;
                }
                // Destructive calls must not land outside either (the @AfterEach compares the outside).
                h.pathCall(WasiFunction.PATH_UNLINK_FILE, "racy/victim.txt");
                h.pathCall(WasiFunction.PATH_CREATE_DIRECTORY, "racy/planted");
                h.open("racy/x", O_CREAT, RIGHTS_RW);
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertTrue(opened > 0, "the guest never got to open the file (" + refused + " refusals)");
        assertTrue(swaps.get() > 0, "the directory was never swapped: the race was not run");
    }
}
