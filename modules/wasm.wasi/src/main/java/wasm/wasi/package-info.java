/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for wasmoon guests.
 *
 * <p>{@link wasm.wasi.WasiPreview1} turns a {@link wasm.wasi.WasiConfig}
 * (arguments, environment, preopened directories, standard streams) into an
 * {@link wasm.runtime.ImportResolver}; after instantiation it binds the instance's
 * exported {@code memory} and runs {@code _start}. {@code proc_exit} unwinds as
 * {@link wasm.wasi.WasiExit}, which the interpreter passes through unchanged.
 *
 * <p>Sandbox. A guest reaches the host file system only below its preopened
 * directories. Every path is resolved component by component below the
 * preopen's real root, reading symlinks itself rather than letting the host
 * follow them, with {@code ..} applied to the already-real prefix. An absolute
 * guest path, {@code ..} above the root, a symlink with an absolute target, or
 * one whose relative target climbs out, all answer {@code ENOTCAPABLE} (76):
 * the preview1 errno for "the capability does not reach there", which is what
 * wasi-libc and node's WASI report for the same attempts. Creating a symlink
 * whose target would leave the sandbox is refused with the same errno
 * (node answers EPERM for absolute targets). Opening a final symlink without
 * {@code lookupflags.symlink_follow} is {@code ELOOP}, as {@code O_NOFOLLOW}
 * is in POSIX (node's uvwasi opens the target instead). Rights are recorded
 * and reported but not enforced; read/write intent is enforced by how the host
 * file is opened. Not defended: races with other host processes that swap a
 * directory for a symlink between resolution and use, and hard links the host
 * itself planted inside a preopen.
 *
 * <p>Errors are preview1 errnos, never host exceptions: a bad guest pointer is
 * {@code EFAULT} (21), unsupported calls (sockets, {@code proc_raise}) are
 * {@code ENOTSUP}/{@code ENOSYS}.
 */
package wasm.wasi;
