package wasmoon.cli;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;

import wasm.core.binary.ModuleDecoder;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.runtime.Engine;

/**
 * When {@code run}, interpreting while the JIT starts, starts the JIT's warm-up
 * ({@link wasm.runtime.Engine#warmUpJit()}): the FFM stub classes made on the second core, some 35 ms
 * of CPU. A run that needs native code soon wants them early, made while it decodes and
 * validates. A run that ends in the interpreter never uses them, and pays for them all the same:
 * on two cores they share the machine with the run and the JVM's own compiler thread, and a
 * trivial call took 11-15 ms longer than under {@code --no-jit} (docs/perf/startup.md).
 *
 * <p>Native code is needed soon by a module with a memory (instantiating it maps the memory
 * through the system-call stub), and by a call that reaches a loop ({@code JitEngine}'s
 * {@code nativeBeforeCall}). Without either, the warm-up waits: were the interpreter's call budget
 * to run out, the first native call makes the set-up itself.
 */
final class JitWarmUpPolicy {
    /** Section ids (the binary format's): imports may bring a memory; the memory section defines one. */
    private static final int IMPORT_SECTION = 2;
    private static final int MEMORY_SECTION = 5;

    /** Whether the run is of the JIT tier: otherwise nothing here starts anything. */
    private final boolean jit;
    private boolean started;

    private JitWarmUpPolicy(boolean jit) {
        this.jit = jit;
    }

    /**
     * The policy of one run: of the JIT tier when {@code jit}. A run that does not interpret while
     * the JIT starts waits for the JIT at its first call, so its warm-up starts at once.
     */
    static JitWarmUpPolicy forRun(boolean jit, boolean interpretWhileJitStarts) {
        JitWarmUpPolicy policy = new JitWarmUpPolicy(jit);
        if (!interpretWhileJitStarts) {
            policy.start();
        }
        return policy;
    }

    /** A precompiled module's code runs natively: the warm-up starts. */
    void precompiledModule() {
        start();
    }

    /** Before the decode of {@code bytes}: the warm-up starts if {@link #mayNeedNativeAtInstantiation} says so. */
    void beforeDecode(byte[] bytes) {
        if (!started && mayNeedNativeAtInstantiation(bytes)) {
            start();
        }
    }

    /** After the decode: the warm-up starts if {@link #mayNeedNativeSoon} says so. */
    void afterDecode(Module module, int entry) {
        if (!started && mayNeedNativeSoon(module, entry)) {
            start();
        }
    }

    private void start() {
        if (jit && !started) {
            Engine.warmUpJit();
            started = true;
        }
    }

    /**
     * Whether the binary {@code bytes} declares a memory or imports anything (an import may be a
     * memory, and an import-free module rarely has a use for one), read from the section headers
     * before the decode. What these headers do not settle waits for {@link #mayNeedNativeSoon}.
     */
    static boolean mayNeedNativeAtInstantiation(byte[] bytes) {
        return ModuleDecoder.hasSection(bytes, MEMORY_SECTION) || ModuleDecoder.hasSection(bytes, IMPORT_SECTION);
    }

    /**
     * Whether instantiating {@code module} and calling {@code entry} (a function index, or -1 for
     * none) may need native code before the interpreter's call budget runs out: the module has a
     * memory, or its start function or the entry reaches, through direct calls, a loop or an
     * indirect call (whose callee is not known here).
     */
    static boolean mayNeedNativeSoon(Module module, int entry) {
        if (!module.allMemories().isEmpty()) {
            return true;
        }
        int imported = module.functionCount() - module.codes().size();
        BitSet seen = new BitSet();
        Deque<Integer> pending = new ArrayDeque<>();
        module.start().ifPresent(pending::push);
        if (entry >= 0) {
            pending.push(entry);
        }
        while (!pending.isEmpty()) {
            int f = pending.pop();
            if (f < imported || seen.get(f)) {
                continue; // host functions run in Java
            }
            seen.set(f);
            FunctionBody body = module.codes().get(f - imported);
            if (body.loops()) {
                return true; // the decoder's answer: no walk over the body's records for it
            }
            for (Instruction ins : body.code()) {
                switch (ins.opcode()) {
                    case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                        return true;
                    }
                    case CALL, RETURN_CALL -> pending.push(((Instruction.Indexed) ins).index());
                    default -> {
                    }
                }
            }
        }
        return false;
    }
}
