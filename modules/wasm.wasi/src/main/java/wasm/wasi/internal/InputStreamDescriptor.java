package wasm.wasi.internal;

import java.io.InputStream;

/** A readable stream (the guest's stdin), of the type {@link StdioType} says. */
public final class InputStreamDescriptor extends Descriptor {
    private final InputStream in;
    private final StdioType type;

    /** The guest's stdin: {@code in}, which is the host's fd 0 when {@code host} (its type is the host's then). */
    public InputStreamDescriptor(InputStream in, boolean host) {
        this(in, host ? StdioType.ofHostFd(0, true) : StdioType.embedder(true));
    }

    private InputStreamDescriptor(InputStream in, StdioType type) {
        super(type.base(), type.inheriting(), 0);
        this.in = in;
        this.type = type;
    }

    public InputStream in() {
        return in;
    }

    @Override
    public Filetype filetype() {
        return type.filetype();
    }

    @Override
    public void close() {
        // The embedder owns the stream.
    }
}
