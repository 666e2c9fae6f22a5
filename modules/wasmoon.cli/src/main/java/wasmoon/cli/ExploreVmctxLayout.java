package wasmoon.cli;

import java.util.List;

import wasm.backend.Helper;
import wasm.backend.VmctxLayout;
import wasm.core.model.FuncType;
import wasm.core.model.Module;

/**
 * The vmctx layout {@code explore} compiles against: the runtime's arithmetic
 * (fixed fields, then one u64 slot per helper, global, table and function,
 * imports first; 32-byte function directory entries), so the listing shows the
 * offsets a real instance would use. Signature ids are the index of the first
 * structurally equal type of the module: within one module that is what
 * call_indirect compares; the runtime's store-wide ids may differ in number only.
 */
final class ExploreVmctxLayout implements VmctxLayout {
    private static final int HELPERS = 72;

    private final int globals;
    private final int tables;
    private final int functions;
    private final int importedFunctions;
    private final int[] signatureIds;

    ExploreVmctxLayout(Module module) {
        this.globals = HELPERS + 8 * Helper.values().length;
        this.tables = globals + 8 * module.globalCount();
        this.functions = tables + 8 * module.tableCount();
        this.importedFunctions = module.functionCount() - module.functions().size();
        List<FuncType> types = module.types();
        this.signatureIds = new int[types.size()];
        for (int i = 0; i < signatureIds.length; i++) {
            signatureIds[i] = types.indexOf(types.get(i));
        }
    }

    @Override
    public int stackLimit() {
        return 0;
    }

    @Override
    public int trapCode() {
        return 8;
    }

    @Override
    public int unwindRsp() {
        return 16;
    }

    @Override
    public int unwindTarget() {
        return 24;
    }

    @Override
    public int memoryBase() {
        return 32;
    }

    @Override
    public int memoryLength() {
        return 40;
    }

    @Override
    public int funcDirectoryOffset() {
        return 48;
    }

    @Override
    public int globalCellOffset(int globalIndex) {
        return globals + 8 * globalIndex;
    }

    @Override
    public int tableOffset(int tableIndex) {
        return tables + 8 * tableIndex;
    }

    @Override
    public int funcDirEntrySize() {
        return 32;
    }

    @Override
    public int canonicalSignatureId(int typeIndex) {
        return signatureIds[typeIndex];
    }

    @Override
    public int importedFunctionCount() {
        return importedFunctions;
    }

    @Override
    public int importCodeOffset(int importIndex) {
        return functions + 8 * importIndex;
    }

    @Override
    public int functionCodeOffset(int funcIndex) {
        return functions + 8 * funcIndex;
    }

    @Override
    public int helperOffset(Helper helper) {
        return HELPERS + 8 * helper.ordinal();
    }
}
