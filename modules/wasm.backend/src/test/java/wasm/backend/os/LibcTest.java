package wasm.backend.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every system call through the system-call stub: results, and errno on
 * failure (the numbers are x86-64 Linux's, so a wrong system call number fails here).
 */
@SuppressWarnings("restricted")
class LibcTest {
    private static final int O_RDONLY = 0;
    private static final int O_PATH = 010000000;
    private static final int O_DIRECTORY = 0200000;
    private static final int ENOENT = 2;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final int EXDEV = 18;

    @Test
    void mapsProtectsAndUnmapsMemory() {
        long page = Libc.pageSize();
        long address = Libc.mmapAnonymous(2 * page, Libc.PROT_NONE, Libc.MAP_NORESERVE);
        assertEquals(0, address % page, "mmap returns a page-aligned address");
        Libc.mprotect(address, page, Libc.PROT_READ | Libc.PROT_WRITE);
        MemorySegment first = MemorySegment.ofAddress(address).reinterpret(page);
        first.set(ValueLayout.JAVA_LONG, 8, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, first.get(ValueLayout.JAVA_LONG, 8));
        assertEquals(0, first.get(ValueLayout.JAVA_LONG, 0), "anonymous memory starts zeroed");
        Libc.munmap(address, 2 * page);
    }

    @Test
    void theSystemCallStubIsExecutableAndNeverWritable() throws IOException {
        long page = Libc.syscallStubPage();
        assertEquals(0, page % Libc.pageSize(), "the stub has a page of its own");
        String perms = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] f = line.split("\\s+", 3);
            String[] range = f[0].split("-");
            if (Long.parseUnsignedLong(range[0], 16) <= page && page < Long.parseUnsignedLong(range[1], 16)) {
                perms = f[1];
            }
        }
        assertEquals("r-xp", perms, "the stub's mapping (W^X: written before it was made executable)");
    }

    @Test
    void failuresCarryErrnosText() {
        // Length 0 is EINVAL for mmap; an unaligned address is EINVAL for mprotect and munmap.
        var mmap = assertThrows(Libc.NativeMemoryException.class,
                () -> Libc.mmapAnonymous(0, Libc.PROT_READ));
        assertEquals("mmap of 0 bytes failed: Invalid argument (errno 22)", mmap.getMessage());
        var mprotect = assertThrows(Libc.NativeMemoryException.class,
                () -> Libc.mprotect(1, 4096, Libc.PROT_READ));
        assertTrue(mprotect.getMessage().startsWith("mprotect of 4096 bytes failed: Invalid argument"),
                mprotect.getMessage());
        assertThrows(Libc.NativeMemoryException.class, () -> Libc.munmap(1, 4096));
    }

    @Test
    void opensClosesAndAsksForTerminals(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertEquals(-ENOENT, Libc.open(dir.resolve("missing").toString(), O_RDONLY));
        int fd = Libc.open(file.toString(), O_RDONLY);
        assertTrue(fd > 2, "a new descriptor: " + fd);
        assertFalse(Libc.isatty(fd), "a regular file is no terminal");
        Libc.close(fd);
        assertFalse(Libc.isatty(fd), "a closed descriptor is no terminal");
    }

    @Test
    void openat2ResolvesBeneathItsDirectoryOnly(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        int root = Libc.open(dir.toString(), O_PATH | O_DIRECTORY);
        assertTrue(root >= 0, "the root opens: " + root);
        try {
            int sub = Libc.openat2(root, "sub", O_PATH | O_DIRECTORY, 0, RESOLVE_BENEATH);
            assertTrue(sub >= 0, "a directory below the root opens: " + sub);
            Libc.close(sub);
            assertEquals(-EXDEV, Libc.openat2(root, "../" + dir.getFileName(), O_PATH | O_DIRECTORY, 0,
                    RESOLVE_BENEATH), "'..' out of the root is refused");
        } finally {
            Libc.close(root);
        }
    }
}
