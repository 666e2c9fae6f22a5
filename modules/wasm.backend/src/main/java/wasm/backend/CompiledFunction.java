package wasm.backend;

import java.util.List;

import wasm.backend.code.FinishedCode;
import wasm.backend.code.Relocation;
import wasm.backend.code.TrapSite;

/**
 * One function's machine code per the JIT ABI: {@code code} holds the bytes and
 * side tables (trap sites, relocations: direct calls to functions of the same
 * batch are PC_REL32 relocations to {@code RelocationTarget.Function(j)}).
 *
 * @param funcIndex  the function's index in the module's function space
 * @param code       bytes, trap sites and relocations
 * @param spillSlots spill slots of the frame (for diagnostics)
 */
public record CompiledFunction(int funcIndex, FinishedCode code, int spillSlots) {
    public int size() {
        return code.size();
    }

    public List<TrapSite> trapSites() {
        return code.trapSites();
    }

    public List<Relocation> relocations() {
        return code.relocations();
    }
}
