package wasmoon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import wasm.core.model.Module;
import wasm.core.text.WatPrinter;

/** {@code wasmoon wasm2wat IN [-o OUT]}: binary format to text format, validated unless {@code --no-check}. */
final class Wasm2WatCommand {
    static final String USAGE = """
              wasmoon wasm2wat IN [-o OUT] [--no-check]
                  Decode the binary module IN, validate it (unless --no-check) and print it in
                  the text format, to OUT or to standard output.
            """;

    private Wasm2WatCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        ConversionOptions options = ConversionOptions.parse("wasm2wat", argv);
        Module module = ModuleFileReader.readBinary(options.input());
        if (options.check()) {
            ModuleFileReader.validate(options.input(), module);
        }
        String text = WatPrinter.print(module);
        if (options.output() == null) {
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            return 0;
        }
        try {
            Files.writeString(Path.of(options.output()), text.endsWith("\n") ? text : text + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(options.output() + ": cannot write: " + e.getMessage(), e);
        }
        return 0;
    }
}
