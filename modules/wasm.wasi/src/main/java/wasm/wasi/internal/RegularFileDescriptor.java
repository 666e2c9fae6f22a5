package wasm.wasi.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** An open regular file inside a sandbox. */
public final class RegularFileDescriptor extends Descriptor {
    /** fdflags.append: every write goes to the end of the file. */
    public static final int APPEND = 1;

    private final FileChannel channel;
    private final Path host;

    public RegularFileDescriptor(FileChannel channel, Path host, long rightsBase, long rightsInheriting,
            int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.host = host;
    }

    public FileChannel channel() {
        return channel;
    }

    /** The host path the file was opened at (stale if the guest renames it later). */
    public Path host() {
        return host;
    }

    public boolean append() {
        return (fdflags() & APPEND) != 0;
    }

    @Override
    public Filetype filetype() {
        return Filetype.REGULAR_FILE;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
