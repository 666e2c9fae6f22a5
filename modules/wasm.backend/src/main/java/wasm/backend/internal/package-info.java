/** Operating-system bindings (libc mmap/mprotect/munmap through FFM). Not exported. */
package wasm.backend.internal;
