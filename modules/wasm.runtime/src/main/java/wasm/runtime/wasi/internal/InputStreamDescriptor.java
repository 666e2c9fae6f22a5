package wasm.runtime.wasi.internal;

import java.io.InputStream;

/** A readable stream (the guest's stdin). */
public final class InputStreamDescriptor extends Descriptor {
    private final InputStream in;

    public InputStreamDescriptor(InputStream in) {
        super(Rights.STDIN, 0, 0);
        this.in = in;
    }

    public InputStream in() {
        return in;
    }

    @Override
    public Filetype filetype() {
        return Filetype.CHARACTER_DEVICE;
    }

    @Override
    public void close() {
        // The embedder owns the stream.
    }
}
