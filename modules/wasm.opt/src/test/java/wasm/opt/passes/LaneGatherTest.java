package wasm.opt.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import perf.metrics.MetricsRecorder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.IrOpcode;
import wasm.ir.translate.WasmToIr;
import wasm.opt.OptLevel;
import wasm.opt.PassContext;
import wasm.opt.PassPipeline;

/**
 * The e-graph's lane-gather rules meet the code the translator makes of what clang
 * emits for a widening conversion: lanes extracted one by one, converted, splat and
 * replace_lane (imgfilter's tone mapping). The rule property checks the rules' meaning
 * on IR it builds itself; this checks they still match the translator's IR, so a change
 * of either side cannot silently turn them off. Results stay the JIT differential tests'.
 */
class LaneGatherTest {
    /** Four u16 lanes of $v from {@code base}, as f32x4 (clang's uitofp of <4 x i16>). */
    private static String convertU16(int base) {
        String lane = "(f32.convert_i32_u (i16x8.extract_lane_u %d (local.get $v)))";
        String v = "(f32x4.splat " + lane.formatted(base) + ")";
        for (int i = 1; i < 4; i++) {
            v = "(f32x4.replace_lane " + i + " " + v + " " + lane.formatted(base + i) + ")";
        }
        return v;
    }

    private static Map<IrOpcode, Integer> opcodesAfterO2(String body) {
        Module m = WatParser.parseModule("(module (func (param $v v128) (result v128) " + body + "))");
        Validator.validate(m);
        Function f = new WasmToIr().translate(m, 0);
        PassPipeline.forLevel(OptLevel.O2).verifying(true).run(f,
                MetricsRecorder.disabled().beginModule(0).beginFunction(0, null, 0), PassContext.NONE);
        Map<IrOpcode, Integer> count = new TreeMap<>();
        for (int b = f.firstBlock(); b >= 0; b = f.nextBlock(b)) {
            for (int i = f.firstInst(b); i >= 0; i = f.nextInst(i)) {
                count.merge(f.opcode(i), 1, Integer::sum);
            }
        }
        return count;
    }

    @Test
    void aWideningConversionBuiltLaneByLaneBecomesTwoVectorInstructionsPerHalf() {
        Map<IrOpcode, Integer> ops = opcodesAfterO2("(f32x4.add " + convertU16(0) + " " + convertU16(4) + ")");
        assertEquals(Map.of(IrOpcode.VUWIDEN_LOW, 1, IrOpcode.VUWIDEN_HIGH, 1, IrOpcode.VFCVT_FROM_SINT, 2,
                IrOpcode.VFADD, 1, IrOpcode.RETURN, 1), ops);
    }

    @Test
    void lanesOutOfOrderStayAsTheyAre() {
        String swapped = convertU16(0).replace("extract_lane_u 1 ", "extract_lane_u # ")
                .replace("extract_lane_u 2 ", "extract_lane_u 1 ").replace("extract_lane_u # ", "extract_lane_u 2 ");
        Map<IrOpcode, Integer> ops = opcodesAfterO2(swapped);
        assertEquals(4, ops.get(IrOpcode.VEXTRACTLANE));
        assertEquals(3, ops.get(IrOpcode.VINSERTLANE));
    }
}
