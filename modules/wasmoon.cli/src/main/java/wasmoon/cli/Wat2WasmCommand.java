package wasmoon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;

/** {@code wasmoon wat2wasm IN -o OUT}: text format to binary format, validated unless {@code --no-check}. */
final class Wat2WasmCommand {
    static final String USAGE = """
              wasmoon wat2wasm IN -o OUT [--no-check]
                  Parse the text-format module IN, validate it (unless --no-check) and write
                  its binary encoding to OUT.
            """;

    private Wat2WasmCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        ConversionOptions options = ConversionOptions.parse("wat2wasm", argv);
        if (options.output() == null) {
            throw new UsageException("wat2wasm: missing '-o OUT' (binary output is never written to the terminal)");
        }
        Module module = ModuleFileReader.readText(options.input());
        if (options.check()) {
            ModuleFileReader.validate(options.input(), module);
        }
        byte[] bytes = ModuleEncoder.encode(module);
        try {
            Files.write(Path.of(options.output()), bytes);
        } catch (IOException e) {
            throw new CommandFailure(options.output() + ": cannot write: " + e.getMessage(), e);
        }
        return 0;
    }
}
