package wasmoon.cli;

import java.util.List;

/**
 * The shared command line of {@code wat2wasm} and {@code wasm2wat}:
 * {@code IN [-o OUT] [--no-check]}.
 */
record ConversionOptions(String input, String output, boolean check) {

    static ConversionOptions parse(String command, List<String> argv) {
        String input = null;
        String output = null;
        boolean check = true;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-o") || a.equals("--output")) {
                if (i + 1 >= argv.size()) {
                    throw new UsageException(command + ": " + a + " needs a file name");
                }
                output = argv.get(++i);
            } else if (a.startsWith("--output=")) {
                output = a.substring("--output=".length());
            } else if (a.equals("--no-check")) {
                check = false;
            } else if (a.equals("--verbose") || a.equals("-v")) {
                // Only changes how errors are reported (Main prints stack traces).
            } else if (a.startsWith("-") && !a.equals("-")) {
                throw new UsageException(command + ": unknown option '" + a + "'");
            } else if (input == null) {
                input = a;
            } else {
                throw new UsageException(command + ": unexpected argument '" + a + "'");
            }
        }
        if (input == null) {
            throw new UsageException(command + ": missing input FILE argument");
        }
        return new ConversionOptions(input, output, check);
    }
}
