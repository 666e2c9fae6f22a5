package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import wasm.core.InvalidModuleException;
import wasm.core.Feature;
import wasm.core.UnsupportedFeatureException;
import wasm.core.model.Module;

/** Assertions shared by the validator tests: the exact spec message, or acceptance. */
final class ValidationAssertions {
    private ValidationAssertions() {
    }

    static void assertInvalid(Module module, String message) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(module));
        assertEquals(message, e.getMessage());
    }

    static void assertValid(Module module) {
        assertDoesNotThrow(() -> Validator.validate(module));
    }

    static void assertUnsupported(Feature feature, Module module) {
        UnsupportedFeatureException e =
                assertThrows(UnsupportedFeatureException.class, () -> Validator.validate(module));
        assertEquals(feature, e.feature(), e.getMessage());
        assertEquals(true, e.getMessage().startsWith("unsupported feature: " + feature.label() + " ("), e.getMessage());
    }
}
