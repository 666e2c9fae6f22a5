package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import wasm.core.WasmException;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;

/**
 * Our own test-case reducer, for modules binaryen's {@code wasm-reduce} (version 108) cannot
 * read (standard reference types: it knows a pre-standard anyref). Greedy and structural, on
 * the module model: drop function exports, replace whole function bodies by constants, then
 * delete ever smaller runs of instructions (delta debugging); a candidate must validate before
 * the (expensive) interestingness test runs. Indices never change, so every step is safe.
 */
final class ModuleReducer {
    private final Predicate<byte[]> interesting;
    private final int budget;
    private int tests;

    /** {@code interesting} runs a candidate; at most {@code budget} candidates are run. */
    ModuleReducer(Predicate<byte[]> interesting, int budget) {
        this.interesting = interesting;
        this.budget = budget;
    }

    int tests() {
        return tests;
    }

    /** The smallest interesting module found from {@code m} (itself interesting). */
    Module reduce(Module m) {
        Module best = m;
        boolean progress = true;
        while (progress && tests < budget) {
            progress = false;
            Module next = dropExports(best);
            next = stubBodies(next);
            next = deleteInstructions(next);
            if (size(next) < size(best)) {
                best = next;
                progress = true;
            }
        }
        return best;
    }

    private boolean test(Module candidate) {
        try {
            Validator.validate(candidate);
        } catch (WasmException | StackOverflowError e) {
            return false;
        }
        if (tests >= budget) {
            return false;
        }
        tests++;
        return interesting.test(ModuleEncoder.encode(candidate));
    }

    private Module dropExports(Module m) {
        Module best = m;
        for (int i = best.exports().size() - 1; i >= 0; i--) {
            if (best.exports().get(i).kind() != ExternKind.FUNC) {
                continue;
            }
            List<Export> exports = new ArrayList<>(best.exports());
            exports.remove(i);
            Module candidate = with(best, exports, best.codes());
            if (test(candidate)) {
                best = candidate;
            }
        }
        return best;
    }

    private Module stubBodies(Module m) {
        Module best = m;
        int imported = m.importedCount(ExternKind.FUNC);
        for (int f = 0; f < best.codes().size(); f++) {
            FuncType t = best.functionType(imported + f);
            List<Instruction> code = new ArrayList<>();
            for (ValType v : t.results()) {
                code.add(zero(v));
            }
            code.add(Instruction.END);
            if (best.codes().get(f).code().size() <= code.size()) {
                continue;
            }
            List<FunctionBody> codes = new ArrayList<>(best.codes());
            codes.set(f, new FunctionBody(List.of(), code));
            Module candidate = with(best, best.exports(), codes);
            if (test(candidate)) {
                best = candidate;
            }
        }
        return best;
    }

    private Module deleteInstructions(Module m) {
        Module best = m;
        for (int f = 0; f < best.codes().size(); f++) {
            int chunk = Math.max(1, best.codes().get(f).code().size() / 2);
            while (chunk >= 1 && tests < budget) {
                boolean removed = false;
                for (int at = 0; at + chunk < best.codes().get(f).code().size(); ) {
                    FunctionBody body = best.codes().get(f);
                    List<Instruction> code = new ArrayList<>(body.code());
                    code.subList(at, at + chunk).clear();
                    List<FunctionBody> codes = new ArrayList<>(best.codes());
                    codes.set(f, new FunctionBody(body.locals(), code));
                    Module candidate = with(best, best.exports(), codes);
                    if (test(candidate)) {
                        best = candidate;
                        removed = true;
                    } else {
                        at += chunk;
                    }
                }
                if (!removed) {
                    chunk /= 2;
                }
            }
        }
        return best;
    }

    private static Instruction zero(ValType t) {
        return switch (t) {
            case I32 -> new Instruction.I32Const(0);
            case I64 -> new Instruction.I64Const(0);
            case F32 -> new Instruction.F32Const(0);
            case F64 -> new Instruction.F64Const(0);
            case FUNCREF, EXTERNREF -> new Instruction.RefNull(t);
            case V128 -> throw new IllegalArgumentException("v128");
        };
    }

    private static Module with(Module m, List<Export> exports, List<FunctionBody> codes) {
        return new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), exports,
                m.start(), m.elements(), m.dataCount(), codes, m.datas(), m.names(), m.customSections());
    }

    static int size(Module m) {
        int n = m.exports().size();
        for (FunctionBody b : m.codes()) {
            n += b.code().size();
        }
        return n;
    }
}
