package wasm.ir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.text.ModuleSource;
import wasm.core.text.WastCommand;
import wasm.core.text.WastParser;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.translate.WasmToIr;
import wasm.ir.verify.Verifier;

/**
 * Reports translation throughput (not a test): every valid module of the spec
 * suite's MVP/2.0 files plus examples/*.wasm, translated repeatedly with one
 * reused {@link WasmToIr} and {@link Function}.
 * Run: {@code java -cp <classes> wasm.ir.bench.TranslationBenchmark <testsuite dir> <examples dir>}.
 */
public final class TranslationBenchmark {
    private TranslationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path suite = Path.of(args[0]);
        List<Module> modules = new ArrayList<>();
        for (String line : Files.readAllLines(suite.resolve("FILES.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length < 2 || !(cols[1].equals("mvp") || cols[1].equals("2.0"))) {
                continue;
            }
            for (WastCommand c : WastParser.parse(Files.readString(suite.resolve(cols[0])), cols[0]).commands()) {
                if (c instanceof WastCommand.ModuleCommand mc) {
                    try {
                        Module m = switch (mc.source()) {
                            case ModuleSource.Text t -> WatParser.parseModule(t.source());
                            case ModuleSource.Binary b -> ModuleDecoder.decode(b.bytes());
                            case ModuleSource.Quote q -> WatParser.parseModule(q.text());
                        };
                        Validator.validate(m);
                        modules.add(m);
                    } catch (WasmException e) {
                        // invalid modules are not translated
                    }
                }
            }
        }
        if (args.length > 1) {
            try (var s = Files.list(Path.of(args[1]))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".wasm")).toList()) {
                    Module m = ModuleDecoder.decode(Files.readAllBytes(p));
                    Validator.validate(m);
                    modules.add(m);
                }
            }
        }
        WasmToIr translator = new WasmToIr();
        Function f = new Function();
        long wasmInsts = 0, irInsts = 0, functions = 0;
        for (Module m : modules) {
            int imported = m.functionCount() - m.functions().size();
            for (int i = imported; i < m.functionCount(); i++) {
                translator.translate(m, i, f);
                Verifier.check(f);
                wasmInsts += m.codes().get(i - imported).code().size();
                irInsts += f.layoutInstCount();
                functions++;
            }
        }
        System.out.printf("%d modules, %d functions, %d wasm instructions -> %d IR instructions%n",
                modules.size(), functions, wasmInsts, irInsts);
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            int reps = 20;
            for (int r = 0; r < reps; r++) {
                for (Module m : modules) {
                    int imported = m.functionCount() - m.functions().size();
                    for (int i = imported; i < m.functionCount(); i++) {
                        translator.translate(m, i, f);
                    }
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %.0f ns/function, %.1f M wasm instructions/s%n", round,
                    secs * 1e9 / (functions * reps), wasmInsts * reps / secs / 1e6);
        }
    }
}
