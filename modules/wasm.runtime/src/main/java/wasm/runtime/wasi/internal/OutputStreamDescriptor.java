package wasm.runtime.wasi.internal;

import java.io.IOException;
import java.io.OutputStream;

/** A writable stream (the guest's stdout or stderr); flushed after every write so streams interleave as written. */
public final class OutputStreamDescriptor extends Descriptor {
    private final OutputStream out;

    public OutputStreamDescriptor(OutputStream out) {
        super(Rights.STDOUT, 0, 0);
        this.out = out;
    }

    public OutputStream out() {
        return out;
    }

    @Override
    public Filetype filetype() {
        return Filetype.CHARACTER_DEVICE;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
