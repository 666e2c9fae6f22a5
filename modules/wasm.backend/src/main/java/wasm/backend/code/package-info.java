/**
 * Machine code as data, and executable memory.
 *
 * <h2>Labels and fixups</h2>
 * A {@link wasm.backend.code.CodeBuffer} is filled in one forward pass. Jumps
 * to blocks not emitted yet reference a {@link wasm.backend.code.Label}; the
 * buffer records a fixup (field offset, label, kind, addend) and writes the
 * final displacement when the code is {@linkplain wasm.backend.code.CodeBuffer#finish()
 * finished}. This keeps the emitter single-pass and independent of block
 * order, and turns a forgotten {@code bind} into a clear error at finish
 * instead of a jump to offset zero. Backward jumps to bound labels may use the
 * short rel8 form; forward jumps use rel32 unless the caller asks for rel8
 * (checked at finish). Branch relaxation is deliberately not done: the block
 * layout, not the buffer, decides.
 *
 * <h2>Side tables</h2>
 * Trap sites ({@link wasm.backend.code.TrapSite}: code offset to
 * {@link wasm.ir.TrapCode}) and relocations are kept beside the
 * bytes, not in them. Traps are explicit branches to stubs that record the
 * trap code in the instance context and unwind to the entry trampoline
 * (signals belong to HotSpot); the trap-site table maps stub offsets back to
 * their reason for diagnostics and metrics.
 *
 * <h2>Relocations</h2>
 * Addresses unknown at compile time, such as other functions, runtime helpers,
 * host-function upcall stubs, are emitted as zero fields plus a
 * {@link wasm.backend.code.Relocation}. Finished functions are laid out in a
 * {@link wasm.backend.code.CodeImage}; {@link wasm.backend.code.CodeMemory#load}
 * maps it, resolves each target (the image's own definitions first, then a
 * {@link wasm.backend.code.SymbolResolver}), and patches: {@code PC_REL32} for
 * direct calls between functions of one image (always in reach, the image is
 * one mapping), {@code ABS64} (a movabs) for anything that may be farther.
 *
 * <h2>W^X</h2>
 * {@link wasm.backend.code.CodeMemory} maps pages read-write, copies and
 * patches the code, then {@code mprotect}s them read-execute. Memory is never
 * writable and executable at once: a stray write can never become code, which
 * is the usual hardening rule for JITs (and some kernels enforce it). The
 * mapping belongs to an FFM {@link java.lang.foreign.Arena}, so downcall handles
 * keep it alive during calls and fail cleanly after close; a
 * {@link java.lang.ref.Cleaner} unmaps if close() is forgotten.
 */
package wasm.backend.code;
