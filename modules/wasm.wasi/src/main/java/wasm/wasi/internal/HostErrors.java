package wasm.wasi.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Maps host I/O failures to the errno a POSIX host would have reported. */
public final class HostErrors {
    private HostErrors() {
    }

    public static Errno errno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.NOENT;
            case FileAlreadyExistsException x -> Errno.EXIST;
            case DirectoryNotEmptyException x -> Errno.NOTEMPTY;
            case NotDirectoryException x -> Errno.NOTDIR;
            case AccessDeniedException x -> Errno.ACCES;
            case NotLinkException x -> Errno.INVAL;
            case FileSystemLoopException x -> Errno.LOOP;
            case ClosedChannelException x -> Errno.BADF;
            case FileSystemException x -> fromReason(x.getReason());
            default -> Errno.IO;
        };
    }

    /**
     * The JDK reports most errnos only as strerror text in
     * {@link FileSystemException#getReason()}; these are glibc's strings.
     */
    private static Errno fromReason(String reason) {
        if (reason == null) {
            return Errno.IO;
        }
        return switch (reason) {
            case "Is a directory" -> Errno.ISDIR;
            case "Not a directory" -> Errno.NOTDIR;
            case "Directory not empty" -> Errno.NOTEMPTY;
            case "Invalid cross-device link" -> Errno.XDEV;
            case "File name too long" -> Errno.NAMETOOLONG;
            case "No space left on device" -> Errno.NOSPC;
            case "Read-only file system" -> Errno.ROFS;
            case "Operation not permitted" -> Errno.PERM;
            case "Permission denied" -> Errno.ACCES;
            case "Device or resource busy" -> Errno.BUSY;
            case "Invalid argument" -> Errno.INVAL;
            case "File exists" -> Errno.EXIST;
            case "No such file or directory" -> Errno.NOENT;
            case "File too large" -> Errno.FBIG;
            case "Bad file descriptor" -> Errno.BADF;
            default -> reason.startsWith("Too many levels of symbolic links") ? Errno.LOOP : Errno.IO;
        };
    }
}
