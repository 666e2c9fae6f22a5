package wasm.backend.internal.x64;

import wasm.ir.Type;

/**
 * The register classes the allocator keeps apart: general-purpose registers
 * for integers and references, XMM registers for floats and vectors (v128).
 */
enum RegClass {
    GPR,
    XMM;

    /** The class a value of IR type {@code t} lives in. */
    static RegClass of(Type t) {
        return t.isFloat() || t == Type.V128 ? XMM : GPR;
    }
}
