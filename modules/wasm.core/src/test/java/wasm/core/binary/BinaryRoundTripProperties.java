package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import wasm.core.WasmException;
import wasm.core.model.Module;

class BinaryRoundTripProperties {

    @Property(tries = 500)
    void decodeOfEncodeIsTheIdentityOnTheModel(@ForAll long seed) {
        Module m = new RandomModules(seed).module();
        byte[] bytes = ModuleEncoder.encode(m);
        Module back = ModuleDecoder.decode(bytes);
        assertEquals(m, back, "seed " + seed);
        assertArrayEquals(bytes, ModuleEncoder.encode(back), "encoding is deterministic");
    }

    @Property(tries = 400)
    void truncatedModulesDecodeOrFailWithOurExceptions(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1000)
            int cutPermille) {
        byte[] bytes = ModuleEncoder.encode(new RandomModules(seed).module());
        int cut = (int) ((long) bytes.length * cutPermille / 1000);
        byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
        decodeMustNotMisbehave(truncated, "seed " + seed + " cut " + cut);
    }

    @Property(tries = 600)
    void mutatedModulesDecodeOrFailWithOurExceptions(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8)
            int mutations) {
        byte[] bytes = ModuleEncoder.encode(new RandomModules(seed).module());
        Random r = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < mutations && bytes.length > 8; i++) {
            int at = 8 + r.nextInt(bytes.length - 8);
            switch (r.nextInt(4)) {
                case 0 -> bytes[at] = (byte) r.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> bytes[at] = (byte) 0xFF; // maximal lengths and counts
                default -> {
                    // delete one byte
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
            }
        }
        decodeMustNotMisbehave(bytes, "seed " + seed);
    }

    @Property(tries = 300)
    void randomBytesAfterTheHeaderDecodeOrFailWithOurExceptions(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] bytes = new byte[8 + r.nextInt(64)];
        r.nextBytes(bytes);
        System.arraycopy(Bin.hex(Bin.HEADER), 0, bytes, 0, 8);
        decodeMustNotMisbehave(bytes, "seed " + seed);
    }

    private static void decodeMustNotMisbehave(byte[] bytes, String label) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                Module m = ModuleDecoder.decode(bytes);
                // whatever decodes must also re-encode and decode to the same model
                assertEquals(m, ModuleDecoder.decode(ModuleEncoder.encode(m)), label);
            } catch (WasmException expected) {
                // malformed or unsupported: fine
            } catch (RuntimeException | Error e) {
                fail(label + ": " + e, e);
            }
        }, label);
    }
}
