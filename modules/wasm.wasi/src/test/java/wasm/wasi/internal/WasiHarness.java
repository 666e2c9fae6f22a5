package wasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import wasm.wasi.WasiConfig;

/**
 * Drives {@link WasiSyscalls} the way a guest does: arguments as core wasm values,
 * data through a linear memory with a bump allocator for strings and buffers.
 */
final class WasiHarness implements AutoCloseable {
    static final int MEMORY_SIZE = 1 << 20;
    /** Preopens start right after the standard streams. */
    static final int SANDBOX_FD = 3;
    static final int LOOKUP_FOLLOW = 1;
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_EXCL = 4;
    static final int O_TRUNC = 8;
    /** What wasi-libc asks for when it opens for reading and writing: all its directory hands down. */
    static final long RIGHTS_RW = Rights.DIRECTORY_INHERITING;
    /** ... and for reading only: the same without the writing rights. */
    static final long RIGHTS_READ = RIGHTS_RW & ~(Rights.FD_DATASYNC | Rights.FD_WRITE | Rights.FD_ALLOCATE
            | Rights.FD_FILESTAT_SET_SIZE);

    final ArrayGuestMemory memory = new ArrayGuestMemory(MEMORY_SIZE);
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final WasiSyscalls wasi;
    private int next = 1024;

    WasiHarness(Path sandbox) throws IOException {
        this(WasiConfig.builder().preopen(sandbox, "/sandbox"), "");
    }

    WasiHarness(WasiConfig.Builder config, String stdin) throws IOException {
        this.wasi = new WasiSyscalls(config
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .stdout(stdout)
                .stderr(stderr)
                .build());
        wasi.bind(memory);
    }

    @Override
    public void close() {
        wasi.close();
    }

    /** Calls {@code f} and returns the errno it answered. */
    int call(WasiFunction f, long... args) {
        return (int) wasi.invoke(f, args)[0];
    }

    int alloc(int size) {
        int p = next;
        next += (size + 7) & ~7;
        return p;
    }

    /** Where the next {@link #alloc} goes: hand it to {@link #release} to reuse what came after. */
    int mark() {
        return next;
    }

    /** Frees everything allocated since {@code mark} (a long loop of calls would run out of memory). */
    void release(int mark) {
        next = mark;
    }

    /** Copies {@code s} (UTF-8, no terminator) into memory; its length is {@link #len(String)}. */
    int str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int p = alloc(Math.max(b.length, 1));
        memory.write(p, b);
        return p;
    }

    static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** path_open; returns the errno, and the new fd through {@link #lastFd}. */
    int open(int dirFd, String path, int lookup, int oflags, long rights, int fdflags) {
        int fdPtr = alloc(4);
        memory.writeI32(fdPtr, -1);
        int errno = call(WasiFunction.PATH_OPEN, dirFd, lookup, str(path), len(path), oflags, rights, rights,
                fdflags, fdPtr);
        lastFd = memory.readI32(fdPtr);
        return errno;
    }

    int lastFd = -1;

    int open(String path, int oflags, long rights) {
        return open(SANDBOX_FD, path, LOOKUP_FOLLOW, oflags, rights, 0);
    }

    /** Opens (must succeed) and returns the fd. */
    int openOk(String path, int oflags, long rights) {
        assertEquals(0, open(path, oflags, rights), "path_open " + path);
        return lastFd;
    }

    int write(int fd, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int buf = alloc(b.length);
        memory.write(buf, b);
        int iov = alloc(8);
        memory.writeI32(iov, buf);
        memory.writeI32(iov + 4, b.length);
        int nPtr = alloc(4);
        int errno = call(WasiFunction.FD_WRITE, fd, iov, 1, nPtr);
        if (errno == 0) {
            assertEquals(b.length, memory.readI32(nPtr));
        }
        return errno;
    }

    /** fd_read of up to {@code max} bytes, asserting success. */
    String read(int fd, int max) {
        int buf = alloc(max);
        int iov = alloc(8);
        memory.writeI32(iov, buf);
        memory.writeI32(iov + 4, max);
        int nPtr = alloc(4);
        assertEquals(0, call(WasiFunction.FD_READ, fd, iov, 1, nPtr));
        return new String(memory.read(buf, memory.readI32(nPtr)), StandardCharsets.UTF_8);
    }

    int pathCall(WasiFunction f, String path) {
        return call(f, SANDBOX_FD, str(path), len(path));
    }

    int rename(String from, String to) {
        return call(WasiFunction.PATH_RENAME, SANDBOX_FD, str(from), len(from), SANDBOX_FD, str(to), len(to));
    }

    int symlink(String target, String link) {
        return call(WasiFunction.PATH_SYMLINK, str(target), len(target), SANDBOX_FD, str(link), len(link));
    }

    /** path_filestat_get; the filetype byte through {@link #lastStat}. */
    int stat(String path, int lookup) {
        int buf = alloc(64);
        int errno = call(WasiFunction.PATH_FILESTAT_GET, SANDBOX_FD, lookup, str(path), len(path), buf);
        lastStat = memory.read(buf, 64);
        return errno;
    }

    byte[] lastStat;

    int lastStatFiletype() {
        return lastStat[16];
    }

    long lastStatSize() {
        return java.nio.ByteBuffer.wrap(lastStat).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(32);
    }

    /** path_readlink into a buffer of {@code size}; the target through {@link #lastLink}. */
    int readlink(String path, int size) {
        int buf = alloc(size);
        int used = alloc(4);
        int errno = call(WasiFunction.PATH_READLINK, SANDBOX_FD, str(path), len(path), buf, size, used);
        lastLink = errno == 0 ? new String(memory.read(buf, memory.readI32(used)), StandardCharsets.UTF_8) : null;
        return errno;
    }

    String lastLink;

    static List<String> lines(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
