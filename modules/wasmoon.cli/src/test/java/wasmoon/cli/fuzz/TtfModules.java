package wasmoon.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Modules from binaryen's translate-to-fuzz mode: {@code wasm-opt -ttf} turns a seed's random
 * bytes into a valid module that uses the features enabled for it. Its modules import
 * {@code fuzzing-support.log-i32/i64/f32/f64} (and {@code log-v128} with SIMD) and guard every
 * loop and call with a hang limit, so they terminate.
 */
final class TtfModules {
    private static final int MIN_INPUT = 256;
    private static final int MAX_INPUT = 5_000;

    private TtfModules() {
    }

    /**
     * The features a seed's module uses: a pick of {@code allowed} ({@link FuzzFeature#pick}),
     * and SIMD, when allowed, for the share {@code simdShare} (0 to 1) of the seeds. SIMD is
     * drawn from a random stream of its own, so a seed without SIMD has the features it had
     * before SIMD was fuzzed.
     */
    static Set<FuzzFeature> features(long seed, Set<FuzzFeature> allowed, double simdShare) {
        EnumSet<FuzzFeature> others = EnumSet.noneOf(FuzzFeature.class);
        others.addAll(allowed);
        others.remove(FuzzFeature.SIMD);
        EnumSet<FuzzFeature> s = EnumSet.noneOf(FuzzFeature.class);
        s.addAll(FuzzFeature.pick(others, new SplittableRandom(seed * 31 + 7)));
        if (withSimd(seed, allowed, simdShare)) {
            s.add(FuzzFeature.SIMD);
        }
        return s;
    }

    /**
     * Whether the module of {@code seed} uses SIMD: for the share {@code simdShare} of the seeds
     * when {@code allowed} has it (the same draw for ttf and for {@link GeneratedModules}).
     */
    static boolean withSimd(long seed, Set<FuzzFeature> allowed, double simdShare) {
        return allowed.contains(FuzzFeature.SIMD) && new SplittableRandom(seed * 131 + 17).nextDouble() < simdShare;
    }

    /** Writes the module of {@code seed} to {@code out}; the features are {@link #features}. */
    static void generate(long seed, Set<FuzzFeature> features, Path scratch, Path out)
            throws IOException, InterruptedException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] input = new byte[MIN_INPUT + r.nextInt(MAX_INPUT - MIN_INPUT)];
        r.nextBytes(input);
        Path in = scratch.resolve("ttf-input.bin");
        Files.write(in, input);
        List<String> cmd = new ArrayList<>(List.of("wasm-opt"));
        cmd.addAll(FuzzFeature.flags(features));
        cmd.addAll(List.of("-ttf", in.toString(), "-o", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        if (exit != 0 || !Files.exists(out)) {
            throw new IOException("wasm-opt -ttf failed (exit " + exit + "): " + new String(output));
        }
    }
}
