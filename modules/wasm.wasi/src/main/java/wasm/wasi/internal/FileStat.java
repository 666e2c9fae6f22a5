package wasm.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** WASI preview1 {@code filestat} (64 bytes: dev, ino, filetype, nlink, size, atim, mtim, ctim). */
public record FileStat(long dev, long ino, Filetype filetype, long nlink, long size, long atim, long mtim,
        long ctim) {

    public static final int SIZE = 64;

    /** What a standard stream reports: its type, no identity, size or times. */
    public static FileStat stream(Filetype type) {
        return new FileStat(0, 0, type, 1, 0, 0, 0, 0);
    }

    public static FileStat of(Path p, boolean followSymlinks) throws IOException {
        LinkOption[] options = followSymlinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes basic = Files.readAttributes(p, BasicFileAttributes.class, options);
        long dev = 0;
        long ino = 0;
        long nlink = 1;
        long ctim = nanos(basic.lastModifiedTime());
        Filetype type = filetype(basic);
        try {
            Map<String, Object> unix = Files.readAttributes(p, "unix:dev,ino,nlink,ctime,mode", options);
            dev = ((Number) unix.get("dev")).longValue();
            ino = ((Number) unix.get("ino")).longValue();
            nlink = ((Number) unix.get("nlink")).longValue();
            ctim = nanos((FileTime) unix.get("ctime"));
            if (type == Filetype.UNKNOWN) {
                type = filetypeOfMode(((Number) unix.get("mode")).intValue());
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // Not a POSIX file system: identity fields stay 0, as WASI allows.
        }
        return new FileStat(dev, ino, type, nlink, basic.size(), nanos(basic.lastAccessTime()),
                nanos(basic.lastModifiedTime()), ctim);
    }

    /** The inode of {@code p} (not following a final symlink), 0 when the host has none. */
    public static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    public static Filetype filetype(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return Filetype.SYMBOLIC_LINK;
        }
        if (a.isDirectory()) {
            return Filetype.DIRECTORY;
        }
        if (a.isRegularFile()) {
            return Filetype.REGULAR_FILE;
        }
        return Filetype.UNKNOWN;
    }

    private static Filetype filetypeOfMode(int mode) {
        return switch (mode & 0170000) {
            case 0140000 -> Filetype.SOCKET_STREAM;
            case 0060000 -> Filetype.BLOCK_DEVICE;
            case 0020000 -> Filetype.CHARACTER_DEVICE;
            default -> Filetype.UNKNOWN;
        };
    }

    private static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev);
        b.putLong(8, ino);
        b.put(16, (byte) filetype.code());
        b.putLong(24, nlink);
        b.putLong(32, size);
        b.putLong(40, atim);
        b.putLong(48, mtim);
        b.putLong(56, ctim);
        return b.array();
    }
}
