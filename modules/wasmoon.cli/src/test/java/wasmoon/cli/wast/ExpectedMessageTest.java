package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpectedMessageTest {
    @Test
    void actualMayCarryContextAroundTheSpecWording() {
        assertTrue(ExpectedMessage.matches("unknown operator at 3:7", "unknown operator"));
        assertTrue(ExpectedMessage.matches("integer divide by zero", "integer divide by zero"));
        assertTrue(ExpectedMessage.matches("type mismatch in block", "type mismatch"));
        // The reference compares prefixes; spec scripts sometimes abbreviate the wording.
        assertTrue(ExpectedMessage.matches("out of bounds memory access", "out of bounds"));
    }

    @Test
    void differentWordingDoesNotMatch() {
        assertFalse(ExpectedMessage.matches("integer overflow", "integer divide by zero"));
        assertFalse(ExpectedMessage.matches("unknown", "unknown import"));
        assertFalse(ExpectedMessage.matches(null, "unreachable"));
    }

    @Test
    void emptyExpectationAcceptsAnyMessage() {
        assertTrue(ExpectedMessage.matches("anything", ""));
    }
}
