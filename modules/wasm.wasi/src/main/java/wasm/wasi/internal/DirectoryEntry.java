package wasm.wasi.internal;

/** One fd_readdir entry: name (UTF-8 bytes as the guest sees them), inode and type. */
public record DirectoryEntry(byte[] name, long inode, Filetype type) {
}
