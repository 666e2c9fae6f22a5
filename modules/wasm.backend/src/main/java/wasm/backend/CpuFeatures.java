package wasm.backend;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The x86-64 extensions beyond the baseline (SSE2) that the code generator may
 * use: an immutable set, detected once per process through a generated CPUID
 * stub ({@link #detect()}), narrowed by the system property
 * {@value #DISABLE_PROPERTY} ({@link #host()}). Compiled code depends on it, so
 * a code cache keys on it ({@link #key()}, {@link #equals}).
 *
 * <p>What the compiler does without each: {@link Feature#LZCNT} missing, clz is
 * {@code bsr} with the zero case; {@link Feature#BMI1} (tzcnt) missing, ctz is
 * {@code bsf} with the zero case; {@link Feature#POPCNT} missing, popcnt is a
 * shift-and-mask sequence; {@link Feature#SSE41} missing, floor, ceil, trunc and
 * nearest round through integer conversion with exact Wasm results (NaNs
 * quieted, signed zeros kept); {@link Feature#SSE42} missing, the i64x2 signed
 * comparisons build pcmpgtq from 32-bit compares and a 64-bit subtraction. Every
 * x86-64 machine we run on has SSE4.1 and SSE4.2; the fallbacks exist so that the
 * behaviour without them is defined and tested.
 * Vector instructions need SSE4.1 and SSSE3 (pshufb): without them a function
 * that has one is not compiled ("SIMD needs SSE4.1 and SSSE3"). With {@link Feature#AVX}
 * every vector instruction is emitted in its VEX three-operand form, and with
 * {@link Feature#AVX2} as well splats and splat loads use vpbroadcast; turning AVX
 * off ({@code -Dwasmoon.cpu.disable=avx}) gives legacy SSE encodings throughout.
 * BMI2 is detected but not used yet.
 */
public record CpuFeatures(Set<Feature> features) {
    /** Comma-separated feature names (any case) to treat as absent, e.g. {@code lzcnt,popcnt,sse41,sse42}; {@code all} for every one. */
    public static final String DISABLE_PROPERTY = "wasmoon.cpu.disable";

    /** An extension and where CPUID reports it. */
    public enum Feature {
        /** leaf 1 ECX bit 9 */
        SSSE3,
        /** leaf 1 ECX bit 19 */
        SSE41,
        /** leaf 1 ECX bit 20: pcmpgtq (i64x2 signed comparisons) */
        SSE42,
        /** leaf 1 ECX bit 23 */
        POPCNT,
        /** leaf 0x80000001 ECX bit 5 (ABM) */
        LZCNT,
        /** leaf 7 EBX bit 3: tzcnt, andn, ... */
        BMI1,
        /** leaf 7 EBX bit 8 */
        BMI2,
        /** leaf 1 ECX bit 28, with OSXSAVE (ECX bit 27) and XCR0 bits 1-2 (the OS saves XMM and YMM state) */
        AVX,
        /** leaf 7 EBX bit 5, with AVX */
        AVX2;

        /** The name in {@value #DISABLE_PROPERTY} and {@link #key()}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CpuFeatures {
        features = Collections.unmodifiableSet(features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
    }

    /** None: the SSE2 baseline of x86-64. */
    public static CpuFeatures baseline() {
        return new CpuFeatures(Set.of());
    }

    /** Every feature (for tests and cross-compilation: such code runs only where the CPU has them all). */
    public static CpuFeatures all() {
        return new CpuFeatures(EnumSet.allOf(Feature.class));
    }

    public static CpuFeatures of(Feature... fs) {
        return new CpuFeatures(fs.length == 0 ? Set.of() : EnumSet.of(fs[0], fs));
    }

    public boolean has(Feature f) {
        return features.contains(f);
    }

    /** This set without {@code fs}. */
    public CpuFeatures without(Set<Feature> fs) {
        EnumSet<Feature> s = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        s.removeAll(fs);
        return new CpuFeatures(s);
    }

    /** The features, comma-separated in declaration order ("baseline" for none): a stable cache key. */
    public String key() {
        if (features.isEmpty()) {
            return "baseline";
        }
        StringJoiner j = new StringJoiner(",");
        for (Feature f : features) {
            j.add(f.text());
        }
        return j.toString();
    }

    @Override
    public String toString() {
        return key();
    }

    /** What this machine's CPU and OS support (CPUID, run once per process). */
    public static CpuFeatures detect() {
        return Detected.FEATURES;
    }

    /**
     * The features the compiler uses by default: {@link #detect()} minus the ones named in
     * the system property {@value #DISABLE_PROPERTY} (read on every call).
     *
     * @throws IllegalArgumentException when the property names an unknown feature
     */
    public static CpuFeatures host() {
        return detect().without(parseDisabled(System.getProperty(DISABLE_PROPERTY, "")));
    }

    /** The features named in a {@value #DISABLE_PROPERTY} value. */
    public static Set<Feature> parseDisabled(String value) {
        EnumSet<Feature> out = EnumSet.noneOf(Feature.class);
        for (String part : value.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                out.addAll(EnumSet.allOf(Feature.class));
                continue;
            }
            Feature found = null;
            for (Feature f : Feature.values()) {
                if (f.text().equals(name)) {
                    found = f;
                }
            }
            if (found == null) {
                StringJoiner known = new StringJoiner(", ");
                for (Feature f : Feature.values()) {
                    known.add(f.text());
                }
                throw new IllegalArgumentException("-D" + DISABLE_PROPERTY + ": unknown CPU feature '" + part.strip()
                        + "' (known: " + known + ", all)");
            }
            out.add(found);
        }
        return out;
    }

    /** The detected set, computed when first asked (a constant of the process, not mutable state). */
    private static final class Detected {
        static final CpuFeatures FEATURES = wasm.backend.internal.CpuId.detect();
    }
}
