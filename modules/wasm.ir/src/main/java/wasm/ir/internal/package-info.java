/** Internal data structures of the IR module; not exported. */
package wasm.ir.internal;
