package wasm.runtime.internal.jit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ObjIntConsumer;

import wasm.backend.code.CodeBuffer;
import wasm.backend.code.CodeImage;
import wasm.backend.code.CodeMemory;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.RelocationTarget;
import wasm.backend.x64.Gpr;
import wasm.backend.x64.Mem;
import wasm.backend.x64.Size;
import wasm.backend.x64.X64Assembler;
import wasm.core.model.Module;

/**
 * A module compiled for the JIT tier: the machine code of the functions compiled so far (with
 * their trap sites and relocations), why the others are not, and the module they belong to.
 * Immutable and independent of any store: the code addresses the instance only through r15
 * (the vmctx, whose layout {@link ModuleVmctxLayout#of} derives from the module alone), so one
 * {@code CompiledModule} is instantiated into any number of stores, written to a code cache
 * ({@link CodeCacheFormat}) and read back in another process.
 *
 * <p>Its {@linkplain #image() code image} holds, at {@code RelocationTarget.Function(i)} for each
 * defined function i, the compiled body or a stub {@code jmp [r15 + slot(i)]}; direct calls between
 * compiled bodies are {@code call rel32} into the image, so a stub is where a call to a function
 * without code lands. For a function still to be compiled lazily the image also has
 * {@code lazy<i>: mov r11d, i; jmp [r15 + LAZY_COMPILE]}, where an instance's slot(i) points until
 * the function is compiled (see {@link ThunkAssembler#lazyCompileThunk}). A function with only the
 * baseline tier's code has it at {@code baseline<i>}, where a tiered store's slot(i) points until
 * the function tiers up (a store that does not tier treats the function as still to compile).
 */
public final class CompiledModule {
    /** Where a defined function's code comes from. */
    public enum Origin {
        /** Compiled in this process, before instantiation. */
        EAGER,
        /** Read from a code cache or a precompiled file. */
        CACHED
    }

    private final Module module;
    private final byte[] moduleHash;
    private final int optLevel;
    private final ModuleVmctxLayout layout;
    private final int imported;
    /** By function index (imports null): the compiled code, or null. */
    private final FinishedCode[] code;
    /** By function index: why the JIT cannot compile the function, or null. */
    private final String[] unsupported;
    /**
     * By function index: the baseline tier's code of a function without optimized code (tiered
     * compilation; it needs the instance's tier-up counters), or null.
     */
    private final FinishedCode[] baseline;
    /**
     * By function index: whether a run asked for the optimizing compile of a function that has
     * only baseline code here (it was hot there, and the run ended before the compile did). A
     * tiered store asks for that compile when it links the instance, rather than once the
     * function is hot again, so that a short cached run can finish it and keep it.
     */
    private final boolean[] hot;
    private final Origin origin;
    /**
     * The names of the image's stubs and baseline bodies, made once per function: the image
     * defines them and every instance's linking looks them up, so the lookups meet the same keys
     * (a name made anew per lookup cost a string and its hash per function, thousands of them
     * in a large module). A race between threads makes equal names, which are interchangeable.
     */
    private final RelocationTarget[] lazyNames;
    private final RelocationTarget[] baselineNames;

    private CodeMemory loaded;

    CompiledModule(Module module, byte[] moduleHash, int optLevel, FinishedCode[] code, String[] unsupported,
                   Origin origin) {
        this(module, moduleHash, optLevel, Metering.DEFAULT, code, unsupported,
                new FinishedCode[module.functionCount()], origin);
    }

    CompiledModule(Module module, byte[] moduleHash, int optLevel, Metering metering, FinishedCode[] code,
                   String[] unsupported, Origin origin) {
        this(module, moduleHash, optLevel, metering, code, unsupported, new FinishedCode[module.functionCount()],
                origin);
    }

    CompiledModule(Module module, byte[] moduleHash, int optLevel, Metering metering, FinishedCode[] code,
                   String[] unsupported, FinishedCode[] baseline, Origin origin) {
        this(module, moduleHash, optLevel, metering, code, unsupported, baseline, new boolean[code.length], origin);
    }

    CompiledModule(Module module, byte[] moduleHash, int optLevel, Metering metering, FinishedCode[] code,
                   String[] unsupported, FinishedCode[] baseline, boolean[] hot, Origin origin) {
        this.module = Objects.requireNonNull(module, "module");
        this.moduleHash = moduleHash.clone();
        this.optLevel = optLevel;
        this.layout = ModuleVmctxLayout.of(module, metering);
        this.imported = module.functionCount() - module.functions().size();
        if (code.length != module.functionCount() || unsupported.length != module.functionCount()
                || baseline.length != module.functionCount() || hot.length != module.functionCount()) {
            throw new IllegalArgumentException("one entry per function expected");
        }
        this.code = code.clone();
        this.unsupported = unsupported.clone();
        this.baseline = baseline.clone();
        this.hot = hot.clone();
        for (int i = 0; i < code.length; i++) {
            if (code[i] != null) {
                this.baseline[i] = null; // optimized code supersedes it
            }
            if (this.baseline[i] == null) {
                this.hot[i] = false; // a tier-up request is kept for baseline code only
            }
        }
        this.origin = origin;
        this.lazyNames = new RelocationTarget[code.length];
        this.baselineNames = new RelocationTarget[code.length];
    }

