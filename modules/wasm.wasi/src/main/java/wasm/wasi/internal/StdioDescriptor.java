package wasm.wasi.internal;

/**
 * A standard stream (stdin, stdout, stderr) whose type and rights the host answers
 * ({@link StdioType}) when the guest first asks for them or uses them: for the process's own
 * descriptors that means reading /proc (their mode and device, and for a character device the
 * kernel's list of terminals), 5-7 ms of a trivial run's start-up that a run which never touches
 * them (the interpreter ending an {@code --invoke}) should not pay. Asked once; the answer is
 * the same all run long, as node's would be.
 */
public abstract sealed class StdioDescriptor extends Descriptor permits InputStreamDescriptor, OutputStreamDescriptor {
    /** The host's descriptor (0, 1 or 2) whose type this stream has, or -1: a stream of the embedder's. */
    private final int hostFd;
    private final boolean input;
    /** Null until first asked. */
    private StdioType type;

    StdioDescriptor(int hostFd, boolean input) {
        super(0, 0, 0); // the rights come with the type
        this.hostFd = hostFd;
        this.input = input;
    }

    private StdioType type() {
        if (type == null) {
            type = hostFd >= 0 ? StdioType.ofHostFd(hostFd, input) : StdioType.embedder(input);
            super.setRights(type.base(), type.inheriting());
        }
        return type;
    }

    @Override
    public final Filetype filetype() {
        return type().filetype();
    }

    @Override
    public final long rightsBase() {
        type();
        return super.rightsBase();
    }

    @Override
    public final long rightsInheriting() {
        type();
        return super.rightsInheriting();
    }

    @Override
    public final void setRights(long base, long inheriting) {
        type();
        super.setRights(base, inheriting);
    }
}
