package wasm.runtime;

/** An external value: what an import receives and an export provides. */
public sealed interface Extern permits FunctionInstance, TableInstance, MemoryInstance, GlobalInstance {
}
