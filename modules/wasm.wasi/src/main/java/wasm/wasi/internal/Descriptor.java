package wasm.wasi.internal;

import java.io.IOException;

/**
 * What a WASI file descriptor refers to. Rights and fdflags are mutable because
 * fd_fdstat_set_rights / fd_fdstat_set_flags change them in place.
 */
public abstract sealed class Descriptor
        permits StdioDescriptor, RegularFileDescriptor, DirectoryDescriptor {
    private long rightsBase;
    private long rightsInheriting;
    private int fdflags;

    protected Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    public abstract Filetype filetype();

    public long rightsBase() {
        return rightsBase;
    }

    public long rightsInheriting() {
        return rightsInheriting;
    }

    public void setRights(long base, long inheriting) {
        this.rightsBase = base;
        this.rightsInheriting = inheriting;
    }

    public int fdflags() {
        return fdflags;
    }

    public void setFdflags(int fdflags) {
        this.fdflags = fdflags;
    }

    /** Releases host resources; the standard streams are flushed but left open (the embedder owns them). */
    public abstract void close() throws IOException;
}
