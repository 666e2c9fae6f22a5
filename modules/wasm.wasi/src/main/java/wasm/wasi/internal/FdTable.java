package wasm.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The guest's descriptor table; new descriptors take the lowest free number, as POSIX does. */
public final class FdTable {
    /** Keeps a runaway guest from exhausting host file handles. */
    private static final int MAX_OPEN = 1024;

    private final TreeMap<Integer, Descriptor> open = new TreeMap<>();

    public Descriptor get(int fd) {
        Descriptor d = open.get(fd);
        if (d == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return d;
    }

    public int insert(Descriptor d) {
        if (open.size() >= MAX_OPEN) {
            throw new ErrnoException(Errno.MFILE);
        }
        int fd = 0;
        for (int used : open.keySet()) {
            if (used != fd) {
                break;
            }
            fd++;
        }
        open.put(fd, d);
        return fd;
    }

    public Descriptor remove(int fd) {
        Descriptor d = open.remove(fd);
        if (d == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return d;
    }

    /** Moves {@code from} onto {@code to}, closing what {@code to} held. Both must be open. */
    public void renumber(int from, int to) throws IOException {
        Descriptor source = get(from);
        Descriptor target = get(to);
        if (from == to) {
            return;
        }
        open.remove(from);
        open.put(to, source);
        target.close();
    }

    public List<Map.Entry<Integer, Descriptor>> entries() {
        return new ArrayList<>(open.entrySet());
    }

    /** Closes everything (the embedder is done with the guest). */
    public void closeAll() {
        for (Descriptor d : open.values()) {
            try {
                d.close();
            } catch (IOException e) {
                // Closing is best effort at teardown: nothing left to report it to.
            }
        }
        open.clear();
    }
}
