package wasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import wasm.backend.os.Libc;

/**
 * A standard stream's terminal check reads the kernel's tty drivers (/proc/tty/drivers) instead of
 * making the TCGETS ioctl through FFM: it must answer as the ioctl does, on terminals (a pty's
 * master side, which any process can open) and on other character devices alike.
 */
class StdioTypeTest {
    private static final List<String> DRIVERS = List.of(
            "/dev/tty             /dev/tty        5       0 system:/dev/tty",
            "/dev/ptmx            /dev/ptmx       5       2 system",
            "serial               /dev/ttyS       4      64 serial",
            "pty_slave            /dev/pts      136 0-1048575 pty:slave");

    /** A Linux dev_t of {@code major:minor}: the low 8 minor bits, 12 major bits, the rest of both above. */
    private static long dev(long major, long minor) {
        return (minor & 0xff) | (major & 0xfff) << 8 | (minor & ~0xffL) << 12 | (major & ~0xfffL) << 32;
    }

    @Test
    void devicesOfTheListedDriversAreTerminals() {
        StdioType.TtyDevices ttys = StdioType.TtyDevices.parse(DRIVERS);
        assertTrue(ttys.contains(dev(5, 0)), "/dev/tty");
        assertTrue(ttys.contains(dev(136, 0)), "/dev/pts/0");
        assertTrue(ttys.contains(dev(136, 4711)), "a minor past 8 bits");
        assertTrue(ttys.contains(dev(4, 64)), "a single minor");
        assertFalse(ttys.contains(dev(4, 65)), "past a single minor");
        assertFalse(ttys.contains(dev(5, 1)), "/dev/console is not listed here");
        assertFalse(ttys.contains(dev(1, 3)), "/dev/null");
        assertFalse(ttys.contains(dev(136 + 4096, 0)), "major bits above the low 12");
    }

    @Test
    void fieldsSplitAsTheWhitespaceRegexWould() {
        for (String line : List.of("a b", "  a\t\tb  c ", "pty_slave            /dev/pts      136 0-1048575 pty:slave",
                "single", "\ta \t b\t")) {
            assertEquals(List.of(line.strip().split("\\s+")), List.of(StdioType.TtyDevices.fields(line)), line);
        }
        assertEquals(0, StdioType.TtyDevices.fields("   ").length);
    }

    @Test
    void aStreamAnswersItsTypeWhenFirstAskedAndKeepsRightsSetBefore() {
        OutputStreamDescriptor out = new OutputStreamDescriptor(java.io.OutputStream.nullOutputStream(), -1);
        StdioType embedder = StdioType.embedder(false);
        out.setRights(embedder.base() & ~Rights.FD_WRITE, 0);
        assertEquals(embedder.base() & ~Rights.FD_WRITE, out.rightsBase(), "narrowed before the type was asked");
        assertEquals(0, out.rightsInheriting());
        assertEquals(Filetype.SOCKET_STREAM, out.filetype());
        InputStreamDescriptor in = new InputStreamDescriptor(java.io.InputStream.nullInputStream(), false);
        assertEquals(StdioType.embedder(true).base(), in.rightsBase());
        assertEquals(StdioType.embedder(true).inheriting(), in.rightsInheriting());
    }

    @Test
    void aMalformedListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StdioType.TtyDevices.parse(List.of("pty_slave /dev/pts 136")));
        assertThrows(NumberFormatException.class,
                () -> StdioType.TtyDevices.parse(List.of("pty_slave /dev/pts x 0-1 pty:slave")));
    }

    @Test
    void answersAsTheIoctlDoes() throws IOException {
        assertNotNull(StdioType.TtyDevices.KERNEL, "this kernel lists its tty drivers in /proc/tty/drivers");
        List<FileInputStream> opened = new ArrayList<>();
        try {
            opened.add(new FileInputStream("/dev/null"));
            opened.add(new FileInputStream("/dev/zero"));
            opened.add(new FileInputStream("/dev/ptmx")); // a new pty's master side: a terminal
            int terminals = 0;
            int devices = 0;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path link : fds.toList()) {
                    int fd = Integer.parseInt(link.getFileName().toString());
                    Map<String, Object> a;
                    try {
                        a = Files.readAttributes(link, "unix:mode,rdev");
                    } catch (IOException gone) {
                        continue; // the listing's own descriptor
                    }
                    if ((((Number) a.get("mode")).intValue() & 0170000) != 0020000) {
                        continue;
                    }
                    boolean ioctl = Libc.isatty(fd);
                    assertEquals(ioctl, StdioType.isatty(fd, ((Number) a.get("rdev")).longValue()),
                            "fd " + fd + " -> " + Files.readSymbolicLink(link));
                    devices++;
                    terminals += ioctl ? 1 : 0;
                }
            }
            assertTrue(devices >= 3 && terminals >= 1, devices + " character devices, " + terminals + " terminals");
        } finally {
            for (FileInputStream in : opened) {
                in.close();
            }
        }
    }
}
