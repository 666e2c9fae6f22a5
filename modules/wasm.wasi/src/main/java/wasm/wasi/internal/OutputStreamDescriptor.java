package wasm.wasi.internal;

import java.io.IOException;
import java.io.OutputStream;

/** A writable stream (the guest's stdout or stderr); flushed after every write so streams interleave as written. */
public final class OutputStreamDescriptor extends Descriptor {
    private final OutputStream out;
    private final StdioType type;

    /** The guest's stdout or stderr: {@code out}, the host's descriptor {@code hostFd} when that is not -1. */
    public OutputStreamDescriptor(OutputStream out, int hostFd) {
        this(out, hostFd >= 0 ? StdioType.ofHostFd(hostFd, false) : StdioType.embedder(false));
    }

    private OutputStreamDescriptor(OutputStream out, StdioType type) {
        super(type.base(), type.inheriting(), 0);
        this.out = out;
        this.type = type;
    }

    public OutputStream out() {
        return out;
    }

    @Override
    public Filetype filetype() {
        return type.filetype();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
