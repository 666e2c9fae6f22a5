package wasm.wasi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;
import wasm.runtime.Instance;
import wasm.runtime.Store;

/**
 * Runs a WASI command on the interpreter through the public API only (decode,
 * validate, instantiate with {@link WasiPreview1}, {@code _start}). Used by the
 * program tests and, through {@link #main}, by scripts/wasi-compare-node.sh
 * while {@code wasmoon run} has no WASI options.
 */
public final class WasiProgram {
    /** The environment every test program sees (same order as the node side). */
    public static final List<String[]> ENV = List.of(new String[] {"GREETING", "hi"}, new String[] {"WASI_TEST", "1"});

    /** What a run produced. */
    public record Outcome(int exitCode, String stdout, String stderr) {
    }

    private WasiProgram() {
    }

    public static Outcome run(Path wasm, Path sandbox, List<String> argv, byte[] stdin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(wasm, sandbox, argv, new ByteArrayInputStream(stdin), out, err);
        return new Outcome(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static int run(Path wasm, Path sandbox, List<String> argv, InputStream in, OutputStream out,
            OutputStream err) throws IOException {
        Module module = ModuleDecoder.decode(Files.readAllBytes(wasm));
        Validator.validate(module);
        WasiConfig.Builder config = WasiConfig.builder().args(argv).stdin(in).stdout(out).stderr(err);
        for (String[] kv : ENV) {
            config.env(kv[0], kv[1]);
        }
        if (sandbox != null) {
            config.preopen(sandbox, "/sandbox");
        }
        try (Store store = new Store(); WasiPreview1 wasi = new WasiPreview1(config.build())) {
            Instance instance = store.instantiate(module, wasi.imports(store));
            return wasi.run(instance);
        }
    }

    /** {@code WasiProgram FILE.wasm SANDBOX_DIR ARGV0 ARGS...}: exits with the guest's exit code. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: WasiProgram FILE.wasm SANDBOX_DIR ARGV0 [ARGS...]");
            System.exit(2);
        }
        int code = run(Path.of(args[0]), Path.of(args[1]), List.of(args).subList(2, args.length), System.in,
                System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}
