/**
 * The project's one home for libc bindings through FFM (mmap, mprotect, munmap,
 * sysconf, strerror): the back end's code memory and the runtime's linear
 * memories and function directory map memory through them. Not API: exported
 * only to {@code wasm.runtime}.
 */
package wasm.backend.os;
