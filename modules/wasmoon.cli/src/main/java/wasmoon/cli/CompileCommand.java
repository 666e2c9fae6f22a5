package wasmoon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import perf.metrics.MetricsConfig;
import perf.metrics.MetricsSession;
import wasm.core.binary.ModuleEncoder;
import wasm.core.model.Module;
import wasm.runtime.PrecompiledModule;
import wasm.runtime.RuntimeOptions;

/**
 * {@code wasmoon compile IN -o OUT}: compiles every function of IN ahead of time, on all cores, and
 * writes a precompiled module ({@code .cwasm}: header with format, compiler build, CPU target and
 * checksum; the wasm binary; the machine code) that {@code wasmoon run OUT} loads without compiling.
 */
final class CompileCommand {
    static final String USAGE = """
              wasmoon compile IN -o OUT [--opt-level 0|1|2 | -O0|-O1|-O2] [--verbose]
                  Compile every function of IN (.wasm or .wat) to machine code and write a
                  precompiled module OUT (.cwasm by convention); 'wasmoon run OUT' loads it
                  without compiling. A .cwasm is refused (never run) when it is truncated, corrupt,
                  made by another wasmoon build or for another CPU.
            """;

    private CompileCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err, MetricsConfig metricsConfig) {
        String in = null;
        String output = null;
        int optLevel = 2;
        boolean verbose = false;
        ArgCursor cursor = new ArgCursor("compile", argv);
        while (cursor.next()) {
            if (cursor.isOperand()) {
                if (in != null) {
                    throw cursor.unexpectedArgument("compile takes one input file");
                }
                in = cursor.operand();
                continue;
            }
            switch (cursor.option()) {
                case "-o", "--output" -> output = cursor.value("an output file");
                case "--opt-level" -> optLevel = cursor.optLevel();
                case "--verbose", "-v" -> verbose = cursor.flag();
                default -> throw cursor.unknownOption();
            }
        }
        if (in == null) {
            throw cursor.missingArgument("IN");
        }
        if (output == null) {
            throw cursor.missingArgument("-o OUT");
        }
        long start = System.nanoTime();
        byte[] bytes;
        Module module;
        if (in.endsWith(".wat")) {
            module = ModuleFileReader.readText(in);
            ModuleFileReader.validate(in, module);
            bytes = ModuleEncoder.encode(module);
        } else {
            bytes = ModuleFileReader.readBytes(in);
            module = ModuleFileReader.decodeBinary(in, bytes);
            ModuleFileReader.validate(in, module);
        }
        PrecompiledModule compiled;
        try (MetricsSession metrics = MetricsSession.open(metricsConfig, err)) {
            compiled = PrecompiledModule.compile(module, bytes,
                    RuntimeOptions.defaults().withOptLevel(optLevel).withMetrics(metrics.recorder()));
        }
        byte[] cwasm = compiled.serialize();
        try {
            Files.write(Path.of(output), cwasm);
        } catch (IOException e) {
            throw new CommandFailure(output + ": cannot write: " + e.getMessage(), e);
        }
        if (verbose) {
            err.println("wasmoon: compiled " + compiled.compiledFunctions() + "/" + module.functions().size()
                    + " functions of " + in + " into " + output + " (" + cwasm.length + " bytes) in "
                    + Math.round((System.nanoTime() - start) / 1e6) + " ms");
        }
        return 0;
    }
}
