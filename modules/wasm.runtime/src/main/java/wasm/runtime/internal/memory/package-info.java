/**
 * Linear memories in native memory: the maximum size is reserved once with
 * {@code mmap(PROT_NONE)} and pages are committed with {@code mprotect} on grow, so the
 * base address is stable for compiled code; every access from Java is bounds-checked
 * against the current length first. Freed by close() or a Cleaner.
 */
package wasm.runtime.internal.memory;
