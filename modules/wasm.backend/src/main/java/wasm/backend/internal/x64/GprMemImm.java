package wasm.backend.internal.x64;

/**
 * The second source of an integer instruction that has register, memory and
 * immediate forms: a general-purpose register operand (which the allocator may
 * leave in a spill slot, the memory form) or a 32-bit immediate.
 */
sealed interface GprMemImm permits GReg, Imm32 {
}
