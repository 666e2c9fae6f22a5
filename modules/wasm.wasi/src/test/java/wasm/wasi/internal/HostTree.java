package wasm.wasi.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A snapshot of a host directory tree (names, kinds, contents, link targets, mtimes) to prove nothing changed. */
final class HostTree {
    private HostTree() {
    }

    static Map<String, String> snapshot(Path root) {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = root.relativize(p).toString();
                String mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    tree.put(key, "dir " + mtime);
                } else {
                    tree.put(key, "file " + mtime + " " + Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }
}
