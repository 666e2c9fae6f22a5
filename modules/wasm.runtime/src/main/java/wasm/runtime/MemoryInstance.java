package wasm.runtime;

import wasm.core.model.MemoryType;
import wasm.runtime.internal.StoreState;
import wasm.runtime.internal.memory.LinearMemory;

/** A linear memory; every access is bounds-checked ("out of bounds memory access"). */
public final class MemoryInstance implements Extern {
    private final StoreState store;
    private final LinearMemory memory;

    MemoryInstance(StoreState store, LinearMemory memory) {
        this.store = store;
        this.memory = memory;
    }

    /** The current type: the current page count as minimum and the declared maximum. */
    public MemoryType type() {
        return new MemoryType(memory.limits());
    }

    public int pages() {
        return memory.pages();
    }

    /** The current size in bytes. */
    public long byteSize() {
        return memory.byteSize();
    }

    /** Grows by {@code deltaPages} (unsigned); the old page count, or -1. */
    public int grow(int deltaPages) {
        return memory.grow(Integer.toUnsignedLong(deltaPages));
    }

    public byte[] read(long address, int length) {
        return memory.read(address, length);
    }

    public void write(long address, byte[] bytes) {
        memory.write(address, bytes);
    }

    public int readI32(long address) {
        return memory.readI32(address);
    }

    public void writeI32(long address, int v) {
        memory.writeI32(address, v);
    }

    StoreState store() {
        return store;
    }

    LinearMemory memory() {
        return memory;
    }
}
