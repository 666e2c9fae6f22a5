package wasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wasm.wasi.internal.WasiHarness.LOOKUP_FOLLOW;
import static wasm.wasi.internal.WasiHarness.O_CREAT;
import static wasm.wasi.internal.WasiHarness.O_DIRECTORY;
import static wasm.wasi.internal.WasiHarness.O_EXCL;
import static wasm.wasi.internal.WasiHarness.O_TRUNC;
import static wasm.wasi.internal.WasiHarness.RIGHTS_READ;
import static wasm.wasi.internal.WasiHarness.RIGHTS_RW;
import static wasm.wasi.internal.WasiHarness.SANDBOX_FD;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fd_* and path_* families against a real temporary directory preopened as "/sandbox". */
class WasiFilesystemTest {
    @TempDir
    Path sandbox;
    WasiHarness h;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(sandbox.resolve("a.txt"), "hello");
        Files.createDirectories(sandbox.resolve("dir/sub"));
        h = new WasiHarness(sandbox);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void prestatNamesThePreopen() {
        int p = h.alloc(8);
        assertEquals(0, h.call(WasiFunction.FD_PRESTAT_GET, SANDBOX_FD, p));
        assertEquals(0, h.memory.read(p, 1)[0]);
        assertEquals(8, h.memory.readI32(p + 4));
        int name = h.alloc(8);
        assertEquals(Errno.NAMETOOLONG.code(), h.call(WasiFunction.FD_PRESTAT_DIR_NAME, SANDBOX_FD, name, 7));
        assertEquals(0, h.call(WasiFunction.FD_PRESTAT_DIR_NAME, SANDBOX_FD, name, 8));
        assertEquals("/sandbox", new String(h.memory.read(name, 8), StandardCharsets.UTF_8));
        // wasi-libc scans upward from fd 3 until EBADF.
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_PRESTAT_GET, 4, p));
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_PRESTAT_GET, 1, p));
    }

    @Test
    void fdstatOfThePreopenGrantsTheDirectoryRights() {
        int p = h.alloc(24);
        assertEquals(0, h.call(WasiFunction.FD_FDSTAT_GET, SANDBOX_FD, p));
        ByteBuffer b = le(h.memory.read(p, 24));
        assertEquals(Filetype.DIRECTORY.code(), b.get(0));
        assertEquals(Rights.DIRECTORY_BASE, b.getLong(8));
        assertEquals(Rights.DIRECTORY_INHERITING, b.getLong(16));
        assertEquals(0, b.getLong(8) & Rights.FD_READ, "a directory is never read");
        assertEquals(0, h.call(WasiFunction.FD_FDSTAT_GET, 1, p));
        assertEquals(Filetype.SOCKET_STREAM.code(), h.memory.read(p, 1)[0], "an embedder's stream is pipe-like");
    }

    @Test
    void createWriteSeekReadAndTell() throws IOException {
        int fd = h.openOk("new.txt", O_CREAT, RIGHTS_RW);
        assertEquals(0, h.write(fd, "0123456789"));
        int off = h.alloc(8);
        assertEquals(0, h.call(WasiFunction.FD_TELL, fd, off));
        assertEquals(10, h.memory.readI64(off));
        assertEquals(0, h.call(WasiFunction.FD_SEEK, fd, 2L, 0, off));
        assertEquals(2, h.memory.readI64(off));
        assertEquals("2345", h.read(fd, 4));
        assertEquals(0, h.call(WasiFunction.FD_SEEK, fd, -3L, 2, off));
        assertEquals(7, h.memory.readI64(off));
        assertEquals("789", h.read(fd, 100));
        assertEquals("", h.read(fd, 100), "end of file reads 0 bytes");
        assertEquals(Errno.INVAL.code(), h.call(WasiFunction.FD_SEEK, fd, -1L, 0, off));
        assertEquals(Errno.INVAL.code(), h.call(WasiFunction.FD_SEEK, fd, 0L, 7, off));
        assertEquals(Errno.NOTCAPABLE.code(), h.call(WasiFunction.FD_SEEK, 1, 0L, 0, off), "a stream has no seek right");
        assertEquals(0, h.call(WasiFunction.FD_CLOSE, fd));
        assertEquals("0123456789", Files.readString(sandbox.resolve("new.txt")));
    }

    @Test
    void preadAndPwriteDoNotMoveTheOffset() throws IOException {
        int fd = h.openOk("a.txt", 0, RIGHTS_RW);
        int buf = h.str("J");
        int iov = h.alloc(8);
        h.memory.writeI32(iov, buf);
        h.memory.writeI32(iov + 4, 1);
        int n = h.alloc(4);
        assertEquals(0, h.call(WasiFunction.FD_PWRITE, fd, iov, 1, 0L, n));
        assertEquals(1, h.memory.readI32(n));
        int rbuf = h.alloc(3);
        h.memory.writeI32(iov, rbuf);
        h.memory.writeI32(iov + 4, 3);
        assertEquals(0, h.call(WasiFunction.FD_PREAD, fd, iov, 1, 2L, n));
        assertEquals("llo", new String(h.memory.read(rbuf, h.memory.readI32(n)), StandardCharsets.UTF_8));
        assertEquals("Jello", h.read(fd, 10), "the file offset stayed at 0");
        assertEquals("Jello", Files.readString(sandbox.resolve("a.txt")));
    }

    @Test
    void readScattersOverSeveralIovecs() {
        int fd = h.openOk("a.txt", 0, RIGHTS_READ);
        int b1 = h.alloc(2);
        int b2 = h.alloc(10);
        int iov = h.alloc(16);
        h.memory.writeI32(iov, b1);
        h.memory.writeI32(iov + 4, 2);
        h.memory.writeI32(iov + 8, b2);
        h.memory.writeI32(iov + 12, 10);
        int n = h.alloc(4);
        assertEquals(0, h.call(WasiFunction.FD_READ, fd, iov, 2, n));
        assertEquals(5, h.memory.readI32(n));
        assertEquals("he", new String(h.memory.read(b1, 2), StandardCharsets.UTF_8));
        assertEquals("llo", new String(h.memory.read(b2, 3), StandardCharsets.UTF_8));
    }

    @Test
    void openFlags() throws IOException {
        assertEquals(Errno.EXIST.code(), h.open("a.txt", O_CREAT | O_EXCL, RIGHTS_RW));
        assertEquals(Errno.NOENT.code(), h.open("missing.txt", 0, RIGHTS_READ));
        assertEquals(Errno.NOTDIR.code(), h.open("a.txt", O_DIRECTORY, RIGHTS_READ));
        assertEquals(Errno.NOTDIR.code(), h.open("a.txt/", 0, RIGHTS_READ));
        assertEquals(Errno.ISDIR.code(), h.open("dir", 0, RIGHTS_RW));
        assertEquals(Errno.ISDIR.code(), h.open("dir", O_TRUNC, RIGHTS_READ));
        assertEquals(Errno.NOENT.code(), h.open("nodir/x.txt", O_CREAT, RIGHTS_RW));
        assertEquals(Errno.INVAL.code(), h.open("a.txt", 64, RIGHTS_READ));
        int fd = h.openOk("a.txt", O_TRUNC, RIGHTS_RW);
        assertEquals(0L, Files.size(sandbox.resolve("a.txt")));
        assertEquals(0, h.call(WasiFunction.FD_CLOSE, fd));
        assertEquals(0, h.open("excl.txt", O_CREAT | O_EXCL, RIGHTS_RW));
        assertTrue(Files.exists(sandbox.resolve("excl.txt")));
    }

    @Test
    void appendFlagWritesAtTheEnd() throws IOException {
        assertEquals(0, h.open(SANDBOX_FD, "a.txt", LOOKUP_FOLLOW, 0, RIGHTS_RW, 1));
        int fd = h.lastFd;
        int st = h.alloc(24);
        assertEquals(0, h.call(WasiFunction.FD_FDSTAT_GET, fd, st));
        assertEquals(1, le(h.memory.read(st, 24)).getShort(2), "fdflags.append is reported");
        assertEquals(RIGHTS_RW & Rights.REGULAR_FILE_BASE, le(h.memory.read(st, 24)).getLong(8),
                "the rights asked for, within what a regular file can do");
        assertEquals(0, h.write(fd, " world"));
        assertEquals("hello world", Files.readString(sandbox.resolve("a.txt")));
        assertEquals(0, h.call(WasiFunction.FD_FDSTAT_SET_FLAGS, fd, 0));
        int off = h.alloc(8);
        assertEquals(0, h.call(WasiFunction.FD_SEEK, fd, 0L, 0, off));
        assertEquals(0, h.write(fd, "J"));
        assertEquals("Jello world", Files.readString(sandbox.resolve("a.txt")));
        assertEquals(Errno.NOTSUP.code(), h.call(WasiFunction.FD_FDSTAT_SET_FLAGS, fd, 16));
    }

    @Test
    void writingWithoutTheWriteRightIsNotCapable() {
        int fd = h.openOk("a.txt", 0, RIGHTS_READ);
        assertEquals(Errno.NOTCAPABLE.code(), h.write(fd, "x"));
        assertEquals(Errno.NOTCAPABLE.code(), h.write(0, "x"), "stdin is not writable");
    }

    @Test
    void closedAndUnknownDescriptorsAreBadf() {
        int fd = h.openOk("a.txt", 0, RIGHTS_READ);
        assertEquals(0, h.call(WasiFunction.FD_CLOSE, fd));
        assertEquals(Errno.BADF.code(), h.write(fd, "x"));
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_CLOSE, fd));
        assertEquals(Errno.BADF.code(), h.write(99, "x"));
        assertEquals(Errno.BADF.code(), h.write(-1, "x"));
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_FDSTAT_GET, 1234, h.alloc(24)));
    }

    @Test
    void renumberMovesADescriptor() {
        int a = h.openOk("a.txt", 0, RIGHTS_READ);
        int b = h.openOk("a.txt", 0, RIGHTS_READ);
        assertEquals("he", h.read(a, 2));
        assertEquals(0, h.call(WasiFunction.FD_RENUMBER, a, b));
        assertEquals("llo", h.read(b, 10), "b now holds a's open file description");
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_CLOSE, a));
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_RENUMBER, 77, b));
        assertEquals(Errno.BADF.code(), h.call(WasiFunction.FD_RENUMBER, b, 77));
    }

    @Test
    void lowestFreeDescriptorIsReused() {
        int a = h.openOk("a.txt", 0, RIGHTS_READ);
        int b = h.openOk("a.txt", 0, RIGHTS_READ);
        assertEquals(a + 1, b);
        assertEquals(0, h.call(WasiFunction.FD_CLOSE, a));
        assertEquals(a, h.openOk("a.txt", 0, RIGHTS_READ));
    }

    @Test
    void filestatOfFilesAndDirectories() throws IOException {
        assertEquals(0, h.stat("a.txt", LOOKUP_FOLLOW));
        assertEquals(Filetype.REGULAR_FILE.code(), h.lastStatFiletype());
        assertEquals(5, h.lastStatSize());
        long ino = le(h.lastStat).getLong(8);
        assertEquals(Files.getAttribute(sandbox.resolve("a.txt"), "unix:ino"), ino);
        assertEquals(1, le(h.lastStat).getLong(24), "nlink");
        assertEquals(0, h.stat("dir", LOOKUP_FOLLOW));
        assertEquals(Filetype.DIRECTORY.code(), h.lastStatFiletype());
        assertEquals(Errno.NOENT.code(), h.stat("nope", LOOKUP_FOLLOW));

        int fd = h.openOk("a.txt", 0, RIGHTS_RW);
        int buf = h.alloc(64);
        assertEquals(0, h.call(WasiFunction.FD_FILESTAT_GET, fd, buf));
        assertEquals(ino, le(h.memory.read(buf, 64)).getLong(8));
        assertEquals(0, h.call(WasiFunction.FD_FILESTAT_SET_SIZE, fd, 2L));
        assertEquals("he", Files.readString(sandbox.resolve("a.txt")));
        assertEquals(0, h.call(WasiFunction.FD_FILESTAT_SET_SIZE, fd, 4L));
        assertArrayEquals(new byte[] {'h', 'e', 0, 0}, Files.readAllBytes(sandbox.resolve("a.txt")));
        assertEquals(0, h.call(WasiFunction.FD_FILESTAT_GET, 1, buf));
        assertEquals(Filetype.SOCKET_STREAM.code(), h.memory.read(buf + 16, 1)[0]);
    }

    @Test
    void setTimes() throws IOException {
        long t = 1_500_000_000_123_456_789L;
        int p = h.str("a.txt");
        // fstflags: atim | mtim
        assertEquals(0, h.call(WasiFunction.PATH_FILESTAT_SET_TIMES, SANDBOX_FD, LOOKUP_FOLLOW, p, 5, t, t, 1 | 4));
        FileTime m = Files.getLastModifiedTime(sandbox.resolve("a.txt"));
        assertEquals(t / 1000, m.to(java.util.concurrent.TimeUnit.MICROSECONDS), "mtime set to the microsecond");
        assertEquals(Errno.INVAL.code(),
                h.call(WasiFunction.PATH_FILESTAT_SET_TIMES, SANDBOX_FD, LOOKUP_FOLLOW, p, 5, t, t, 1 | 2));
        int fd = h.openOk("a.txt", 0, RIGHTS_RW);
        assertEquals(0, h.call(WasiFunction.FD_FILESTAT_SET_TIMES, fd, 0L, 0L, 8));
        assertTrue(Files.getLastModifiedTime(sandbox.resolve("a.txt")).compareTo(m) > 0, "mtim_now");
    }

    @Test
    void directoriesAreCreatedAndRemoved() {
        assertEquals(0, h.pathCall(WasiFunction.PATH_CREATE_DIRECTORY, "made"));
        assertTrue(Files.isDirectory(sandbox.resolve("made")));
        assertEquals(Errno.EXIST.code(), h.pathCall(WasiFunction.PATH_CREATE_DIRECTORY, "made"));
        assertEquals(Errno.NOTEMPTY.code(), h.pathCall(WasiFunction.PATH_REMOVE_DIRECTORY, "dir"));
        assertEquals(Errno.NOTDIR.code(), h.pathCall(WasiFunction.PATH_REMOVE_DIRECTORY, "a.txt"));
        assertEquals(Errno.NOENT.code(), h.pathCall(WasiFunction.PATH_REMOVE_DIRECTORY, "nothing"));
        assertEquals(0, h.pathCall(WasiFunction.PATH_REMOVE_DIRECTORY, "made"));
        assertFalse(Files.exists(sandbox.resolve("made")));
    }

    @Test
    void unlinkRemovesFilesOnly() {
        assertEquals(Errno.ISDIR.code(), h.pathCall(WasiFunction.PATH_UNLINK_FILE, "dir"));
        assertEquals(Errno.NOENT.code(), h.pathCall(WasiFunction.PATH_UNLINK_FILE, "nothing"));
        assertEquals(0, h.pathCall(WasiFunction.PATH_UNLINK_FILE, "a.txt"));
        assertFalse(Files.exists(sandbox.resolve("a.txt")));
    }

    @Test
    void renameFollowsPosixRules() throws IOException {
        Files.writeString(sandbox.resolve("b.txt"), "bee");
        assertEquals(0, h.rename("a.txt", "b.txt"), "replaces an existing file");
        assertEquals("hello", Files.readString(sandbox.resolve("b.txt")));
        assertEquals(Errno.ISDIR.code(), h.rename("b.txt", "dir"));
        assertEquals(Errno.NOTDIR.code(), h.rename("dir", "b.txt"));
        assertEquals(Errno.INVAL.code(), h.rename("dir", "dir/sub/inside"));
        assertEquals(Errno.NOENT.code(), h.rename("gone", "x"));
        assertEquals(0, h.rename("dir", "dir2"));
        assertTrue(Files.isDirectory(sandbox.resolve("dir2/sub")));
    }

    @Test
    void symlinksInsideTheSandbox() throws IOException {
        assertEquals(0, h.symlink("a.txt", "link"));
        assertEquals("a.txt", Files.readSymbolicLink(sandbox.resolve("link")).toString());
        assertEquals(Errno.EXIST.code(), h.symlink("a.txt", "link"));
        assertEquals(0, h.readlink("link", 100));
        assertEquals("a.txt", h.lastLink);
        assertEquals(0, h.readlink("link", 3), "a short buffer truncates, as readlink(2) does");
        assertEquals("a.t", h.lastLink);
        assertEquals(Errno.INVAL.code(), h.readlink("a.txt", 100));
        assertEquals(0, h.open("link", 0, RIGHTS_READ));
        assertEquals("hello", h.read(h.lastFd, 100));
        assertEquals(0, h.stat("link", 0));
        assertEquals(Filetype.SYMBOLIC_LINK.code(), h.lastStatFiletype());
        assertEquals(0, h.stat("link", LOOKUP_FOLLOW));
        assertEquals(Filetype.REGULAR_FILE.code(), h.lastStatFiletype());
        // Creating through a link to a missing file creates the target, inside.
        assertEquals(0, h.symlink("dir/target.txt", "dangling"));
        assertEquals(0, h.open("dangling", O_CREAT, RIGHTS_RW));
        assertTrue(Files.isRegularFile(sandbox.resolve("dir/target.txt")));
        assertEquals(Errno.EXIST.code(), h.open("dangling", O_CREAT | O_EXCL, RIGHTS_RW),
                "O_EXCL does not follow the final link");
    }

    @Test
    void hardLinks() throws IOException {
        int from = h.str("a.txt");
        int to = h.str("hard.txt");
        assertEquals(0, h.call(WasiFunction.PATH_LINK, SANDBOX_FD, 0, from, 5, SANDBOX_FD, to, 8));
        assertEquals("hello", Files.readString(sandbox.resolve("hard.txt")));
        assertEquals(2, ((Number) Files.getAttribute(sandbox.resolve("a.txt"), "unix:nlink")).intValue());
        assertEquals(Errno.EXIST.code(), h.call(WasiFunction.PATH_LINK, SANDBOX_FD, 0, from, 5, SANDBOX_FD, to, 8));
        int dir = h.str("dir");
        assertEquals(Errno.PERM.code(), h.call(WasiFunction.PATH_LINK, SANDBOX_FD, 0, dir, 3, SANDBOX_FD, h.str("d2"), 2));
    }

    private record Dirent(long next, long ino, String name, int type) {
    }

    private List<Dirent> parseDirents(byte[] buf) {
        List<Dirent> out = new ArrayList<>();
        ByteBuffer b = le(buf);
        int at = 0;
        while (at + 24 <= buf.length) {
            int namlen = b.getInt(at + 16);
            if (at + 24 + namlen > buf.length) {
                break;
            }
            out.add(new Dirent(b.getLong(at), b.getLong(at + 8),
                    new String(buf, at + 24, namlen, StandardCharsets.UTF_8), b.get(at + 20)));
            at += 24 + namlen;
        }
        return out;
    }

    private byte[] readdir(int fd, int size, long cookie) {
        int buf = h.alloc(size);
        int used = h.alloc(4);
        assertEquals(0, h.call(WasiFunction.FD_READDIR, fd, buf, size, cookie, used));
        return h.memory.read(buf, h.memory.readI32(used));
    }

    @Test
    void readdirLayoutAndCookies() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("zlink"), Path.of("a.txt"));
        byte[] all = readdir(SANDBOX_FD, 4096, 0);
        List<Dirent> entries = parseDirents(all);
        assertEquals(List.of(".", "..", "a.txt", "dir", "zlink"), entries.stream().map(Dirent::name).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), entries.stream().map(Dirent::next).toList());
        assertEquals(List.of(3, 3, 4, 3, 7), entries.stream().map(Dirent::type).toList());
        assertEquals(Files.getAttribute(sandbox.resolve("a.txt"), "unix:ino"), entries.get(2).ino());
        assertEquals(5 * 24 + 1 + 2 + 5 + 3 + 5, all.length);

        // Resuming from each cookie gives the rest.
        assertEquals(List.of("dir", "zlink"), parseDirents(readdir(SANDBOX_FD, 4096, 3)).stream()
                .map(Dirent::name).toList());
        assertEquals(0, readdir(SANDBOX_FD, 4096, 5).length, "past the end: nothing");

        // A small buffer is filled completely, the last entry cut off: the caller retries from its cookie.
        byte[] part = readdir(SANDBOX_FD, 30, 0);
        assertEquals(30, part.length);
        assertEquals(List.of("."), parseDirents(part).stream().map(Dirent::name).toList());
    }

    @Test
    void readdirOnAnOpenedSubdirectoryAndOnAFile() {
        int fd = h.openOk("dir", O_DIRECTORY, RIGHTS_READ);
        assertEquals(List.of(".", "..", "sub"), parseDirents(readdir(fd, 4096, 0)).stream()
                .map(Dirent::name).toList());
        int file = h.openOk("a.txt", 0, RIGHTS_READ);
        assertEquals(Errno.NOTCAPABLE.code(), h.call(WasiFunction.FD_READDIR, file, h.alloc(64), 64, 0L, h.alloc(4)),
                "a file has no readdir right");
    }

    @Test
    void readdirCookieAtOrAbove2To63IsPastTheEnd() {
        assertEquals(0, readdir(SANDBOX_FD, 4096, -1L).length);
        assertEquals(0, readdir(SANDBOX_FD, 4096, Long.MIN_VALUE).length);
    }

    @Test
    void fstatOfAFileUnlinkedWhileOpen() {
        int fd = h.openOk("a.txt", 0, RIGHTS_RW);
        assertEquals(0, h.pathCall(WasiFunction.PATH_UNLINK_FILE, "a.txt"));
        int buf = h.alloc(64);
        assertEquals(0, h.call(WasiFunction.FD_FILESTAT_GET, fd, buf));
        assertEquals(5, le(h.memory.read(buf, 64)).getLong(32), "size from the open channel");
        assertEquals("hello", h.read(fd, 10));
    }

    @Test
    void directoriesNeverOpenForWriting() {
        // As open(2), and so node: write rights ask for O_WRONLY or O_RDWR, and a directory is EISDIR then.
        assertEquals(Errno.ISDIR.code(), h.open("dir", O_DIRECTORY, RIGHTS_RW));
        assertEquals(Errno.ISDIR.code(), h.open("dir", 0, RIGHTS_RW));
        assertEquals(Errno.ISDIR.code(), h.open("dir", O_CREAT, RIGHTS_READ));
        assertEquals(Errno.INVAL.code(), h.open("dir", O_CREAT | O_DIRECTORY, RIGHTS_READ));
        assertEquals(0, h.open("dir", O_DIRECTORY, RIGHTS_READ));
        // As node answers: a directory descriptor has neither the read nor the write right.
        assertEquals(Errno.NOTCAPABLE.code(), h.write(SANDBOX_FD, "x"));
        assertEquals(Errno.NOTCAPABLE.code(), h.call(WasiFunction.FD_READ, SANDBOX_FD, h.alloc(8), 0, h.alloc(4)));
    }

    @Test
    void allocateAdviseAndSync() throws IOException {
        int fd = h.openOk("a.txt", 0, RIGHTS_RW);
        assertEquals(0, h.call(WasiFunction.FD_ADVISE, fd, 0L, 5L, 2));
        assertEquals(Errno.INVAL.code(), h.call(WasiFunction.FD_ADVISE, fd, 0L, 5L, 9));
        assertEquals(0, h.call(WasiFunction.FD_ALLOCATE, fd, 0L, 100L));
        assertEquals(100L, Files.size(sandbox.resolve("a.txt")));
        assertEquals(0, h.call(WasiFunction.FD_SYNC, fd));
        assertEquals(0, h.call(WasiFunction.FD_DATASYNC, fd));
        assertEquals(Errno.NOTCAPABLE.code(), h.call(WasiFunction.FD_SYNC, 1), "a stream has no sync right");
    }

    @Test
    void rightsCanOnlyBeDropped() {
        int fd = h.openOk("a.txt", 0, RIGHTS_READ);
        assertEquals(Errno.NOTCAPABLE.code(), h.call(WasiFunction.FD_FDSTAT_SET_RIGHTS, fd, RIGHTS_RW, 0L));
        assertEquals(0, h.call(WasiFunction.FD_FDSTAT_SET_RIGHTS, fd, Rights.FD_READ, 0L));
    }

    @Test
    void createdFilesLandInsideTheHostDirectory() throws IOException {
        int fd = h.openOk("dir/sub/deep.txt", O_CREAT | O_TRUNC, RIGHTS_RW);
        assertEquals(0, h.write(fd, "deep"));
        assertEquals("deep", Files.readString(sandbox.resolve("dir/sub/deep.txt")));
        assertTrue(Files.exists(sandbox.resolve("dir/sub/deep.txt"), LinkOption.NOFOLLOW_LINKS));
    }
}
