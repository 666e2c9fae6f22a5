package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.WasmException;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.text.WatPrinter;
import wasm.core.validate.StreamingAgreement;
import wasm.core.validate.Validator;

/**
 * Truncated, corrupted and lying inputs, through the decoder and the validator (binary) or
 * the parser and the validator (text): the only acceptable failure is a
 * {@link WasmException}, within seconds. "Lying" means a length or count rewritten to claim
 * far more than the file holds (a section size, the count opening a section, any LEB128 in
 * it): the decoder must notice the lie from the bytes, never by trying to allocate it. The
 * runtime's HugeModulesTest checks the same inputs under a small heap.
 */
class LyingInputProperties {
    private static final long[] LIES = {0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL, 0x1000_0000L, 1L << 20, 65536};

    @Property(tries = 1500)
    void lyingLengthsAndCountsFailCleanly(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] bytes = ModuleEncoder.encode(new RandomModules(seed).module());
        List<Integer> lebs = structuralLebs(bytes);
        int at = lebs.get(r.nextInt(lebs.size()));
        byte[] lying = replaceLeb(bytes, at, LIES[r.nextInt(LIES.length)]);
        Statistics.collect(decodeAndValidate(lying, "seed " + seed + " lie at " + at));
    }

    @Property(tries = 1000)
    void truncatedAndCorruptedBinariesFailCleanly(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] bytes = ModuleEncoder.encode(new RandomModules(seed).module());
        if (r.nextBoolean()) {
            bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length + 1));
        }
        for (int i = r.nextInt(4); i > 0 && bytes.length > 8; i--) {
            int at = 8 + r.nextInt(bytes.length - 8);
            bytes[at] = switch (r.nextInt(3)) {
                case 0 -> (byte) r.nextInt(256);
                case 1 -> (byte) (bytes[at] ^ (1 << r.nextInt(8)));
                default -> (byte) 0xFF;
            };
        }
        Statistics.collect(decodeAndValidate(bytes, "seed " + seed));
    }

    @Property(tries = 600)
    void truncatedAndCorruptedTextFailsCleanly(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder(WatPrinter.print(new RandomModules(seed).module()));
        if (r.nextBoolean()) {
            text.setLength(r.nextInt(text.length() + 1));
        }
        for (int i = r.nextInt(4); i > 0 && !text.isEmpty(); i--) {
            int at = r.nextInt(text.length());
            switch (r.nextInt(4)) {
                case 0 -> text.setCharAt(at, "()\";$0 x-.\n\\".charAt(r.nextInt(12)));
                case 1 -> text.insert(at, " 4294967296 ");
                case 2 -> text.insert(at, "(".repeat(1 + r.nextInt(2000)));
                default -> text.delete(at, Math.min(text.length(), at + 1 + r.nextInt(40)));
            }
        }
        String source = text.toString();
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                Module m = WatParser.parseModule(source);
                Validator.validate(m);
                return "valid";
            } catch (WasmException e) {
                return e.getClass().getSimpleName();
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ": " + t + " for text\n" + source, t);
            }
        }, () -> "parse + validate took over 10 s (seed " + seed + ")");
        Statistics.collect(outcome);
    }

    /**
     * Decodes and validates, the bodies' bytes and then their records ({@link StreamingAgreement}:
     * the two must agree).
     */
    private static String decodeAndValidate(byte[] bytes, String what) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                return StreamingAgreement.verdict(bytes, what);
            } catch (Throwable t) {
                throw new AssertionError(what + ": " + t + " for bytes " + java.util.HexFormat.of().formatHex(bytes), t);
            }
        }, () -> "decode + validate took over 10 s (" + what + ")");
    }

    /** Offsets of section sizes and of the LEB128 that opens each non-custom section (its count). */
    private static List<Integer> structuralLebs(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        int p = 8;
        while (p < bytes.length) {
            int id = bytes[p] & 0xFF;
            int sizeAt = p + 1;
            long[] size = readLeb(bytes, sizeAt);
            out.add(sizeAt);
            int body = (int) size[1];
            if (id != 0 && id != 8 && body < bytes.length) {
                out.add(body);
            }
            p = (int) (body + size[0]);
        }
        return out;
    }

    /** {value, offset after the LEB}. */
    private static long[] readLeb(byte[] b, int at) {
        long v = 0;
        int shift = 0;
        int p = at;
        while (p < b.length) {
            int x = b[p++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                break;
            }
        }
        return new long[] {v, p};
    }

    private static byte[] replaceLeb(byte[] b, int at, long value) {
        int end = (int) readLeb(b, at)[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        // A padded 5-byte encoding, as a lying producer would write it.
        for (int i = 0; i < 5; i++) {
            out.write((int) ((value >>> (7 * i)) & 0x7F) | (i < 4 ? 0x80 : 0));
        }
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }
}
