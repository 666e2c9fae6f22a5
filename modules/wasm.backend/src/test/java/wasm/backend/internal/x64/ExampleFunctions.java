package wasm.backend.internal.x64;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import wasm.backend.CpuFeatures;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.validate.Validator;
import wasm.ir.translate.WasmToIr;

/** Every defined function of the example programs (examples/*.wasm), lowered to VCode: a corpus for the allocator's analyses. */
final class ExampleFunctions {
    interface Visitor {
        void visit(String where, VCode code);
    }

    private ExampleFunctions() {
    }

    /** Lowers each function of each example and hands it to {@code visitor}; fails when the examples are missing. */
    static void forEach(Visitor visitor) throws IOException {
        WasmToIr translator = new WasmToIr();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../../examples"))) {
            files = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "example programs found: " + files);
        for (Path file : files) {
            Module m = ModuleDecoder.decode(Files.readAllBytes(file));
            Validator.validate(m);
            int imported = m.functionCount() - m.functions().size();
            for (int i = imported; i < m.functionCount(); i++) {
                VCode code = Lowering.lower(translator.translate(m, i), j -> j >= imported, CpuFeatures.all());
                visitor.visit(file.getFileName() + " function " + i, code);
            }
        }
    }
}
