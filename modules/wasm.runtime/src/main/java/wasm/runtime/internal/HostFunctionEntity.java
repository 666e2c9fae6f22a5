package wasm.runtime.internal;

import wasm.core.model.FuncType;
import wasm.runtime.HostFunction;

/** A host function registered in a store. */
public record HostFunctionEntity(FuncType type, int typeId, int address, HostFunction impl)
        implements RuntimeFunction {
}
