package wasm.runtime.internal;

import wasm.core.model.GlobalType;

/** A global's storage, shared by every instance that imports it. The value uses the API's long encoding. */
public final class GlobalCell {
    public final GlobalType type;
    public long value;

    public GlobalCell(GlobalType type, long value) {
        this.type = type;
        this.value = value;
    }
}
