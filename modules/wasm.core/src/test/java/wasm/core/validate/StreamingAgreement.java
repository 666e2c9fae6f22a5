package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import wasm.core.InvalidModuleException;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.FunctionBody;
import wasm.core.model.Module;

/**
 * Decode + validate of bytes, checked two ways: the validator's streaming pass over the decoded
 * bodies' bytes, and the same validator over the records the bodies decode to afterwards (which
 * must never fail to decode once the decoder accepted the bytes). Both must give the same
 * verdict: the same exception class, message and function.
 */
public final class StreamingAgreement {
    private StreamingAgreement() {
    }

    /**
     * The verdict on {@code bytes}, after checking that both validations agree.
     *
     * @param bytes a module binary, valid or not
     * @param what what to name in an assertion message
     * @return "valid" or the simple name of the exception
     * @throws WasmException never: verdicts are returned
     * @throws AssertionError when the two validations disagree
     */
    public static String verdict(byte[] bytes, String what) {
        Module m;
        try {
            m = ModuleDecoder.decode(bytes);
        } catch (WasmException e) {
            return e.getClass().getSimpleName();
        }
        String streamed = outcome(m);
        List<FunctionBody> records = new ArrayList<>();
        for (FunctionBody body : m.codes()) {
            records.add(new FunctionBody(body.locals(), new ArrayList<>(body.code())));
        }
        Module eager = new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), records, m.datas(), m.names(),
                m.customSections());
        assertEquals(streamed, outcome(eager), what + ": validating the bytes and the records differs");
        int colon = streamed.indexOf(':');
        return colon < 0 ? streamed : streamed.substring(0, colon);
    }

    /** "valid", or the exception's class and message (and function, for an invalid body). */
    private static String outcome(Module m) {
        try {
            Validator.validate(m);
            return "valid";
        } catch (InvalidModuleException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage() + " " + e.functionIndex();
        } catch (WasmException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
