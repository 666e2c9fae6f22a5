package wasm.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import wasm.core.model.FuncType;
import wasm.runtime.internal.interp.Interpreter;
import wasm.runtime.internal.memory.LinearMemory;

/**
 * Everything a store owns: functions by address, canonical signature ids, the
 * interpreter (its stacks are shared by re-entrant calls) and the memories to
 * free on close. Not thread-safe, like the store.
 */
public final class StoreState {
    private RuntimeFunction[] functions = new RuntimeFunction[64];
    private int functionCount;
    private final Map<FuncType, Integer> typeIds = new HashMap<>();
    private final List<LinearMemory> memories = new ArrayList<>();
    public final Interpreter interpreter = new Interpreter(this);

    /** The canonical id of a signature: equal ids iff structurally equal types. */
    public int typeId(FuncType type) {
        return typeIds.computeIfAbsent(type, t -> typeIds.size());
    }

    public int nextFunctionAddress() {
        return functionCount;
    }

    public void register(RuntimeFunction f) {
        if (f.address() != functionCount) {
            throw new IllegalStateException("function address out of order");
        }
        if (functionCount == functions.length) {
            functions = Arrays.copyOf(functions, functionCount * 2);
        }
        functions[functionCount++] = f;
    }

    /** The function at a store address, or null when the address is not one. */
    public RuntimeFunction function(long address) {
        return address >= 0 && address < functionCount ? functions[(int) address] : null;
    }

    public LinearMemory newMemory(long minPages, long maxPages) {
        LinearMemory m = new LinearMemory(minPages, maxPages);
        memories.add(m);
        return m;
    }

    public void close() {
        for (LinearMemory m : memories) {
            m.close();
        }
        memories.clear();
    }
}
