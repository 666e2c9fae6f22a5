package wasm.backend.x64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import wasm.backend.code.CodeBuffer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs GNU objdump on raw x86-64 bytes and checks instruction forms against
 * expected Intel-syntax text. A missing objdump fails the test (never skips).
 */
final class Objdump {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+(\\S.*)$");

    /** One instruction form to check: what to emit and the expected text ("a; b" for several). */
    record Case(String expected, Consumer<X64Assembler> emit) {
        @Override
        public String toString() {
            return expected;
        }
    }

    private Objdump() {}

    /** Disassembles {@code code}; returns instruction start offset to normalised text. */
    static NavigableMap<Integer, String> disassemble(byte[] code) {
        Path file = null;
        try {
            file = Files.createTempFile("wasmoon-x64-", ".bin");
            Files.write(file, code);
            Process p;
            try {
                p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                        "--no-show-raw-insn", "-w", file.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("objdump (GNU binutils) is required to check the x86-64 encoder "
                        + "but could not be started: " + e.getMessage(), e);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("objdump failed:\n" + out);
            }
            NavigableMap<Integer, String> result = new TreeMap<>();
            for (String line : out.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    result.put(Integer.parseInt(m.group(1), 16), normalise(m.group(2)));
                }
            }
            return result;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("running objdump failed", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /** Drops objdump's "# address" comments and collapses the mnemonic padding. */
    static String normalise(String text) {
        int hash = text.indexOf('#');
        if (hash >= 0) {
            text = text.substring(0, hash);
        }
        return text.trim().replaceAll("\\s+", " ");
    }

    /**
     * Assembles all cases into one buffer, disassembles once, and fails listing
     * every case whose disassembly (text or instruction boundaries) differs.
     */
    static void check(List<Case> cases) {
        CodeBuffer buf = new CodeBuffer();
        X64Assembler asm = new X64Assembler(buf);
        int[] starts = new int[cases.size()];
        int[] ends = new int[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            starts[i] = buf.position();
            cases.get(i).emit().accept(asm);
            ends[i] = buf.position();
        }
        byte[] code = buf.finish().code();
        NavigableMap<Integer, String> dis = disassemble(code);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            List<String> actual = new ArrayList<>();
            int at = starts[i];
            while (at < ends[i]) {
                String text = dis.get(at);
                if (text == null) {
                    actual.add("<no instruction starts at 0x" + Integer.toHexString(at) + ">");
                    break;
                }
                actual.add(text);
                Integer next = dis.higherKey(at);
                at = next == null ? code.length : next;
            }
            String got = String.join("; ", actual);
            if (at != ends[i] || !got.equals(cases.get(i).expected())) {
                failures.add(String.format("expected [%s] got [%s] bytes %s", cases.get(i).expected(), got,
                        hex(code, starts[i], ends[i])));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " instruction forms disassemble wrongly:\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(60, failures.size()))));
        }
    }

    static String hex(byte[] code, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(String.format("%02x", code[i] & 0xFF));
            if (i + 1 < to) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
