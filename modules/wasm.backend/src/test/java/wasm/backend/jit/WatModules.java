package wasm.backend.jit;

import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/** Test modules written in WAT: parsed and validated, their exported functions found by name. */
final class WatModules {
    private WatModules() {
    }

    static Module parse(String wat) {
        Module m = WatParser.parseModule(wat);
        Validator.validate(m);
        return m;
    }

    /** The function index of export {@code name}. */
    static int export(Module m, String name) {
        return m.exports().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().index();
    }
}
