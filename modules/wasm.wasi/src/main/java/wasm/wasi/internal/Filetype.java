package wasm.wasi.internal;

/** WASI preview1 {@code filetype}; the code is the ordinal, as in the witx. */
public enum Filetype {
    UNKNOWN,
    BLOCK_DEVICE,
    CHARACTER_DEVICE,
    DIRECTORY,
    REGULAR_FILE,
    SOCKET_DGRAM,
    SOCKET_STREAM,
    SYMBOLIC_LINK;

    public int code() {
        return ordinal();
    }
}
