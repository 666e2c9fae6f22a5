package wasm.wasi.internal;

import java.io.InputStream;

/** A readable stream (the guest's stdin), of the type {@link StdioType} says. */
public final class InputStreamDescriptor extends StdioDescriptor {
    private final InputStream in;

    /** The guest's stdin: {@code in}, which is the host's fd 0 when {@code host} (its type is the host's then). */
    public InputStreamDescriptor(InputStream in, boolean host) {
        super(host ? 0 : -1, true);
        this.in = in;
    }

    public InputStream in() {
        return in;
    }

    @Override
    public void close() {
        // The embedder owns the stream.
    }
}
