package wasm.backend.jit;

import java.util.List;

import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.core.model.FuncType;

/**
 * A simple fixed vmctx layout for tests: scalars first, then arrays of slots. With
 * imports, their slots come first in the function slot array (shared with the
 * defined functions' slots, as function indices are).
 */
public record TestLayout(List<FuncType> types, int importedFunctionCount) implements VmctxLayout {
    static final int GLOBALS = 128;
    static final int TABLES = 1024;
    static final int FUNCS = 1152;
    static final int HELPERS = 8 * 1024 - 256;
    /** u32 signature id slots, one per type. */
    static final int SIGNATURES = 8 * 1024;
    static final int SIZE = 16 * 1024;
    static final int MAX_GLOBALS = (TABLES - GLOBALS) / 8;
    static final int MAX_FUNCS = (HELPERS - FUNCS) / 8;
    static final int MAX_TYPES = (SIZE - SIGNATURES) / 4;

    /** The layout of a module without imports. */
    public TestLayout(List<FuncType> types) {
        this(types, 0);
    }

    @Override public int stackLimit() { return 0; }
    @Override public int trapCode() { return 8; }
    @Override public int trapDetail() { return 56; }
    @Override public int unwindRsp() { return 16; }
    @Override public int unwindTarget() { return 24; }
    @Override public int memoryBase() { return 32; }
    @Override public int memoryLength() { return 40; }
    @Override public int funcDirectoryOffset() { return 48; }
    @Override public int funcDirEntrySize() { return 24; }
    @Override public int globalCellOffset(int g) { return GLOBALS + 8 * g; }
    @Override public int tableOffset(int t) { return TABLES + 8 * t; }
    @Override public int importCodeOffset(int i) { return FUNCS + 8 * i; }
    @Override public int functionCodeOffset(int f) { return FUNCS + 8 * f; }
    @Override public int helperOffset(Helper h) { return HELPERS + 8 * h.ordinal(); }

    @Override public int signatureIdOffset(int typeIndex) { return SIGNATURES + 4 * typeIndex; }

    /** Structurally equal types share an id: the first index with that type (what the signature slots hold). */
    public int canonicalSignatureId(int typeIndex) {
        return types.indexOf(types.get(typeIndex));
    }
}
