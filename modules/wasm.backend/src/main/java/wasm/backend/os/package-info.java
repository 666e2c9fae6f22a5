/**
 * The project's one home for system calls (mmap, mprotect, munmap; open, openat2, close, and
 * the ioctl behind isatty), made through a system-call stub of our own, and for the one C
 * signature every downcall of the process has ({@link wasm.backend.os.DowncallShape}): the
 * back end's code memory and the runtime's linear memories and function directory map memory
 * through them, and WASI opens its sandbox directories. Not API: exported only to
 * {@code wasm.runtime} and {@code wasm.wasi}.
 */
package wasm.backend.os;
