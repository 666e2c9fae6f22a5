package wasm.runtime.internal;

import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.runtime.internal.interp.CompiledCode;
import wasm.runtime.internal.interp.FunctionTranslator;

/** A function defined by a module instance; translated for the interpreter on first call. */
public final class WasmFunction implements RuntimeFunction {
    public final InstanceContext context;
    public final int funcIndex;
    public final FunctionBody body;
    private final FuncType type;
    private final int typeId;
    private final int address;
    private CompiledCode compiled;
    /** Native code address when the JIT compiled this function, else 0 (interpreted). */
    private long nativeCode;
    /** Whether the host has called the function (tiered compilation decides its tier at the first such call). */
    private boolean enteredFromHost;

    public WasmFunction(InstanceContext context, int funcIndex, FunctionBody body, FuncType type, int typeId,
                        int address) {
        this.context = context;
        this.funcIndex = funcIndex;
        this.body = body;
        this.type = type;
        this.typeId = typeId;
        this.address = address;
    }

    @Override
    public FuncType type() {
        return type;
    }

    @Override
    public int typeId() {
        return typeId;
    }

    @Override
    public int address() {
        return address;
    }

    /** Whether the function runs as native code (its instance's vmctx is {@code context.vmctx}). */
    public boolean isNative() {
        return nativeCode != 0;
    }

    public long nativeCode() {
        return nativeCode;
    }

    public void setNativeCode(long address) {
        this.nativeCode = address;
    }

    /**
     * Marks the function entered from the host; answers whether this is the first time (the store
     * runs on one thread at a time, so no synchronization).
     */
    public boolean firstHostEntry() {
        boolean first = !enteredFromHost;
        enteredFromHost = true;
        return first;
    }

    /** Whether the interpreter ever needed this function (its code was translated for it). */
    public boolean wasInterpreted() {
        return compiled != null;
    }

    /** The interpreter code, translating the body on first use. */
    public CompiledCode compiled() {
        CompiledCode c = compiled;
        if (c == null) {
            c = FunctionTranslator.translate(this);
            compiled = c;
        }
        return c;
    }
}
