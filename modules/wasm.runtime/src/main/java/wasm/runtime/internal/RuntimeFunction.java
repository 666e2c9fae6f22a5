package wasm.runtime.internal;

import wasm.core.model.FuncType;

/** A function instance in a store: defined by a module or provided by the host. */
public sealed interface RuntimeFunction permits WasmFunction, HostFunctionEntity {
    FuncType type();

    /** The store-wide id of the canonical (structural) signature, for call_indirect checks. */
    int typeId();

    /** The store address: the funcref value of this function. */
    int address();
}
