package wasm.wasi.internal;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where a guest path lands inside a {@link Sandbox}.
 *
 * @param relative   the real components below the sandbox root (symlinks already resolved,
 *                   except the final one when it was not followed)
 * @param host       where the operation goes: the final entry inside its pinned directory
 *                   ({@code /proc/self/fd/N/NAME}, see {@link PinnedDirectories}), valid
 *                   until the current guest call returns
 * @param logicalHost the host path {@code root/relative...}, to keep or compare
 * @param attributes the final entry's attributes, not following a symlink; null if it does not exist
 * @param guestLast  the last component as the guest wrote it ("." and ".." matter to rmdir/unlink/rename)
 * @param trailingSlash the guest path ended in "/" (it names a directory)
 */
public record ResolvedPath(Sandbox sandbox, List<String> relative, Path host, Path logicalHost,
        BasicFileAttributes attributes,
        String guestLast, boolean trailingSlash) {

    public ResolvedPath {
        relative = List.copyOf(relative);
    }

    public boolean exists() {
        return attributes != null;
    }

    public boolean isDirectory() {
        return attributes != null && attributes.isDirectory();
    }

    public boolean isSymbolicLink() {
        return attributes != null && attributes.isSymbolicLink();
    }

    /** The sandbox root itself: never removed or renamed. */
    public boolean isRoot() {
        return relative.isEmpty();
    }

    public boolean endsInDotOrDotDot() {
        return guestLast.equals(".") || guestLast.equals("..");
    }

    /** The components of the directory that holds the final entry. */
    public List<String> parentRelative() {
        return relative.isEmpty() ? relative : relative.subList(0, relative.size() - 1);
    }
}
