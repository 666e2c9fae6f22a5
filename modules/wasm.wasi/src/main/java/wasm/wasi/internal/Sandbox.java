package wasm.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One preopened directory: the only part of the host file system a guest
 * reaches through it.
 *
 * <p>Paths are resolved the way {@code openat2(RESOLVE_BENEATH)} does it, one
 * component at a time, on a stack of real (symlink-free) components below the
 * root: {@code ..} pops the stack (so it is lexical on an already real path),
 * and every symlink met on the way is read and its target spliced in front of
 * the remaining components, instead of letting the host follow it. Anything
 * that would leave the root answers {@link Errno#NOTCAPABLE} (76), the
 * preview1 errno for "the capability does not reach there": absolute guest
 * paths, {@code ..} above the root, and symlinks with absolute targets. As a
 * second line of defence the final path's real parent is checked to lie under
 * the root. Races between resolution and use (another process, or another
 * guest sharing the directory, swapping a directory for a symlink to the
 * outside) are closed by {@link PinnedDirectories}: the directory holding the
 * final entry is pinned with {@code openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS)} from the root's own descriptor, and the operation goes
 * through that descriptor.
 */
public final class Sandbox implements AutoCloseable {
    /** Linux's MAXSYMLINKS: a longer chain is ELOOP. */
    private static final int MAX_SYMLINK_EXPANSIONS = 40;

    private final Path root;
    /** An O_PATH descriptor of the root: what pinned paths are resolved beneath. */
    private final int rootFd;

    public Sandbox(Path hostDirectory) throws IOException {
        this.root = hostDirectory.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(hostDirectory.toString(), null, "not a directory");
        }
        this.rootFd = PinnedDirectories.openRoot(root);
    }

    /** Closes the root's descriptor. */
    @Override
    public void close() {
        PinnedDirectories.closeFd(rootFd);
    }

    public Path root() {
        return root;
    }

    public Path hostPath(List<String> relative) {
        Path p = root;
        for (String c : relative) {
            p = p.resolve(c);
        }
        return p;
    }

    /**
     * Resolves {@code guestPath} relative to the directory {@code base} (real components
     * below the root). {@code followFinal} says whether a final symlink is followed; a
     * trailing slash always follows it and requires a directory.
     */
    public ResolvedPath resolve(List<String> base, String guestPath, boolean followFinal, PinnedDirectories pins) {
        if (guestPath.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (guestPath.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        if (guestPath.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        boolean mustBeDirectory = guestPath.endsWith("/");
        Deque<String> pending = new ArrayDeque<>(components(guestPath));
        List<String> stack = new ArrayList<>(base);
        int expansions = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            boolean last = pending.isEmpty();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw new ErrnoException(Errno.NOTCAPABLE);
                }
                stack.removeLast();
                continue;
            }
            Path candidate = hostPath(stack).resolve(checkedName(c));
            BasicFileAttributes a = attributesOrNull(candidate);
            if (a != null && a.isSymbolicLink() && (!last || followFinal || mustBeDirectory)) {
                if (++expansions > MAX_SYMLINK_EXPANSIONS) {
                    throw new ErrnoException(Errno.LOOP);
                }
                String target = readLink(candidate);
                if (target.isEmpty()) {
                    throw new ErrnoException(Errno.NOENT);
                }
                if (target.startsWith("/")) {
                    throw new ErrnoException(Errno.NOTCAPABLE);
                }
                if (last && target.endsWith("/")) {
                    mustBeDirectory = true;
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                continue;
            }
            if (a == null && !last) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (a != null && !last && !a.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            stack.add(c);
        }
        Path logical = hostPath(stack);
        // The directory holding the final entry is pinned: from here on, nothing can redirect it.
        Path host = stack.size() <= 1 ? logical : pins.entry(rootFd, stack.subList(0, stack.size() - 1), stack.getLast());
        BasicFileAttributes attributes = attributesOrNull(host);
        if (mustBeDirectory && attributes != null && !attributes.isDirectory()) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        verifyInside(stack.isEmpty() || (attributes != null && !attributes.isSymbolicLink())
                ? host : host.getParent());
        return new ResolvedPath(this, stack, host, logical, attributes, lastGuestComponent(guestPath),
                mustBeDirectory);
    }

    /**
     * Refuses to create a symlink at {@code linkParent/...} whose target would leave
     * the root: absolute targets, or relative ones whose {@code ..} climb above the
     * root (counted lexically from the link's directory, which is real).
     */
    public void checkSymlinkTarget(List<String> linkParent, String target) {
        if (target.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (target.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        if (target.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        int depth = linkParent.size();
        for (String c : components(target)) {
            switch (c) {
                case "." -> { }
                case ".." -> {
                    if (depth == 0) {
                        throw new ErrnoException(Errno.NOTCAPABLE);
                    }
                    depth--;
                }
                default -> depth++;
            }
        }
    }

    /** Second line of defence: the real path of an existing entry must lie under the root. */
    private void verifyInside(Path existing) {
        try {
            if (!existing.toRealPath().startsWith(root)) {
                throw new ErrnoException(Errno.NOTCAPABLE);
            }
        } catch (IOException e) {
            throw new ErrnoException(HostErrors.errno(e));
        }
    }

    private static String checkedName(String component) {
        try {
            Path.of(component);
        } catch (InvalidPathException e) {
            throw new ErrnoException(Errno.INVAL);
        }
        return component;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new ErrnoException(HostErrors.errno(e));
        }
    }

    static BasicFileAttributes attributesOrNull(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ErrnoException(HostErrors.errno(e));
        }
    }

    static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                parts.add(c);
            }
        }
        return parts;
    }

    private static String lastGuestComponent(String guestPath) {
        List<String> parts = components(guestPath);
        return parts.isEmpty() ? "." : parts.getLast();
    }
}
