package wasm.backend.internal.x64;

/** A 32-bit immediate operand (sign-extended by 64-bit instructions). */
record Imm32(int value) implements GprMemImm {
}
