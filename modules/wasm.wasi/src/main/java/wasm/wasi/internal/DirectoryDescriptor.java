package wasm.wasi.internal;

import java.util.List;

/**
 * An open directory inside a sandbox: a preopen (with the name the guest
 * knows it by) or a directory opened by path_open.
 */
public final class DirectoryDescriptor extends Descriptor {
    private final Sandbox sandbox;
    private final List<String> relative;
    private final String preopenName;
    /** The readdir snapshot: taken at cookie 0, so cookies stay stable while the guest iterates. */
    private List<DirectoryEntry> listing;

    public DirectoryDescriptor(Sandbox sandbox, List<String> relative, String preopenName, long rightsBase,
            long rightsInheriting) {
        super(rightsBase, rightsInheriting, 0);
        this.sandbox = sandbox;
        this.relative = List.copyOf(relative);
        this.preopenName = preopenName;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public List<String> relative() {
        return relative;
    }

    /** The guest name of a preopened directory, or null for one opened with path_open. */
    public String preopenName() {
        return preopenName;
    }

    public List<DirectoryEntry> listing() {
        return listing;
    }

    public void setListing(List<DirectoryEntry> listing) {
        this.listing = listing;
    }

    @Override
    public Filetype filetype() {
        return Filetype.DIRECTORY;
    }

    @Override
    public void close() {
        listing = null;
    }
}
