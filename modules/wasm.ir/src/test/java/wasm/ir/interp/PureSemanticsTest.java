package wasm.ir.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.TrapCode;
import wasm.ir.Type;

class PureSemanticsTest {
    @Test
    void trapsAreReportedNotEvaluated() {
        assertEquals(Optional.of(TrapCode.INT_DIVZ), PureSemantics.trap(IrOpcode.SDIV, Type.I32, Type.I32, 1, 0));
        assertEquals(Optional.of(TrapCode.INT_OVF),
                PureSemantics.trap(IrOpcode.SDIV, Type.I32, Type.I32, Integer.MIN_VALUE, -1));
        assertEquals(Optional.of(TrapCode.INT_DIVZ), PureSemantics.trap(IrOpcode.UREM, Type.I64, Type.I64, 5, 0));
        long nan = Double.doubleToRawLongBits(Double.NaN);
        assertEquals(Optional.of(TrapCode.BAD_TOINT), PureSemantics.trap(IrOpcode.FCVT_TO_SINT, Type.I32, Type.F64, nan, 0));
        long big = Double.doubleToRawLongBits(3e9);
        assertEquals(Optional.of(TrapCode.INT_OVF), PureSemantics.trap(IrOpcode.FCVT_TO_SINT, Type.I32, Type.F64, big, 0));
        assertEquals(Optional.empty(), PureSemantics.trap(IrOpcode.FCVT_TO_SINT_SAT, Type.I32, Type.F64, big, 0));
        // i64 division by a value whose low 32 bits are zero is not a trap
        assertEquals(Optional.empty(), PureSemantics.trap(IrOpcode.SDIV, Type.I64, Type.I64, 1, 1L << 32));
    }

    @Test
    void resultsAreNormalisedAsTheInterpreterKeepsThem() {
        assertEquals(Integer.MIN_VALUE, PureSemantics.evaluate(IrOpcode.IADD, Type.I32, Type.I32, 0, Integer.MAX_VALUE, 1, 0));
        assertEquals(0, PureSemantics.evaluate(IrOpcode.SREM, Type.I32, Type.I32, 0, Integer.MIN_VALUE, -1, 0));
        assertEquals(Integer.MAX_VALUE,
                PureSemantics.evaluate(IrOpcode.FCVT_TO_SINT_SAT, Type.I32, Type.F64, 0, Double.doubleToRawLongBits(3e9), 0, 0));
        assertEquals(1, PureSemantics.evaluate(IrOpcode.ICMP, Type.I32, Type.I32, IntCC.ULT.ordinal(), 1, -1, 0));
        assertEquals(7, PureSemantics.evaluate(IrOpcode.SELECT, Type.I64, Type.I32, 0, 0, 3, 7));
        long snan = 0x7F80_0001L;
        long quieted = PureSemantics.evaluate(IrOpcode.FADD, Type.F32, Type.F32, 0, snan, 0, 0);
        assertEquals(0x7FC0_0000L, quieted & 0x7FC0_0000L);
        assertEquals(0, quieted >>> 32);
        assertFalse(PureSemantics.covers(IrOpcode.LOAD));
    }
}
