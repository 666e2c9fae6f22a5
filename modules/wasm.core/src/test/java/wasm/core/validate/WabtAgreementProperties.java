package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;

/**
 * Differential check against wabt's own validator: spec-suite function bodies
 * with a few substituted bytes that still decode are judged by both
 * {@link Validator} and {@code wasm-validate}, and the verdicts (valid or not)
 * must agree.
 */
class WabtAgreementProperties {
    /**
     * wabt 1.0.32 applies the 2.0 rule that global initializers read only imported
     * globals; the validator follows the current suite (global.wast), which lets
     * them read earlier immutable globals too.
     */
    private static final String GLOBAL_INITIALIZER_RULE = "initializer expression can only reference an imported global";

    private final List<byte[]> corpus = SpecCorpus.validModules();
    private final Path work = scratch();

    @Property(tries = 1000)
    void validatorAgreesWithWabtOnMutatedCode(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2) int changes)
            throws Exception {
        Random random = new Random(seed);
        byte[] bytes = corpus.get(random.nextInt(corpus.size())).clone();
        int[] code = SpecCorpus.codeSection(bytes);
        for (int i = 0; code != null && code[1] > code[0] && i < changes; i++) {
            bytes[code[0] + random.nextInt(code[1] - code[0])] = (byte) random.nextInt(256);
        }
        Module module;
        try {
            module = ModuleDecoder.decode(bytes);
        } catch (MalformedModuleException | UnsupportedFeatureException e) {
            Statistics.collect("not decoded");
            return;
        }
        boolean ours;
        try {
            Validator.validate(module);
            ours = true;
        } catch (InvalidModuleException e) {
            ours = false;
        } catch (UnsupportedFeatureException e) {
            Statistics.collect("unsupported");
            return;
        }
        Path file = work.resolve("m" + Long.toHexString(seed) + ".wasm");
        Files.write(file, bytes);
        Process p = new ProcessBuilder("wasm-validate", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wasm-validate hung");
        }
        Files.delete(file);
        boolean wabt = p.exitValue() == 0;
        if (!wabt && ours && output.contains(GLOBAL_INITIALIZER_RULE)) {
            Statistics.collect("known difference: initializer reads a defined global");
            return;
        }
        Statistics.collect(ours ? "valid" : "invalid");
        assertEquals(wabt, ours, "seed " + seed + ": wabt says " + output.strip() + "\nbytes "
                + java.util.HexFormat.of().formatHex(bytes));
    }

    @AfterProperty
    void removeScratch() throws IOException {
        SpecSuiteModules.deleteTree(work);
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("wasmoon-validator-wabt");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
