package wasm.wasi.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import wasm.wasi.WasiConfig;
import wasm.wasi.WasiExit;

/**
 * The implementation of every {@code wasi_snapshot_preview1} function over one
 * guest's descriptor table. {@link #invoke} is the single entry point the host
 * functions call: it decodes the core wasm arguments, runs the call and turns
 * every expected failure into the errno the guest receives. Only
 * {@code proc_exit} ({@link WasiExit}) and bugs escape.
 */
public final class WasiSyscalls implements AutoCloseable {
    // clockid
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;
    private static final int CLOCK_PROCESS_CPUTIME = 2;
    private static final int CLOCK_THREAD_CPUTIME = 3;
    // whence
    private static final int WHENCE_SET = 0;
    private static final int WHENCE_CUR = 1;
    private static final int WHENCE_END = 2;
    // oflags
    private static final int O_CREAT = 1;
    private static final int O_DIRECTORY = 2;
    private static final int O_EXCL = 4;
    private static final int O_TRUNC = 8;
    // lookupflags
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;
    // fdflags
    private static final int FDFLAG_APPEND = 1;
    private static final int FDFLAG_NONBLOCK = 4;
    // fstflags
    private static final int FST_ATIM = 1;
    private static final int FST_ATIM_NOW = 2;
    private static final int FST_MTIM = 4;
    private static final int FST_MTIM_NOW = 8;
    // layouts
    private static final int IOVEC_SIZE = 8;
    private static final int FDSTAT_SIZE = 24;
    private static final int DIRENT_HEADER_SIZE = 24;
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int EVENTTYPE_CLOCK = 0;
    private static final int EVENTTYPE_FD_READ = 1;
    private static final int EVENTTYPE_FD_WRITE = 2;
    private static final int SUBCLOCK_ABSTIME = 1;
    /** Host reads and writes move at most this much per step, so a huge iovec never needs a huge host buffer. */
    private static final int CHUNK = 1 << 20;
    /** /proc/self/stat counts CPU time in clock ticks (USER_HZ = 100). */
    private static final long CPU_CLOCK_RESOLUTION_NS = 10_000_000L;

    private final FdTable fds = new FdTable();
    /** Directories pinned by the current call (closed when it returns), and every preopen's sandbox. */
    private final PinnedDirectories pins = new PinnedDirectories();
    private final List<Sandbox> sandboxes = new java.util.ArrayList<>();
    private final List<byte[]> args;
    private final List<byte[]> environ;
    private GuestMemory memory;

    public WasiSyscalls(WasiConfig config) throws IOException {
        // The process's own streams (System.in/out/err) report their host file type: a program
        // writing to a pipe or a file must not believe it writes to a terminal.
        fds.insert(new InputStreamDescriptor(config.stdin(), config.stdin() == System.in));
        fds.insert(new OutputStreamDescriptor(config.stdout(), config.stdout() == System.out ? 1
                : config.stdout() == System.err ? 2 : -1));
        fds.insert(new OutputStreamDescriptor(config.stderr(), config.stderr() == System.err ? 2
                : config.stderr() == System.out ? 1 : -1));
        for (WasiConfig.Preopen p : config.preopens()) {
            Sandbox sandbox = new Sandbox(p.hostDirectory());
            sandboxes.add(sandbox);
            fds.insert(new DirectoryDescriptor(sandbox, List.of(), p.guestPath(),
                    Rights.DIRECTORY_BASE, Rights.DIRECTORY_INHERITING));
        }
        this.args = config.args().stream().map(WasiSyscalls::cString).toList();
        this.environ = config.env().entrySet().stream()
                .map(e -> cString(e.getKey() + "=" + e.getValue()))
                .toList();
    }

