package wasmoon.cli;

import java.io.PrintStream;
import java.util.List;

import wasm.core.model.Module;

/** {@code wasmoon validate FILE}: prints {@code valid}, or fails with the decoder's or validator's message. */
final class ValidateCommand {
    static final String USAGE = """
              wasmoon validate FILE
                  Decode (or parse, for .wat) and validate FILE; print 'valid' and exit 0,
                  or print the error and exit 1.
            """;

    private ValidateCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        String file = null;
        for (String a : argv) {
            if (a.equals("--verbose") || a.equals("-v")) {
                continue;
            }
            if (a.startsWith("-") && !a.equals("-")) {
                throw new UsageException("validate: unknown option '" + a + "'");
            }
            if (file != null) {
                throw new UsageException("validate: expects one FILE, got '" + file + "' and '" + a + "'");
            }
            file = a;
        }
        if (file == null) {
            throw new UsageException("validate: missing FILE argument");
        }
        Module module = ModuleFileReader.read(file);
        ModuleFileReader.validate(file, module);
        out.println("valid");
        return 0;
    }
}
