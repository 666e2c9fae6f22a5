package wasmoon.cli.fuzz;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The WebAssembly features binaryen's translate-to-fuzz mode ({@code wasm-opt -ttf}) may use,
 * by binaryen's flag names. A module enables a random subset of {@link #ttfFeatures()} (half
 * the modules get all of them), so feature combinations are covered too; SIMD is the
 * exception, enabled for a chosen share of the modules ({@link TtfModules#features}). To fuzz
 * a feature once wasmoon implements it (tail calls, ...), mark it {@code implemented}.
 */
enum FuzzFeature {
    SIGN_EXT("sign-ext", true, true),
    MUTABLE_GLOBALS("mutable-globals", true, true),
    NONTRAPPING_FLOAT_TO_INT("nontrapping-float-to-int", true, true),
    BULK_MEMORY("bulk-memory", true, true),
    MULTIVALUE("multivalue", true, true),
    /**
     * Implemented, but Debian's binaryen (version 108) generates pre-standard reference types
     * under this flag ({@code anyref} as a supertype of funcref, non-nullable typed function
     * references in block types), which V8 and wasmoon rightly reject; {@link GeneratedModules}
     * covers reference types instead.
     */
    REFERENCE_TYPES("reference-types", true, false),
    SIMD("simd", true, true),
    TAIL_CALL("tail-call", true, true),
    /** Implemented, but binaryen 108's ttf mode makes no extended constant expressions under this flag. */
    EXTENDED_CONST("extended-const", true, false),
    /**
     * Implemented, but binaryen 108's ttf mode makes only 32-bit memories under this flag (tried on
     * many seeds); {@link GeneratedModules} makes 64-bit memories instead, compared among wasmoon's
     * configurations ({@link FuzzCampaign#tiersOnly}).
     */
    MEMORY64("memory64", true, false),
    /** Implemented; binaryen 108 has no flag for it. {@link GeneratedModules} makes two memories. */
    MULTI_MEMORY("multimemory", true, false),
    EXCEPTION_HANDLING("exception-handling", false, true),
    THREADS("threads", false, true),
    GC("gc", false, true);

    private final String flag;
    private final boolean implemented;
    private final boolean ttfReady;

    FuzzFeature(String flag, boolean implemented, boolean ttfReady) {
        this.flag = flag;
        this.implemented = implemented;
        this.ttfReady = ttfReady;
    }

    String flag() {
        return flag;
    }

    /** The features the ttf generator may enable: implemented by wasmoon and generated correctly by binaryen. */
    static Set<FuzzFeature> ttfFeatures() {
        EnumSet<FuzzFeature> s = EnumSet.noneOf(FuzzFeature.class);
        for (FuzzFeature f : values()) {
            if (f.implemented && f.ttfReady) {
                s.add(f);
            }
        }
        return s;
    }

    /** The features of one module: all of {@code allowed} for half the seeds, else a random subset. */
    static Set<FuzzFeature> pick(Set<FuzzFeature> allowed, SplittableRandom r) {
        if (r.nextBoolean()) {
            return EnumSet.copyOf(allowed);
        }
        EnumSet<FuzzFeature> s = EnumSet.noneOf(FuzzFeature.class);
        for (FuzzFeature f : allowed) {
            if (r.nextInt(3) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    /** wasm-opt's flags for exactly {@code enabled}: MVP, then each feature enabled. */
    static List<String> flags(Set<FuzzFeature> enabled) {
        List<String> out = new ArrayList<>(List.of("--mvp-features"));
        for (FuzzFeature f : enabled) {
            out.add("--enable-" + f.flag);
        }
        return out;
    }

    static Set<FuzzFeature> parse(String commaList) {
        EnumSet<FuzzFeature> s = EnumSet.noneOf(FuzzFeature.class);
        for (String name : commaList.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            boolean found = false;
            for (FuzzFeature f : values()) {
                if (f.flag.equals(name.strip())) {
                    if (!f.implemented) {
                        throw new IllegalArgumentException("wasmoon does not implement " + name + " yet");
                    }
                    s.add(f);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("unknown feature " + name);
            }
        }
        return s;
    }
}
