package wasm.backend.x64;

/**
 * An instruction operand: a register, an immediate or a memory location. The
 * lowering can hold "register, memory or immediate" operands as one type and
 * the assembler picks the encoding with a pattern switch.
 */
public sealed interface Operand permits Reg, Imm, Mem {}
