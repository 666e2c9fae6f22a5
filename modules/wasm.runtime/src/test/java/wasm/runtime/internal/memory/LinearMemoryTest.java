package wasm.runtime.internal.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import wasm.core.model.Limits;
import wasm.runtime.Trap;

/** The native linear memory: reserved once, grown in place, bounds-checked, freed on close. */
class LinearMemoryTest {
    @Test
    void baseAddressNeverMovesAcrossGrowth() {
        try (LinearMemory m = new LinearMemory(1, Limits.UNBOUNDED)) {
            long base = m.baseAddress();
            assertNotEquals(0, base);
            assertEquals(LinearMemory.MAX_PAGES * LinearMemory.PAGE_SIZE, m.segment().byteSize());
            m.writeI32(0, 0xCAFEBABE);
            for (int i = 0; i < 5; i++) {
                assertEquals(1 + i, m.grow(1));
                assertEquals(base, m.baseAddress());
            }
            assertEquals(6 * LinearMemory.PAGE_SIZE, m.byteSize());
            assertEquals(0xCAFEBABE, m.readI32(0));
            m.writeI32(m.byteSize() - 4, 7);
            assertEquals(7, m.readI32(m.byteSize() - 4));
            assertArrayEquals(new byte[8], m.read(LinearMemory.PAGE_SIZE * 3, 8), "new pages are zero");
        }
    }

    @Test
    void reservationIsTheDeclaredMaximum() {
        try (LinearMemory m = new LinearMemory(0, 3)) {
            assertEquals(3 * LinearMemory.PAGE_SIZE, m.segment().byteSize());
            assertEquals(0, m.grow(3));
            assertEquals(-1, m.grow(1));
            assertEquals(new Limits(3, 3), m.limits());
        }
    }

    @Test
    void growBeyond65536PagesFails() {
        try (LinearMemory m = new LinearMemory(0, Limits.UNBOUNDED)) {
            assertEquals(-1, m.grow(65537));
            assertEquals(-1, m.grow(-1));
            assertEquals(0, m.pages());
        }
    }

    @Test
    void everyAccessIsCheckedAndClosedMemoryTraps() {
        LinearMemory m = new LinearMemory(1, 1);
        assertThrows(Trap.class, () -> m.readI32(LinearMemory.PAGE_SIZE - 3));
        assertThrows(Trap.class, () -> m.fill(LinearMemory.PAGE_SIZE, (byte) 1, 1));
        assertThrows(Trap.class, () -> m.copy(0, LinearMemory.PAGE_SIZE - 1, 2));
        assertThrows(Trap.class, () -> m.checkRange(Long.MAX_VALUE, 1));
        m.fill(10, (byte) 5, 3);
        m.copy(11, 10, 3);
        assertArrayEquals(new byte[] {5, 5, 5, 5}, m.read(10, 4));
        m.close();
        assertEquals(0, m.byteSize());
        assertThrows(Trap.class, () -> m.readI32(0));
        assertEquals(-1, m.grow(1));
        m.close();
    }

    @Test
    void zeroMaximumMemoryHasNoMapping() {
        try (LinearMemory m = new LinearMemory(0, 0)) {
            assertEquals(0, m.segment().byteSize());
            assertEquals(-1, m.grow(1));
            assertEquals(0, m.grow(0));
            assertThrows(Trap.class, () -> m.read(0, 1));
        }
    }
}
