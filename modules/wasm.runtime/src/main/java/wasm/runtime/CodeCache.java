package wasm.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import wasm.core.model.Module;
import wasm.runtime.internal.jit.CodeCacheFormat;

/**
 * The automatic code cache of {@code wasmoon run}: one {@code .cwasm} file per module, named by a
 * hash of the module's bytes, the cache format, the compiler build, the CPU target and the
 * optimisation level, in a directory of the user's ({@link #defaultDirectory}). A run loads the
 * file instead of compiling and, when it compiled more functions (lazily), writes the file anew.
 * A file that fails a check (truncated, corrupt, stale, foreign CPU) is reported through the
 * warning sink, deleted and recompiled, never executed. When the directory outgrows its size limit,
 * the least recently used files go first.
 *
 * <p>Files are written to a temporary name and renamed, so a reader never sees half a file.
 */
public final class CodeCache {
    /** The environment variable naming the cache directory (tests point it at a temporary one). */
    public static final String DIRECTORY_VARIABLE = "WASMOON_CACHE_DIR";
    /** The system property naming the cache directory; it wins over {@value #DIRECTORY_VARIABLE}. */
    public static final String DIRECTORY_PROPERTY = "wasmoon.cache.dir";
    /** Default size limit: 512 MiB. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    private static final String SUFFIX = ".cwasm";
    /** Reads and writes go in chunks of this size (see {@link #writeTemporaryFile}). */
    private static final int IO_CHUNK = 256 << 10;
    private static final Set<StandardOpenOption> NEW_FILE = EnumSet.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    /** Cache files hold code a later run executes: only their owner may write (or read) them. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE));

    private final Path directory;
    private final long maxBytes;
    private final Consumer<String> warnings;

    private CodeCache(Path directory, long maxBytes, Consumer<String> warnings) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.warnings = warnings;
    }

    /**
     * A cache in {@code directory} (created on first write) of at most {@code maxBytes}.
     *
     * @param directory where the files go
     * @param maxBytes the most bytes the files may take together; the least recently used go first
     * @param warnings receives a message for every file refused or I/O failure (the cache never throws on them)
     * @return the cache
     * @throws IllegalArgumentException when {@code maxBytes} is not positive
     */
    public static CodeCache at(Path directory, long maxBytes, Consumer<String> warnings) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache size limit must be positive: " + maxBytes);
        }
        return new CodeCache(Objects.requireNonNull(directory, "directory"), maxBytes,
                Objects.requireNonNull(warnings, "warnings"));
    }

    /**
     * The user's cache directory: the system property {@value #DIRECTORY_PROPERTY}, else the
     * environment variable {@value #DIRECTORY_VARIABLE}, else {@code $XDG_CACHE_HOME/wasmoon},
     * else {@code ~/.cache/wasmoon}.
     *
     * @param env the environment to read ({@code System.getenv()}, or a map in tests)
     * @return the directory, which may not exist yet
     */
    public static Path defaultDirectory(Map<String, String> env) {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = env.get(DIRECTORY_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "wasmoon");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "wasmoon");
    }

    /**
     * The directory the cache files are in.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The file that holds (or would hold) the code of these module bytes at {@code optLevel}.
     *
     * @param wasmBytes the module binary; its hash names the file
     * @param optLevel the optimisation level of the code
     * @return the path, which may not exist
     */
    public Path fileFor(byte[] wasmBytes, int optLevel) {
        return directory.resolve(CodeCacheFormat.cacheKey(CodeCacheFormat.moduleHash(wasmBytes), optLevel) + SUFFIX);
    }

    /**
     * The cached code of {@code validModule} (decoded from {@code wasmBytes}), or null when there is
     * none or the file was refused (then a warning says why and the file is deleted).
     *
     * @param validModule the decoded, validated module
     * @param wasmBytes its binary
     * @param optLevel the optimisation level the code must have
     * @return the code, or null
     */
    public PrecompiledModule load(Module validModule, byte[] wasmBytes, int optLevel) {
        Path file = fileFor(wasmBytes, optLevel);
        byte[] bytes;
        try {
            bytes = readFile(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnings.accept("cannot read the code cache file " + file + ": " + e.getMessage() + "; compiling");
            return null;
        }
        try {
            PrecompiledModule m = PrecompiledModule.deserializeFor(bytes, validModule, wasmBytes, optLevel);
            touch(file);
            return m;
        } catch (CodeCacheException e) {
            warnings.accept("code cache file " + file + " refused (" + e.getMessage() + "); recompiling");
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next write replaces it anyway
            }
            return null;
        }
    }

    /**
     * The whole file, read in chunks of {@value #IO_CHUNK} bytes straight into one array of its
     * size: {@link Files#readAllBytes} reads through a native buffer of the file's size, a fresh
     * one of megabytes for a large program's code (as writing does, below).
     */
    private static byte[] readFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("a code cache file of " + size + " bytes");
            }
            byte[] bytes = new byte[(int) size];
            for (int at = 0; at < bytes.length; ) {
                int n = ch.read(ByteBuffer.wrap(bytes, at, Math.min(IO_CHUNK, bytes.length - at)));
                if (n < 0) {
                    // shrunk while read: what is there fails the length check as truncated
                    return Arrays.copyOf(bytes, at);
                }
                at += n;
            }
            return bytes;
        }
    }

    /**
     * Keeps {@code code} unless the cache already holds as much: a write happens when the file is
     * missing or has fewer compiled functions, fewer optimized ones, or fewer marked hot (a run
     * asked for their optimizing compile, which the next run then asks for at once). Failures are
     * warnings, never errors.
     *
     * @param code the code to keep
     * @param loaded what {@link #load} answered for the same module, or null
     */
    public void store(PrecompiledModule code, PrecompiledModule loaded) {
        if (loaded != null && loaded.compiledFunctions() >= code.compiledFunctions()
                && loaded.compiled().optimizedCount() >= code.compiled().optimizedCount()
                && loaded.compiled().hotCount() >= code.compiled().hotCount()) {
            return; // nothing new: neither more functions with code, nor more optimized, nor more hot ones
        }
        if (code.compiledFunctions() == 0) {
            return;
        }
        Path file = fileFor(code.wasmBytes(), code.optLevel());
        try {
            Files.createDirectories(directory);
            Path tmp = writeTemporaryFile(code.serialize());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            evict(file);
        } catch (IOException e) {
            warnings.accept("cannot write the code cache file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code bytes} to a new file of the cache directory, readable and writable by its owner
     * only, to be renamed into place. Not {@link Files#createTempFile}: its random name costs a
     * {@code SecureRandom}, whose set-up took 8-9 ms of a first run's exit here. Uniqueness needs no
     * randomness: the name holds the process and a clock reading, and creating it fails rather than
     * reuse a file that exists (another writer's, or a leftover of a killed one), in which case the
     * next reading is tried. Written in chunks of {@value #IO_CHUNK} bytes: the JDK copies a heap
     * array through a native buffer of the write's size, and for sqlite_bench's 4.6 MB file one
     * write took 20 ms (a fresh 4.6 MB buffer), {@link Files#write}'s 8 KB chunks 8 ms, and 256 KB
     * chunks 4 ms.
     */
    private Path writeTemporaryFile(byte[] bytes) throws IOException {
        String prefix = "write-" + ProcessHandle.current().pid() + "-";
        for (int attempt = 0; ; attempt++) {
            Path tmp = directory.resolve(prefix + Long.toHexString(System.nanoTime()) + ".tmp");
            FileChannel ch;
            try {
                ch = FileChannel.open(tmp, NEW_FILE, OWNER_ONLY);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
                continue;
            }
            try (ch) {
                for (int at = 0; at < bytes.length; at += IO_CHUNK) {
                    ByteBuffer b = ByteBuffer.wrap(bytes, at, Math.min(IO_CHUNK, bytes.length - at));
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return tmp;
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // only the eviction order suffers
        }
    }

    /**
     * Deletes the least recently used files until the directory fits, never {@code keep}. The
     * files are only sorted when they do not fit (the common case is a sum and no more).
     */
    private void evict(Path keep) throws IOException {
        record Entry(Path path, long size, FileTime used) {
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path p : files) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException goneMeanwhile) {
                    continue; // another process's eviction
                }
                entries.add(new Entry(p, a.size(), a.lastModifiedTime()));
                total += a.size();
            }
        }
        if (total <= maxBytes) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (!e.path().equals(keep)) {
                Files.deleteIfExists(e.path());
                total -= e.size();
            }
        }
    }
}