    /** A module none of whose functions is compiled yet (lazy compilation). */
    public static CompiledModule uncompiled(Module module, byte[] moduleHash, int optLevel, Metering metering) {
        return new CompiledModule(module, moduleHash, optLevel, metering, new FinishedCode[module.functionCount()],
                new String[module.functionCount()], Origin.EAGER);
    }

    /** What the code polls (fuel, interruption): a store uses it only if it runs with the same. */
    public Metering metering() {
        return layout.metering();
    }

    public Module module() {
        return module;
    }

    /** The module binary's hash ({@link CodeCacheFormat#moduleHash}: what names its cache file); empty when unknown. */
    public byte[] moduleHash() {
        return moduleHash.clone();
    }

    public int optLevel() {
        return optLevel;
    }

    public Origin origin() {
        return origin;
    }

    ModuleVmctxLayout layout() {
        return layout;
    }

    int importedFunctions() {
        return imported;
    }

    /** The compiled code of function {@code funcIndex}, or null. */
    public FinishedCode code(int funcIndex) {
        return code[funcIndex];
    }

    /** Why the JIT cannot compile function {@code funcIndex}, or null. */
    public String unsupported(int funcIndex) {
        return unsupported[funcIndex];
    }

    /** The baseline tier's code of function {@code funcIndex} (which then has no optimized code), or null. */
    public FinishedCode baseline(int funcIndex) {
        return baseline[funcIndex];
    }

    /**
     * Whether function {@code funcIndex} has baseline code only and a run asked for its optimizing
     * compile (see the field).
     */
    public boolean hot(int funcIndex) {
        return hot[funcIndex];
    }

    /** Functions with baseline code only that a run asked to optimize ({@link #hot}). */
    public int hotCount() {
        int n = 0;
        for (boolean h : hot) {
            if (h) {
                n++;
            }
        }
        return n;
    }

