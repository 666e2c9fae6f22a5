package wasm.ir.interp;

import wasm.core.WasmException;
import wasm.ir.TrapCode;

/** A Wasm trap raised while interpreting IR; the message is the spec's wording. */
public final class IrTrap extends WasmException {
    private static final long serialVersionUID = 1L;
    private final TrapCode code;

    public IrTrap(TrapCode code) {
        super(code.message());
        this.code = code;
    }

    public TrapCode code() {
        return code;
    }
}
