package wasm.backend.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wasm.ir.TrapCode;

class TrapAbiTest {
    @Test
    void everyTrapCodeRoundTripsAndZeroMeansNoTrap() {
        for (TrapCode c : TrapCode.values()) {
            int abi = TrapAbi.abiCode(c);
            assertTrue(abi != TrapAbi.NO_TRAP, c.toString());
            assertEquals(c, TrapAbi.fromAbiCode(abi));
        }
        assertThrows(IllegalArgumentException.class, () -> TrapAbi.fromAbiCode(TrapAbi.NO_TRAP));
        assertThrows(IllegalArgumentException.class, () -> TrapAbi.fromAbiCode(TrapCode.values().length + 1));
    }

    @Test
    void onlyCallIndirectElementTrapsCarryTheIndex() {
        assertTrue(TrapAbi.hasElementIndex(TrapCode.UNDEFINED_ELEMENT));
        assertTrue(TrapAbi.hasElementIndex(TrapCode.UNINITIALIZED_ELEMENT));
        assertFalse(TrapAbi.hasElementIndex(TrapCode.BAD_SIGNATURE));
        assertFalse(TrapAbi.hasElementIndex(TrapCode.TABLE_OOB));
        assertEquals("host function failed", TrapCode.HOST_EXCEPTION.message());
    }
}
