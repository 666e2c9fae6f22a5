package wasmoon.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;

/** Our module generator: old seeds keep their modules, and wide memories come out as asked. */
class GeneratedModulesTest {
    /**
     * SHA-256 prefixes of {@link GeneratedModules#text(long, boolean)} computed by the generator
     * before wide memories were added (main at 1ba86d1): a campaign's seeds must keep meaning the
     * same modules, so regression notes and earlier runs stay reproducible.
     */
    private static final List<String> BEFORE_WIDE_MEMORIES = List.of(
            "1 false 2769da7e43f4f3b5", "1 true 3a1f9519f4529a08", "3 false 64fefc9bd867d184",
            "3 true 722fdd80f3289967", "42 false b8f4647c46f80c66", "42 true 060e0b683aac4a79",
            "1001 false 9622358c31e6e304", "1001 true 769dab82ade75723", "34567 false fa796efbdc5f66b2",
            "34567 true 2332220921c0c9ff", "99999 false 6e71629a156e5f68", "99999 true daa7da4b99db45c1");

    @Test
    void seedsWithoutWideMemoriesKeepTheirModules() throws NoSuchAlgorithmException {
        for (String line : BEFORE_WIDE_MEMORIES) {
            String[] f = line.split(" ");
            String text = GeneratedModules.text(Long.parseLong(f[0]), Boolean.parseBoolean(f[1]));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            assertEquals(f[2], HexFormat.of().formatHex(digest).substring(0, 16), "seed " + f[0] + " simd " + f[1]);
        }
    }

    /**
     * Wide modules are valid and have what they were asked for: memory 0 64-bit, or two memories
     * (of every combination of address types over the seeds) that instructions name, with SIMD too.
     */
    @Test
    void wideMemoriesAreValidAndUsed() {
        int[] kinds = new int[4];
        for (long seed = 1; seed <= 120; seed++) {
            boolean simd = seed % 3 == 0;
            Module one64 = decode(GeneratedModules.generate(seed, simd, GeneratedModules.Memories.ONE_64));
            assertEquals(1, one64.memoryCount());
            assertTrue(one64.allMemories().get(0).is64(), "seed " + seed);
            assertTrue(FuzzCampaign.tiersOnly(one64));

            String two = GeneratedModules.text(seed, simd, GeneratedModules.Memories.TWO);
            Module m = decode(GeneratedModules.generate(seed, simd, GeneratedModules.Memories.TWO));
            assertEquals(2, m.memoryCount());
            assertTrue(FuzzCampaign.tiersOnly(m));
            kinds[(m.allMemories().get(0).is64() ? 2 : 0) + (m.allMemories().get(1).is64() ? 1 : 0)]++;
            assertTrue(two.contains(" $m1"), "instructions name memory 1: seed " + seed);

            Module narrow = decode(GeneratedModules.generate(seed, simd));
            assertEquals(1, narrow.memoryCount());
            assertTrue(!FuzzCampaign.tiersOnly(narrow));
        }
        for (int k : kinds) {
            assertTrue(k > 10, "every pair of address types occurs: " + java.util.Arrays.toString(kinds));
        }
    }

    @Test
    void theCampaignDrawsWideMemoriesForItsShareOfSeeds() {
        int wide = 0;
        for (long seed = 1; seed <= 2000; seed++) {
            wide += FuzzCampaign.memoriesOf(seed, 0.2).wide() ? 1 : 0;
            assertEquals(GeneratedModules.Memories.ONE_32, FuzzCampaign.memoriesOf(seed, 0));
        }
        assertTrue(wide > 300 && wide < 500, wide + " of 2000");
    }

    private static Module decode(byte[] bytes) {
        Module m = ModuleDecoder.decode(bytes);
        Validator.validate(m);
        return m;
    }
}
