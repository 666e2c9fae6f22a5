/**
 * Runtime internals behind the {@code wasm.runtime} API: the store's state
 * ({@link wasm.runtime.internal.StoreState}), instance contexts with resolved functions,
 * tables, memory and globals ({@link wasm.runtime.internal.InstanceContext}), and
 * instantiation per the 2.0 specification ({@link wasm.runtime.internal.ModuleInstantiator}).
 * Values use the API's long encoding; references are store addresses or host ids, -1 is null.
 */
package wasm.runtime.internal;