    private static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
    }

    /** Attaches the guest's linear memory (its exported "memory"); calls before this fail loudly. */
    public void bind(GuestMemory guestMemory) {
        this.memory = guestMemory;
    }

    private GuestMemory mem() {
        if (memory == null) {
            throw new IllegalStateException("WASI memory not bound: call bind(instance) before running the guest");
        }
        return memory;
    }

    @Override
    public void close() {
        fds.closeAll();
        sandboxes.forEach(Sandbox::close);
        sandboxes.clear();
    }

    /** Runs {@code f} with core wasm arguments; returns its core wasm results ({errno}, or none for proc_exit). */
    public long[] invoke(WasiFunction f, long[] a) {
        if (f == WasiFunction.PROC_EXIT) {
            throw new WasiExit((int) a[0]);
        }
        Errno result;
        try {
            result = dispatch(f, a);
        } catch (ErrnoException e) {
            result = e.errno();
        } catch (IOException e) {
            result = HostErrors.errno(e);
        } catch (UncheckedIOException e) {
            result = HostErrors.errno(e.getCause());
        } catch (NonReadableChannelException | NonWritableChannelException e) {
            result = Errno.BADF;
        } catch (InvalidPathException e) {
            result = Errno.INVAL;
        } catch (UnsupportedOperationException e) {
            result = Errno.NOTSUP;
        } catch (SecurityException e) {
            result = Errno.PERM;
        } finally {
            pins.close();
        }
        return new long[] {result.code()};
    }

    private Errno dispatch(WasiFunction f, long[] a) throws IOException {
        checkRights(f, a);
        return switch (f) {
            case ARGS_GET -> stringsGet(args, i(a, 0), i(a, 1));
            case ARGS_SIZES_GET -> stringsSizesGet(args, i(a, 0), i(a, 1));
            case ENVIRON_GET -> stringsGet(environ, i(a, 0), i(a, 1));
            case ENVIRON_SIZES_GET -> stringsSizesGet(environ, i(a, 0), i(a, 1));
            case CLOCK_RES_GET -> clockResGet(i(a, 0), i(a, 1));
            case CLOCK_TIME_GET -> clockTimeGet(i(a, 0), i(a, 2));
            case FD_ADVISE -> fdAdvise(i(a, 0), a[1], a[2], i(a, 3));
            case FD_ALLOCATE -> fdAllocate(i(a, 0), a[1], a[2]);
            case FD_CLOSE -> fdClose(i(a, 0));
            case FD_DATASYNC -> fdSync(i(a, 0), false);
            case FD_SYNC -> fdSync(i(a, 0), true);
            case FD_FDSTAT_GET -> fdFdstatGet(i(a, 0), i(a, 1));
            case FD_FDSTAT_SET_FLAGS -> fdFdstatSetFlags(i(a, 0), i(a, 1));
            case FD_FDSTAT_SET_RIGHTS -> fdFdstatSetRights(i(a, 0), a[1], a[2]);
            case FD_FILESTAT_GET -> fdFilestatGet(i(a, 0), i(a, 1));
            case FD_FILESTAT_SET_SIZE -> fdFilestatSetSize(i(a, 0), a[1]);
            case FD_FILESTAT_SET_TIMES -> fdFilestatSetTimes(i(a, 0), a[1], a[2], i(a, 3));
            case FD_PREAD -> fdRead(i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4));
            case FD_READ -> fdRead(i(a, 0), i(a, 1), i(a, 2), -1, i(a, 3));
            case FD_PWRITE -> fdWrite(i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4));
            case FD_WRITE -> fdWrite(i(a, 0), i(a, 1), i(a, 2), -1, i(a, 3));
            case FD_PRESTAT_GET -> fdPrestatGet(i(a, 0), i(a, 1));
            case FD_PRESTAT_DIR_NAME -> fdPrestatDirName(i(a, 0), i(a, 1), i(a, 2));
            case FD_READDIR -> fdReaddir(i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4));
            case FD_RENUMBER -> fdRenumber(i(a, 0), i(a, 1));
            case FD_SEEK -> fdSeek(i(a, 0), a[1], i(a, 2), i(a, 3));
            case FD_TELL -> fdSeek(i(a, 0), 0, WHENCE_CUR, i(a, 1));
            case PATH_CREATE_DIRECTORY -> pathCreateDirectory(i(a, 0), i(a, 1), i(a, 2));
            case PATH_FILESTAT_GET -> pathFilestatGet(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
            case PATH_FILESTAT_SET_TIMES ->
                    pathFilestatSetTimes(i(a, 0), i(a, 1), i(a, 2), i(a, 3), a[4], a[5], i(a, 6));
            case PATH_LINK -> pathLink(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5), i(a, 6));
            case PATH_OPEN -> pathOpen(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), a[5], a[6], i(a, 7), i(a, 8));
            case PATH_READLINK -> pathReadlink(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
            case PATH_REMOVE_DIRECTORY -> pathRemoveDirectory(i(a, 0), i(a, 1), i(a, 2));
            case PATH_RENAME -> pathRename(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
            case PATH_SYMLINK -> pathSymlink(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
            case PATH_UNLINK_FILE -> pathUnlinkFile(i(a, 0), i(a, 1), i(a, 2));
            case POLL_ONEOFF -> pollOneoff(i(a, 0), i(a, 1), i(a, 2), i(a, 3));
            case SCHED_YIELD -> {
                Thread.yield();
                yield Errno.SUCCESS;
            }
            case RANDOM_GET -> randomGet(i(a, 0), i(a, 1));
            // Signals have no meaning for a sandboxed guest.
            case PROC_RAISE -> Errno.NOSYS;
            // No sockets are ever handed to the guest: a closed fd is still EBADF first.
            case SOCK_ACCEPT, SOCK_RECV, SOCK_SEND, SOCK_SHUTDOWN -> {
                fds.get(i(a, 0));
                yield Errno.NOTSUP;
            }
            case PROC_EXIT -> throw new IllegalStateException("proc_exit is handled by invoke");
        };
    }

    private static int i(long[] a, int k) {
        return (int) a[k];
    }

    // ---- args / environ -------------------------------------------------------------------

    /**
     * The rights check every function makes before it does anything, as uvwasi (node) does:
     * EBADF for a descriptor that is not open, then NOTCAPABLE for one without the rights.
     */
    private void checkRights(WasiFunction f, long[] a) {
        long need = Rights.required(f);
        if (need != 0) {
            requireRights(i(a, 0), need);
        }
        switch (f) {
            case PATH_LINK -> {
                requireRights(i(a, 0), Rights.PATH_LINK_SOURCE);
                requireRights(i(a, 4), Rights.PATH_LINK_TARGET);
            }
            case PATH_RENAME -> {
                requireRights(i(a, 0), Rights.PATH_RENAME_SOURCE);
                requireRights(i(a, 3), Rights.PATH_RENAME_TARGET);
            }
            case PATH_SYMLINK -> requireRights(i(a, 2), Rights.PATH_SYMLINK);
            case PATH_OPEN -> {
                int oflags = i(a, 4);
                long base = Rights.PATH_OPEN;
                if ((oflags & O_CREAT) != 0) {
                    base |= Rights.PATH_CREATE_FILE;
                }
                if ((oflags & O_TRUNC) != 0) {
                    base |= Rights.PATH_FILESTAT_SET_SIZE;
                }
                Descriptor dir = requireRights(i(a, 0), base);
                // What the new descriptor asks for must be within what the directory hands down.
                if (((a[5] | a[6]) & ~dir.rightsInheriting()) != 0) {
                    throw new ErrnoException(Errno.NOTCAPABLE);
                }
            }
            default -> {
            }
        }
    }

    private Descriptor requireRights(int fd, long rights) {
        Descriptor d = fds.get(fd);
        if ((d.rightsBase() & rights) != rights) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        return d;
    }

    private Errno stringsGet(List<byte[]> strings, int pointersPtr, int bufPtr) {
        GuestMemory m = mem();
        m.check(pointersPtr, 4L * strings.size());
        int total = strings.stream().mapToInt(s -> s.length).sum();
        m.check(bufPtr, total);
        int at = bufPtr;
        for (int k = 0; k < strings.size(); k++) {
            m.writeI32(pointersPtr + 4 * k, at);
            m.write(at, strings.get(k));
            at += strings.get(k).length;
        }
        return Errno.SUCCESS;
    }

    private Errno stringsSizesGet(List<byte[]> strings, int countPtr, int sizePtr) {
        GuestMemory m = mem();
        m.writeI32(countPtr, strings.size());
        m.writeI32(sizePtr, strings.stream().mapToInt(s -> s.length).sum());
        return Errno.SUCCESS;
    }

    // ---- clocks, random, poll ---------------------------------------------------------------

    private Errno clockResGet(int id, int resPtr) {
        long res = switch (id) {
            case CLOCK_REALTIME -> 1_000L;
            case CLOCK_MONOTONIC -> 1L;
            case CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> CPU_CLOCK_RESOLUTION_NS;
            default -> throw new ErrnoException(Errno.INVAL);
        };
        mem().writeI64(resPtr, res);
        return Errno.SUCCESS;
    }

    private Errno clockTimeGet(int id, int timePtr) {
        mem().writeI64(timePtr, now(id));
        return Errno.SUCCESS;
    }

    /**
     * Reads clock {@code id} in nanoseconds. Both CPU-time clocks read the process's CPU
     * time: the per-thread figure needs java.management (ThreadMXBean), which this module
     * does not require; the guest runs on one thread, so the process figure bounds it.
     */
    private static long now(int id) {
        return switch (id) {
            case CLOCK_REALTIME -> {
                Instant t = Instant.now();
                yield t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            case CLOCK_MONOTONIC -> System.nanoTime();
            case CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> ProcessHandle.current().info().totalCpuDuration()
                    .orElseThrow(() -> new ErrnoException(Errno.NOTSUP))
                    .toNanos();
            default -> throw new ErrnoException(Errno.INVAL);
        };
    }

    /**
     * random_get's source, made on the first call: setting up a SecureRandom loads the security
     * providers, tens of milliseconds at start-up that most programs never need. SecureRandom is
     * thread-safe, so every instance shares it.
     */
    private static final class Entropy {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    private Errno randomGet(int bufPtr, int length) {
        GuestMemory m = mem();
        long len = Integer.toUnsignedLong(length);
        m.check(bufPtr, len);
        for (long done = 0; done < len; done += CHUNK) {
            byte[] chunk = new byte[(int) Math.min(CHUNK, len - done)];
            Entropy.SOURCE.nextBytes(chunk);
            m.write((int) (bufPtr + done), chunk);
        }
        return Errno.SUCCESS;
    }

    /**
     * Clock subscriptions sleep; fd subscriptions on regular files and the standard
     * streams report ready at once (files never block; stdin reports what it has
     * available), so a guest is never parked on a descriptor that cannot wake it.
     */
    private Errno pollOneoff(int inPtr, int outPtr, int count, int neventsPtr) throws IOException {
        GuestMemory m = mem();
        if (count == 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        long n = Integer.toUnsignedLong(count);
        m.check(inPtr, n * SUBSCRIPTION_SIZE);
        m.check(outPtr, n * EVENT_SIZE);
        m.check(neventsPtr, 4);
        List<byte[]> events = new ArrayList<>();
        long[] clockUserdata = new long[count];
        long[] clockRemaining = new long[count];
        int clocks = 0;
        for (int k = 0; k < count; k++) {
            ByteBuffer sub = ByteBuffer.wrap(m.read(inPtr + k * SUBSCRIPTION_SIZE, SUBSCRIPTION_SIZE))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long userdata = sub.getLong(0);
            int tag = sub.get(8) & 0xFF;
            switch (tag) {
                case EVENTTYPE_CLOCK -> {
                    int clockId = sub.getInt(16);
                    long timeout = sub.getLong(24);
                    int flags = sub.getShort(40) & 0xFFFF;
                    try {
                        long remaining = (flags & SUBCLOCK_ABSTIME) != 0 ? timeout - now(clockId)
                                // A relative timeout is a u64: 2^63 ns and more is forever, for our purposes.
                                : timeout < 0 ? Long.MAX_VALUE : timeout;
                        clockUserdata[clocks] = userdata;
                        clockRemaining[clocks++] = remaining;
                    } catch (ErrnoException e) {
                        events.add(event(userdata, e.errno(), EVENTTYPE_CLOCK, 0));
                    }
                }
                case EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE -> events.add(fdEvent(userdata, tag, sub.getInt(16)));
                default -> events.add(event(userdata, Errno.INVAL, tag, 0));
            }
        }
        if (events.isEmpty() && clocks > 0) {
            long soonest = Long.MAX_VALUE;
            for (int k = 0; k < clocks; k++) {
                soonest = Math.min(soonest, clockRemaining[k]);
            }
            sleepNanos(soonest);
            for (int k = 0; k < clocks; k++) {
                if (clockRemaining[k] <= soonest) {
                    events.add(event(clockUserdata[k], Errno.SUCCESS, EVENTTYPE_CLOCK, 0));
                }
            }
        } else {
            for (int k = 0; k < clocks; k++) {
                if (clockRemaining[k] <= 0) {
                    events.add(event(clockUserdata[k], Errno.SUCCESS, EVENTTYPE_CLOCK, 0));
                }
            }
        }
        for (int k = 0; k < events.size(); k++) {
            m.write(outPtr + k * EVENT_SIZE, events.get(k));
        }
        m.writeI32(neventsPtr, events.size());
        return Errno.SUCCESS;
    }

    private byte[] fdEvent(long userdata, int type, int fd) throws IOException {
        Descriptor d;
        try {
            d = fds.get(fd);
        } catch (ErrnoException e) {
            return event(userdata, Errno.BADF, type, 0);
        }
        long nbytes = switch (d) {
            case RegularFileDescriptor f when type == EVENTTYPE_FD_READ ->
                    Math.max(0, f.channel().size() - f.channel().position());
            case InputStreamDescriptor s when type == EVENTTYPE_FD_READ -> s.in().available();
            case InputStreamDescriptor s -> -1;
            case OutputStreamDescriptor s when type == EVENTTYPE_FD_READ -> -1;
            case DirectoryDescriptor dir -> -1;
            default -> 0;
        };
        return nbytes < 0 ? event(userdata, Errno.BADF, type, 0) : event(userdata, Errno.SUCCESS, type, nbytes);
    }

    private static byte[] event(long userdata, Errno error, int type, long nbytes) {
        ByteBuffer e = ByteBuffer.allocate(EVENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        e.putLong(0, userdata);
        e.putShort(8, (short) error.code());
        e.put(10, (byte) type);
        e.putLong(16, nbytes);
        return e.array();
    }

    private static void sleepNanos(long nanos) {
        // Elapsed time, not a deadline, so that a "forever" timeout cannot overflow.
        long start = System.nanoTime();
        long elapsed;
        while ((elapsed = System.nanoTime() - start) < nanos) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos - elapsed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ErrnoException(Errno.INTR);
            }
        }
    }

    // ---- descriptors -----------------------------------------------------------------------

    private Errno fdClose(int fd) throws IOException {
        fds.remove(fd).close();
        return Errno.SUCCESS;
    }

    private Errno fdRenumber(int from, int to) throws IOException {
        fds.renumber(from, to);
        return Errno.SUCCESS;
    }

    private Errno fdSync(int fd, boolean metadata) throws IOException {
        switch (fds.get(fd)) {
            case RegularFileDescriptor f -> f.channel().force(metadata);
            case OutputStreamDescriptor s -> s.out().flush();
            case InputStreamDescriptor s -> throw new ErrnoException(Errno.INVAL);
            case DirectoryDescriptor d -> { }
        }
        return Errno.SUCCESS;
    }

    private Errno fdAdvise(int fd, long offset, long len, int advice) {
        if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        return switch (fds.get(fd)) {
            // Advice is a hint; the JDK offers no posix_fadvise, and ignoring it is always correct.
            case RegularFileDescriptor f -> Errno.SUCCESS;
            case DirectoryDescriptor d -> Errno.ISDIR;
            default -> Errno.SPIPE;
        };
    }

    private Errno fdAllocate(int fd, long offset, long len) throws IOException {
        if (offset < 0 || len <= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        RegularFileDescriptor f = regularFile(fd);
        long end = offset + len;
        if (end < 0) {
            throw new ErrnoException(Errno.FBIG);
        }
        growTo(f, end);
        return Errno.SUCCESS;
    }

    private static void growTo(RegularFileDescriptor f, long size) throws IOException {
        if (f.channel().size() < size) {
            f.channel().write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    private RegularFileDescriptor regularFile(int fd) {
        return switch (fds.get(fd)) {
            case RegularFileDescriptor f -> f;
            case DirectoryDescriptor d -> throw new ErrnoException(Errno.ISDIR);
            default -> throw new ErrnoException(Errno.SPIPE);
        };
    }

    private DirectoryDescriptor directory(int fd) {
        if (fds.get(fd) instanceof DirectoryDescriptor d) {
            return d;
        }
        throw new ErrnoException(Errno.NOTDIR);
    }

    private Errno fdFdstatGet(int fd, int ptr) {
        Descriptor d = fds.get(fd);
        ByteBuffer b = ByteBuffer.allocate(FDSTAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) d.filetype().code());
        b.putShort(2, (short) d.fdflags());
        b.putLong(8, d.rightsBase());
        b.putLong(16, d.rightsInheriting());
        mem().write(ptr, b.array());
        return Errno.SUCCESS;
    }

    private Errno fdFdstatSetFlags(int fd, int flags) {
        Descriptor d = fds.get(fd);
        // dsync/rsync/sync would need O_SYNC semantics the JDK cannot switch on an open channel.
        if ((flags & ~(FDFLAG_APPEND | FDFLAG_NONBLOCK)) != 0) {
            return Errno.NOTSUP;
        }
        if (d instanceof DirectoryDescriptor && (flags & FDFLAG_APPEND) != 0) {
            return Errno.ISDIR;
        }
        d.setFdflags(flags);
        return Errno.SUCCESS;
    }

    private Errno fdFdstatSetRights(int fd, long base, long inheriting) {
        Descriptor d = fds.get(fd);
        // Rights can only be dropped, never gained.
        if ((base & ~d.rightsBase()) != 0 || (inheriting & ~d.rightsInheriting()) != 0) {
            return Errno.NOTCAPABLE;
        }
        d.setRights(base, inheriting);
        return Errno.SUCCESS;
    }

    private Errno fdFilestatGet(int fd, int ptr) throws IOException {
        FileStat stat = switch (fds.get(fd)) {
            case RegularFileDescriptor f -> {
                try {
                    FileStat s = FileStat.of(f.host(), false);
                    yield new FileStat(s.dev(), s.ino(), Filetype.REGULAR_FILE, s.nlink(), f.channel().size(),
                            s.atim(), s.mtim(), s.ctim());
                } catch (NoSuchFileException unlinked) {
                    // Unlinked while open (the temp-file idiom): the channel still knows the size.
                    yield new FileStat(0, 0, Filetype.REGULAR_FILE, 0, f.channel().size(), 0, 0, 0);
                }
            }
            case DirectoryDescriptor d -> FileStat.of(d.sandbox().hostPath(d.relative()), false);
            case InputStreamDescriptor in -> FileStat.stream(in.filetype());
            case OutputStreamDescriptor out -> FileStat.stream(out.filetype());
        };
        mem().write(ptr, stat.encode());
        return Errno.SUCCESS;
    }

    private Errno fdFilestatSetSize(int fd, long size) throws IOException {
        if (size < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        RegularFileDescriptor f = regularFile(fd);
        if (size < f.channel().size()) {
            f.channel().truncate(size);
        } else {
            growTo(f, size);
        }
        return Errno.SUCCESS;
    }

    private Errno fdFilestatSetTimes(int fd, long atim, long mtim, int fstflags) throws IOException {
        Path host = switch (fds.get(fd)) {
            case RegularFileDescriptor f -> f.host();
            case DirectoryDescriptor d -> d.sandbox().hostPath(d.relative());
            default -> throw new ErrnoException(Errno.BADF);
        };
        setTimes(host, false, atim, mtim, fstflags);
        return Errno.SUCCESS;
    }

    private static void setTimes(Path host, boolean isSymlink, long atim, long mtim, int fstflags)
            throws IOException {
        if ((fstflags & ~(FST_ATIM | FST_ATIM_NOW | FST_MTIM | FST_MTIM_NOW)) != 0
                || (fstflags & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                || (fstflags & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
            throw new ErrnoException(Errno.INVAL);
        }
        FileTime now = FileTime.from(Instant.now());
        FileTime access = (fstflags & FST_ATIM_NOW) != 0 ? now
                : (fstflags & FST_ATIM) != 0 ? FileTime.from(atim, TimeUnit.NANOSECONDS) : null;
        FileTime modified = (fstflags & FST_MTIM_NOW) != 0 ? now
                : (fstflags & FST_MTIM) != 0 ? FileTime.from(mtim, TimeUnit.NANOSECONDS) : null;
        LinkOption[] options = isSymlink ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
        Files.getFileAttributeView(host, BasicFileAttributeView.class, options).setTimes(modified, access, null);
    }

    private Errno fdPrestatGet(int fd, int ptr) {
        if (!(fds.get(fd) instanceof DirectoryDescriptor d) || d.preopenName() == null) {
            return Errno.BADF;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0); // preopentype dir
        b.putInt(4, d.preopenName().getBytes(StandardCharsets.UTF_8).length);
        mem().write(ptr, b.array());
        return Errno.SUCCESS;
    }

    private Errno fdPrestatDirName(int fd, int ptr, int len) {
        if (!(fds.get(fd) instanceof DirectoryDescriptor d) || d.preopenName() == null) {
            return Errno.BADF;
        }
        byte[] name = d.preopenName().getBytes(StandardCharsets.UTF_8);
        if (Integer.toUnsignedLong(len) < name.length) {
            return Errno.NAMETOOLONG;
        }
        mem().write(ptr, name);
        return Errno.SUCCESS;
    }

    private record Iovec(int buf, int len) {
    }

    private List<Iovec> iovecs(int iovsPtr, int count) {
        GuestMemory m = mem();
        long n = Integer.toUnsignedLong(count);
        m.check(iovsPtr, n * IOVEC_SIZE);
        List<Iovec> list = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Iovec v = new Iovec(m.readI32(iovsPtr + k * IOVEC_SIZE), m.readI32(iovsPtr + k * IOVEC_SIZE + 4));
            m.check(v.buf(), Integer.toUnsignedLong(v.len()));
            list.add(v);
        }
        return list;
    }

    /** fd_read ({@code offset < 0}) and fd_pread. */
    private Errno fdRead(int fd, int iovsPtr, int count, long offset, int nreadPtr) throws IOException {
        Descriptor d = fds.get(fd);
        List<Iovec> iovs = iovecs(iovsPtr, count);
        mem().check(nreadPtr, 4);
        long total = 0;
        boolean positional = offset >= 0;
        switch (d) {
            case RegularFileDescriptor f -> {
                FileChannel ch = f.channel();
                long pos = offset;
                outer:
                for (Iovec v : iovs) {
                    long len = Integer.toUnsignedLong(v.len());
                    for (long done = 0; done < len; ) {
                        ByteBuffer bb = ByteBuffer.allocate((int) Math.min(CHUNK, len - done));
                        int n = positional ? ch.read(bb, pos) : ch.read(bb);
                        if (n <= 0) {
                            break outer;
                        }
                        mem().write((int) (v.buf() + done), bb.array(), 0, n);
                        done += n;
                        total += n;
                        pos += n;
                        if (n < bb.capacity()) {
                            break outer;
                        }
                    }
                }
            }
            case InputStreamDescriptor s -> {
                if (positional) {
                    throw new ErrnoException(Errno.SPIPE);
                }
                // One blocking read at most: a stream read returns what is there, like read(2) on a pipe.
                for (Iovec v : iovs) {
                    int len = (int) Math.min(CHUNK, Integer.toUnsignedLong(v.len()));
                    if (len == 0) {
                        continue;
                    }
                    byte[] buf = new byte[len];
                    int n = s.in().read(buf, 0, len);
                    if (n <= 0) {
                        break;
                    }
                    mem().write(v.buf(), buf, 0, n);
                    total += n;
                    if (n < len || s.in().available() <= 0) {
                        break;
                    }
                }
            }
            case DirectoryDescriptor dir -> throw new ErrnoException(Errno.ISDIR);
            case OutputStreamDescriptor o -> throw new ErrnoException(Errno.BADF);
        }
        mem().writeI32(nreadPtr, (int) total);
        return Errno.SUCCESS;
    }

    /** fd_write ({@code offset < 0}) and fd_pwrite. */
    private Errno fdWrite(int fd, int iovsPtr, int count, long offset, int nwrittenPtr) throws IOException {
        Descriptor d = fds.get(fd);
        List<Iovec> iovs = iovecs(iovsPtr, count);
        mem().check(nwrittenPtr, 4);
        long total = 0;
        boolean positional = offset >= 0;
        switch (d) {
            case RegularFileDescriptor f -> {
                FileChannel ch = f.channel();
                long pos = positional ? offset : f.append() ? ch.size() : ch.position();
                for (Iovec v : iovs) {
                    long len = Integer.toUnsignedLong(v.len());
                    for (long done = 0; done < len; ) {
                        int step = (int) Math.min(CHUNK, len - done);
                        ByteBuffer bb = ByteBuffer.wrap(mem().read((int) (v.buf() + done), step));
                        while (bb.hasRemaining()) {
                            pos += ch.write(bb, pos);
                        }
                        done += step;
                        total += step;
                    }
                }
                if (!positional) {
                    ch.position(pos);
                }
            }
            case OutputStreamDescriptor s -> {
                if (positional) {
                    throw new ErrnoException(Errno.SPIPE);
                }
                for (Iovec v : iovs) {
                    long len = Integer.toUnsignedLong(v.len());
                    for (long done = 0; done < len; ) {
                        int step = (int) Math.min(CHUNK, len - done);
                        s.out().write(mem().read((int) (v.buf() + done), step));
                        done += step;
                        total += step;
                    }
                }
                s.out().flush();
            }
            case DirectoryDescriptor dir -> throw new ErrnoException(Errno.ISDIR);
            case InputStreamDescriptor i -> throw new ErrnoException(Errno.BADF);
        }
        mem().writeI32(nwrittenPtr, (int) total);
        return Errno.SUCCESS;
    }

    private Errno fdSeek(int fd, long offset, int whence, int newOffsetPtr) throws IOException {
        Descriptor d = fds.get(fd);
        FileChannel ch = switch (d) {
            case RegularFileDescriptor f -> f.channel();
            case DirectoryDescriptor dir -> throw new ErrnoException(Errno.BADF);
            default -> throw new ErrnoException(Errno.SPIPE);
        };
        mem().check(newOffsetPtr, 8);
        long base = switch (whence) {
            case WHENCE_SET -> 0;
            case WHENCE_CUR -> ch.position();
            case WHENCE_END -> ch.size();
            default -> throw new ErrnoException(Errno.INVAL);
        };
        long target = base + offset;
        if (target < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        ch.position(target);
        mem().writeI64(newOffsetPtr, target);
        return Errno.SUCCESS;
    }

    /**
     * Writes dirents from {@code cookie} on: each a 24-byte header (d_next, d_ino,
     * d_namlen, d_type) followed by the name, the last one cut off at the buffer's end.
     * A full buffer tells the caller to come back with the cookie of the last whole entry.
     */
    private Errno fdReaddir(int fd, int bufPtr, int bufLen, long cookie, int bufUsedPtr) throws IOException {
        Descriptor d = fds.get(fd);
        if (!(d instanceof DirectoryDescriptor dir)) {
            return Errno.NOTDIR;
        }
        GuestMemory m = mem();
        long capacity = Integer.toUnsignedLong(bufLen);
        m.check(bufPtr, capacity);
        m.check(bufUsedPtr, 4);
        if (cookie == 0 || dir.listing() == null) {
            dir.setListing(list(dir));
        }
        List<DirectoryEntry> entries = dir.listing();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A cookie is a u64: one at or above 2^63 (negative here) is past any listing.
        for (long k = cookie; k >= 0 && k < entries.size() && out.size() < capacity; k++) {
            DirectoryEntry e = entries.get((int) k);
            ByteBuffer header = ByteBuffer.allocate(DIRENT_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(0, k + 1);
            header.putLong(8, e.inode());
            header.putInt(16, e.name().length);
            header.put(20, (byte) e.type().code());
            out.write(header.array());
            out.write(e.name());
        }
        byte[] bytes = out.toByteArray();
        int used = (int) Math.min(capacity, bytes.length);
        m.write(bufPtr, bytes, 0, used);
        m.writeI32(bufUsedPtr, used);
        return Errno.SUCCESS;
    }

    /** "." and "..", then the entries sorted by name, so cookies and output are deterministic. */
    private static List<DirectoryEntry> list(DirectoryDescriptor dir) throws IOException {
        Path host = dir.sandbox().hostPath(dir.relative());
        List<DirectoryEntry> entries = new ArrayList<>();
        entries.add(new DirectoryEntry(new byte[] {'.'}, FileStat.inode(host), Filetype.DIRECTORY));
        // At the sandbox root ".." is the root itself: the guest cannot go higher.
        Path parent = dir.relative().isEmpty() ? host : host.getParent();
        entries.add(new DirectoryEntry(new byte[] {'.', '.'}, FileStat.inode(parent), Filetype.DIRECTORY));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(host)) {
            stream.forEach(children::add);
        }
        children.sort((x, y) -> Arrays.compareUnsigned(nameBytes(x), nameBytes(y)));
        for (Path child : children) {
            BasicFileAttributes a = Sandbox.attributesOrNull(child);
            Filetype type = a == null ? Filetype.UNKNOWN : FileStat.filetype(a);
            entries.add(new DirectoryEntry(nameBytes(child), FileStat.inode(child), type));
        }
        return List.copyOf(entries);
    }

    private static byte[] nameBytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- paths -------------------------------------------------------------------------------

    private ResolvedPath resolve(int dirFd, int pathPtr, int pathLen, boolean follow) {
        DirectoryDescriptor dir = directory(dirFd);
        String path = mem().readString(pathPtr, pathLen);
        return dir.sandbox().resolve(dir.relative(), path, follow, pins);
    }

    private Errno pathOpen(int dirFd, int lookupFlags, int pathPtr, int pathLen, int oflags, long rightsBase,
            long rightsInheriting, int fdflags, int fdPtr) throws IOException {
        if ((oflags & ~(O_CREAT | O_DIRECTORY | O_EXCL | O_TRUNC)) != 0) {
            return Errno.INVAL;
        }
        boolean create = (oflags & O_CREAT) != 0;
        boolean exclusive = (oflags & O_EXCL) != 0;
        boolean truncate = (oflags & O_TRUNC) != 0;
        boolean wantDirectory = (oflags & O_DIRECTORY) != 0;
        if (create && wantDirectory) {
            // open(2) on Linux, and so node: O_CREAT with O_DIRECTORY is EINVAL whatever the path is.
            return Errno.INVAL;
        }
        // O_CREAT|O_EXCL never follows a final symlink (POSIX), so it cannot create through one.
        boolean follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0 && !(create && exclusive);
        mem().check(fdPtr, 4);
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, follow);
        boolean write = (rightsBase & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) != 0
                || truncate || (fdflags & FDFLAG_APPEND) != 0;
        Descriptor opened;
        if (r.exists()) {
            if (create && exclusive) {
                return Errno.EXIST;
            }
            if (r.isSymbolicLink()) {
                // The final symlink was not to be followed: O_NOFOLLOW's answer.
                return wantDirectory ? Errno.NOTDIR : Errno.LOOP;
            }
            if (r.isDirectory()) {
                // As open(2) (and so node) answers: a directory cannot be opened for writing
                // (write rights ask for O_WRONLY or O_RDWR), truncated, or created.
                if (create || truncate || (fdflags & FDFLAG_APPEND) != 0 || (rightsBase & Rights.WRITING) != 0) {
                    return Errno.ISDIR;
                }
                opened = new DirectoryDescriptor(r.sandbox(), r.relative(), null, rightsBase & Rights.DIRECTORY_BASE,
                        rightsInheriting & Rights.DIRECTORY_INHERITING);
            } else {
                if (wantDirectory) {
                    return Errno.NOTDIR;
                }
                boolean writeRequired = truncate || (fdflags & FDFLAG_APPEND) != 0;
                opened = openFile(r.host(), r.logicalHost(), write, writeRequired, false, truncate, rightsBase,
                        rightsInheriting,
                        fdflags);
            }
        } else {
            if (!create) {
                return Errno.NOENT;
            }
            if (wantDirectory) {
                return Errno.INVAL;
            }
            if (r.trailingSlash() || r.endsInDotOrDotDot()) {
                return Errno.ISDIR;
            }
            opened = openFile(r.host(), r.logicalHost(), true, true, true, false, rightsBase, rightsInheriting,
                    fdflags);
        }
        int fd;
        try {
            fd = fds.insert(opened);
        } catch (ErrnoException e) {
            opened.close();
            throw e;
        }
        mem().writeI32(fdPtr, fd);
        return Errno.SUCCESS;
    }

    /**
     * Opens a resolved regular file. {@code write} comes from the rights and flags; when it
     * came from rights alone ({@code !writeRequired}) and the host refuses writing, the file
     * is opened read-only instead, without the write rights (a later write is NOTCAPABLE).
     * The descriptor holds the rights asked for within what a regular file opened in that
     * mode allows.
     */
    private static RegularFileDescriptor openFile(Path host, Path logicalHost, boolean write, boolean writeRequired,
            boolean createNew, boolean truncate, long rightsBase, long rightsInheriting, int fdflags)
            throws IOException {
        Set<OpenOption> options = new HashSet<>();
        // The path is already fully resolved inside the sandbox: the host must not follow anything more.
        options.add(LinkOption.NOFOLLOW_LINKS);
        options.add(StandardOpenOption.READ);
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        if (createNew) {
            options.add(StandardOpenOption.CREATE_NEW);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(host, options);
        } catch (AccessDeniedException e) {
            if (!write) {
                throw e;
            }
            if (!writeRequired) {
                options.remove(StandardOpenOption.WRITE);
            } else {
                // A write-only file: open it without READ, as O_WRONLY would.
                options.remove(StandardOpenOption.READ);
            }
            channel = FileChannel.open(host, options);
        }
        long base = Rights.forMode(rightsBase & Rights.REGULAR_FILE_BASE, options.contains(StandardOpenOption.READ),
                options.contains(StandardOpenOption.WRITE));
        return new RegularFileDescriptor(channel, logicalHost, base, rightsInheriting & Rights.REGULAR_FILE_INHERITING,
                fdflags & FDFLAG_APPEND);
    }

    private Errno pathFilestatGet(int dirFd, int lookupFlags, int pathPtr, int pathLen, int bufPtr)
            throws IOException {
        mem().check(bufPtr, FileStat.SIZE);
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        mem().write(bufPtr, FileStat.of(r.host(), false).encode());
        return Errno.SUCCESS;
    }

    private Errno pathFilestatSetTimes(int dirFd, int lookupFlags, int pathPtr, int pathLen, long atim, long mtim,
            int fstflags) throws IOException {
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        setTimes(r.host(), r.isSymbolicLink(), atim, mtim, fstflags);
        return Errno.SUCCESS;
    }

    private Errno pathCreateDirectory(int dirFd, int pathPtr, int pathLen) throws IOException {
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, false);
        if (r.exists()) {
            return Errno.EXIST;
        }
        Files.createDirectory(r.host());
        return Errno.SUCCESS;
    }

    private Errno pathRemoveDirectory(int dirFd, int pathPtr, int pathLen) throws IOException {
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        // rmdir("x/.") and rmdir("x/..") are EINVAL in POSIX; the root itself is busy.
        if (r.endsInDotOrDotDot()) {
            return Errno.INVAL;
        }
        if (r.isRoot()) {
            return Errno.BUSY;
        }
        if (!r.isDirectory()) {
            return Errno.NOTDIR;
        }
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    private Errno pathUnlinkFile(int dirFd, int pathPtr, int pathLen) throws IOException {
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (r.isDirectory()) {
            return Errno.ISDIR;
        }
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    private Errno pathRename(int oldFd, int oldPtr, int oldLen, int newFd, int newPtr, int newLen)
            throws IOException {
        ResolvedPath from = resolve(oldFd, oldPtr, oldLen, false);
        ResolvedPath to = resolve(newFd, newPtr, newLen, false);
        if (!from.exists()) {
            return Errno.NOENT;
        }
        if (from.isRoot() || to.isRoot()) {
            return Errno.BUSY;
        }
        if (from.endsInDotOrDotDot() || to.endsInDotOrDotDot()) {
            return Errno.INVAL;
        }
        if (to.exists()) {
            if (from.isDirectory() && !to.isDirectory()) {
                return Errno.NOTDIR;
            }
            if (!from.isDirectory() && to.isDirectory()) {
                return Errno.ISDIR;
            }
        }
        if (from.isDirectory() && to.logicalHost().startsWith(from.logicalHost())
                && !to.logicalHost().equals(from.logicalHost())) {
            return Errno.INVAL;
        }
        // ATOMIC_MOVE is rename(2) itself: it replaces an existing target with POSIX semantics.
        Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE);
        return Errno.SUCCESS;
    }

    private Errno pathReadlink(int dirFd, int pathPtr, int pathLen, int bufPtr, int bufLen, int bufUsedPtr)
            throws IOException {
        GuestMemory m = mem();
        long capacity = Integer.toUnsignedLong(bufLen);
        m.check(bufPtr, capacity);
        m.check(bufUsedPtr, 4);
        ResolvedPath r = resolve(dirFd, pathPtr, pathLen, false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (!r.isSymbolicLink()) {
            return Errno.INVAL;
        }
        byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
        int used = (int) Math.min(capacity, target.length);
        m.write(bufPtr, target, 0, used);
        m.writeI32(bufUsedPtr, used);
        return Errno.SUCCESS;
    }

    private Errno pathSymlink(int targetPtr, int targetLen, int dirFd, int pathPtr, int pathLen)
            throws IOException {
        String target = mem().readString(targetPtr, targetLen);
        ResolvedPath link = resolve(dirFd, pathPtr, pathLen, false);
        if (link.exists()) {
            return Errno.EXIST;
        }
        link.sandbox().checkSymlinkTarget(link.parentRelative(), target);
        Files.createSymbolicLink(link.host(), Path.of(target));
        return Errno.SUCCESS;
    }

    private Errno pathLink(int oldFd, int oldFlags, int oldPtr, int oldLen, int newFd, int newPtr, int newLen)
            throws IOException {
        ResolvedPath from = resolve(oldFd, oldPtr, oldLen, (oldFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
        ResolvedPath to = resolve(newFd, newPtr, newLen, false);
        if (!from.exists()) {
            return Errno.NOENT;
        }
        if (from.isDirectory()) {
            return Errno.PERM;
        }
        if (to.exists()) {
            return Errno.EXIST;
        }
        Files.createLink(to.host(), from.host());
        return Errno.SUCCESS;
    }

    /** The descriptors currently open, for diagnostics and tests. */
    public Map<Integer, Filetype> openDescriptors() {
        Map<Integer, Filetype> view = new TreeMap<>();
        for (Map.Entry<Integer, Descriptor> e : fds.entries()) {
            view.put(e.getKey(), e.getValue().filetype());
        }
        return view;
    }
}
