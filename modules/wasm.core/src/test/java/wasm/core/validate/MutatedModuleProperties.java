package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;

/**
 * Valid spec-suite modules with random byte mutations: decode + validate either
 * succeeds or throws a {@link WasmException} subclass. Nothing else may escape,
 * and nothing may hang (each case is time-boxed).
 */
class MutatedModuleProperties {
    /** Built once per property (jqwik creates one instance per property, shared by its tries). */
    private final List<byte[]> corpus = SpecCorpus.validModules();

    @Property(tries = 1000)
    void mutatedModulesOnlyEverFailWithWasmExceptions(@ForAll long seed,
                                                      @ForAll @IntRange(min = 1, max = 8) int mutations) {
        Random random = new Random(seed);
        byte[] original = corpus.get(random.nextInt(corpus.size()));
        byte[] mutated = mutate(original, mutations, random);
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                Validator.validate(ModuleDecoder.decode(mutated));
                return "valid";
            } catch (WasmException verdict) {
                // Malformed, invalid or unsupported: the statistics show how many reach the validator.
                return verdict.getClass().getSimpleName();
            } catch (Throwable t) {
                return fail("seed " + seed + ": " + t + " for bytes " + java.util.HexFormat.of().formatHex(mutated), t);
            }
        }, () -> "decode + validate did not finish within 10 s (seed " + seed + ")");
        Statistics.collect(outcome);
    }

    /**
     * Substitutions inside the code section only: section and body sizes stay
     * intact, so far more of these reach the validator than random mutations do.
     */
    @Property(tries = 1000)
    void codeSectionSubstitutionsOnlyEverFailWithWasmExceptions(@ForAll long seed,
                                                                @ForAll @IntRange(min = 1, max = 3) int changes) {
        Random random = new Random(seed);
        byte[] bytes = corpus.get(random.nextInt(corpus.size())).clone();
        int[] code = SpecCorpus.codeSection(bytes);
        if (code != null && code[1] > code[0]) {
            for (int i = 0; i < changes; i++) {
                int at = code[0] + random.nextInt(code[1] - code[0]);
                bytes[at] = (byte) random.nextInt(256);
            }
        }
        // The bodies' bytes and their records must get the same verdict (StreamingAgreement).
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                return StreamingAgreement.verdict(bytes, "seed " + seed);
            } catch (Throwable t) {
                return fail("seed " + seed + ": " + t + " for bytes " + java.util.HexFormat.of().formatHex(bytes), t);
            }
        }, () -> "decode + validate did not finish within 10 s (seed " + seed + ")");
        Statistics.collect(outcome);
    }

    private static byte[] mutate(byte[] original, int mutations, Random random) {
        byte[] bytes = original.clone();
        for (int i = 0; i < mutations; i++) {
            // Leave the 8-byte header alone most of the time so mutations reach sections and code.
            int from = bytes.length > 8 && random.nextInt(10) > 0 ? 8 : 0;
            if (bytes.length <= from) {
                break;
            }
            int at = from + random.nextInt(bytes.length - from);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] grown = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, grown, 0, at);
                    grown[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, grown, at + 1, bytes.length - at);
                    bytes = grown;
                }
                case 3 -> {
                    byte[] shrunk = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shrunk, 0, at);
                    System.arraycopy(bytes, at + 1, shrunk, at, bytes.length - at - 1);
                    bytes = shrunk;
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

}