    /** Defined functions with code, optimized or baseline. */
    public int compiledCount() {
        int n = 0;
        for (int i = 0; i < code.length; i++) {
            if (code[i] != null || baseline[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** Defined functions with the optimizing tier's code. */
    public int optimizedCount() {
        int n = 0;
        for (FinishedCode c : code) {
            if (c != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * This module with more functions compiled (lazily, in some store): {@code more[i]} replaces an
     * absent body; a function the JIT found it cannot compile is recorded as such. {@code hash} is the
     * module's (when this one was made without it).
     */
    public CompiledModule with(FinishedCode[] more, String[] moreUnsupported, Origin newOrigin, byte[] hash) {
        return with(more, moreUnsupported, new FinishedCode[code.length], newOrigin, hash);
    }

    /**
     * The same, with the baseline tier's code of more functions ({@code moreBaseline[i]} replaces an
     * absent one; optimized code supersedes baseline code). A function with baseline code is not
     * recorded as one the optimizing tier cannot compile: its baseline code runs, and asks again.
     */
    public CompiledModule with(FinishedCode[] more, String[] moreUnsupported, FinishedCode[] moreBaseline,
                               Origin newOrigin, byte[] hash) {
        return with(more, moreUnsupported, moreBaseline, new boolean[code.length], newOrigin, hash);
    }

    /**
     * The same, with more functions marked {@linkplain #hot(int) hot} ({@code moreHot[i]}: a run
     * asked for their optimizing compile); a mark stays only on a function left with baseline code.
     */
    public CompiledModule with(FinishedCode[] more, String[] moreUnsupported, FinishedCode[] moreBaseline,
                               boolean[] moreHot, Origin newOrigin, byte[] hash) {
        FinishedCode[] merged = code.clone();
        boolean[] asked = hot.clone();
        String[] reasons = unsupported.clone();
        FinishedCode[] base = baseline.clone();
        for (int i = 0; i < merged.length; i++) {
            if (merged[i] == null && more[i] != null) {
                merged[i] = more[i];
            }
            if (base[i] == null && moreBaseline[i] != null) {
                base[i] = moreBaseline[i];
            }
            if (reasons[i] == null && moreUnsupported[i] != null && base[i] == null) {
                reasons[i] = moreUnsupported[i];
            }
            asked[i] |= moreHot[i];
        }
        return new CompiledModule(module, hash, optLevel, layout.metering(), merged, reasons, base, asked, newOrigin);
    }

    /** Whether {@code other} holds exactly this code (same bodies, same unsupported functions). */
    public boolean sameCode(CompiledModule other) {
        return Arrays.equals(code, other.code) && Arrays.equals(unsupported, other.unsupported)
                && Arrays.equals(baseline, other.baseline) && Arrays.equals(hot, other.hot)
                && optLevel == other.optLevel && Arrays.equals(moduleHash, other.moduleHash)
                && metering().equals(other.metering());
    }

    /** Where a function without code has its lazy-compile stub in the image. */
    RelocationTarget lazyEntry(int funcIndex) {
        return entryName(lazyNames, "lazy", funcIndex);
    }

    /** Where a function's baseline code lies in the image (its entry there is a slot jump). */
    RelocationTarget baselineEntry(int funcIndex) {
        return entryName(baselineNames, "baseline", funcIndex);
    }

    private static RelocationTarget entryName(RelocationTarget[] names, String prefix, int funcIndex) {
        RelocationTarget name = names[funcIndex];
        if (name == null) {
            name = RelocationTarget.symbol(prefix + funcIndex);
            names[funcIndex] = name;
        }
        return name;
    }

    /**
     * The image described above (built anew on each call). The slot jumps and the lazy-compile
     * stubs, one or two per function of a module that a run may barely touch, are each assembled
     * in one block (a large module has tens of thousands of them; one assembler and one finished
     * piece of code per stub took 70-90 ms for 30,000 functions).
     */
    public CodeImage image() {
        List<RelocationTarget> names = new ArrayList<>();
        List<FinishedCode> bodies = new ArrayList<>();
        int[] jumping = new int[code.length - imported];
        int[] lazy = new int[code.length - imported];
        int jumps = 0;
        int lazies = 0;
        for (int i = imported; i < code.length; i++) {
            if (code[i] != null) {
                names.add(RelocationTarget.function(i));
                bodies.add(code[i]);
            } else {
                jumping[jumps++] = i;
                if (unsupported[i] == null) {
                    lazy[lazies++] = i;
                }
            }
        }
        for (int i = imported; i < code.length; i++) {
            if (baseline[i] != null) {
                names.add(baselineEntry(i));
                bodies.add(baseline[i]);
            }
        }
        int[] jumpOffsets = new int[jumps];
        FinishedCode jumpBlock = stubs(jumps, jumpOffsets, (a, k) ->
                a.jmp(Mem.of(Gpr.R15, layout.functionCodeOffset(jumping[k]))));
        int[] lazyOffsets = new int[lazies];
        FinishedCode lazyBlock = stubs(lazies, lazyOffsets, (a, k) -> {
            a.mov(Size.DWORD, Gpr.R11, lazy[k]);
            a.jmp(Mem.of(Gpr.R15, ModuleVmctxLayout.LAZY_COMPILE));
        });
        // the exact size, in the order the builder lays them out, each start 16-byte aligned
        long bytes = 0;
        for (FinishedCode body : bodies) {
            bytes = (bytes + 15 & -16) + body.size();
        }
        if (jumps > 0) {
            bytes = (bytes + 15 & -16) + jumpBlock.size();
        }
        if (lazies > 0) {
            bytes = (bytes + 15 & -16) + lazyBlock.size();
        }
        CodeImage.Builder b = CodeImage.builder((int) Math.min(Integer.MAX_VALUE - 16, bytes));
        for (int k = 0; k < bodies.size(); k++) {
            b.define(names.get(k), bodies.get(k));
        }
        if (jumps > 0) {
            List<RelocationTarget> targets = new ArrayList<>(jumps);
            for (int k = 0; k < jumps; k++) {
                targets.add(RelocationTarget.function(jumping[k]));
            }
            b.defineAll(targets, jumpOffsets, jumpBlock);
        }
        if (lazies > 0) {
            List<RelocationTarget> targets = new ArrayList<>(lazies);
            for (int k = 0; k < lazies; k++) {
                targets.add(lazyEntry(lazy[k]));
            }
            b.defineAll(targets, lazyOffsets, lazyBlock);
        }
        return b.build();
    }

    /** Emits one stub per index into one block, each at a 16-byte boundary (int3 between), noting their offsets. */
    private static FinishedCode stubs(int count, int[] offsets, ObjIntConsumer<X64Assembler> emit) {
        CodeBuffer buf = new CodeBuffer(Math.max(16, 16 * count));
        X64Assembler a = new X64Assembler(buf);
        for (int k = 0; k < count; k++) {
            while ((buf.position() & 15) != 0) {
                buf.emit8(0xCC);
            }
            offsets[k] = buf.position();
            emit.accept(a, k);
        }
        return buf.finish();
    }

    /**
     * The image in executable memory, loaded once and shared by every instance (W^X: written, then
     * made read-execute). It stays mapped while this object is reachable.
     */
    synchronized CodeMemory loadedImage() {
        if (loaded == null || loaded.isClosed()) {
            loaded = CodeMemory.load(image());
        }
        return loaded;
    }

}
