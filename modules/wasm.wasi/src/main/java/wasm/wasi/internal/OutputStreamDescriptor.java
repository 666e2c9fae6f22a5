package wasm.wasi.internal;

import java.io.IOException;
import java.io.OutputStream;

/** A writable stream (the guest's stdout or stderr); flushed after every write so streams interleave as written. */
public final class OutputStreamDescriptor extends StdioDescriptor {
    private final OutputStream out;

    /** The guest's stdout or stderr: {@code out}, the host's descriptor {@code hostFd} when that is not -1. */
    public OutputStreamDescriptor(OutputStream out, int hostFd) {
        super(hostFd, false);
        this.out = out;
    }

    public OutputStream out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
