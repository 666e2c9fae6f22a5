package wasmoon.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * x86-64 disassembly through GNU objdump ({@code objdump -D -b binary -m i386:x86-64 -M intel}):
 * wasm.backend has an encoder but no decoder, and objdump is the reference the
 * backend's own tests check the encoder against.
 */
final class ObjdumpDisassembler {
    /** One decoded instruction. */
    record Line(int offset, byte[] bytes, String text) {
        Line {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        int length() {
            return bytes.length;
        }
    }

    /** "   1f:\t48 8b 45 08          \tmov    rax,QWORD PTR [rbp+0x8]" (bytes on one line: --insn-width=16). */
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{2}(?: [0-9a-f]{2})*)\\s*(?:\\t(.*))?$");

    private final Path objdump;

    private ObjdumpDisassembler(Path objdump) {
        this.objdump = objdump;
    }

    /** The disassembler when {@code objdump} is on PATH. */
    static Optional<ObjdumpDisassembler> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "objdump");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ObjdumpDisassembler(candidate));
            }
        }
        return Optional.empty();
    }

    /** Decodes {@code code} (offsets from 0). */
    List<Line> disassemble(byte[] code) throws IOException {
        if (code.length == 0) {
            return List.of();
        }
        Path input = Files.createTempFile("wasmoon-explore", ".bin");
        try {
            Files.write(input, code);
            Process p = new ProcessBuilder(objdump.toString(), "-D", "-b", "binary", "-m", "i386:x86-64",
                    "-M", "intel", "--insn-width=16", input.toString())
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended;
            try {
                ended = p.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted while waiting for objdump", e);
            }
            if (!ended) {
                p.destroyForcibly();
                throw new IOException("objdump did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("objdump exited " + p.exitValue() + ": " + output.strip());
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(input);
        }
    }

    static List<Line> parse(String objdumpOutput) {
        List<Line> lines = new ArrayList<>();
        for (String raw : objdumpOutput.split("\n")) {
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            int offset = Integer.parseInt(m.group(1), 16);
            String[] hex = m.group(2).split(" ");
            byte[] bytes = new byte[hex.length];
            for (int i = 0; i < hex.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex[i], 16);
            }
            String text = m.group(3) == null ? "" : m.group(3).strip().replaceAll(" {2,}", " ");
            lines.add(new Line(offset, bytes, text));
        }
        return lines;
    }
}
