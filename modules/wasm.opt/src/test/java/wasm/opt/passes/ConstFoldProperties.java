package wasm.opt.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import wasm.ir.FloatCC;
import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.interp.IrInterpreter;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.opt.OptLevel;
import wasm.opt.PassPipeline;

/**
 * Constant folding agrees bit for bit with the IR interpreter (the oracle) on
 * every foldable opcode and type, with operands drawn to hit the edges (NaNs
 * with payloads, infinities, -0, integer limits, conversion bounds): the folded
 * function returns what the unfolded one returns (bit for bit, except that a NaN
 * result only has to be an arithmetic NaN in both, as Wasm requires), and a trapping operation is
 * never folded (the folded function still traps with the same message).
 */
class ConstFoldProperties {
    /** One instruction shape: text before the operands, operand types, result type. */
    record Shape(String op, List<String> operands, String result) {
    }

    private static final List<Shape> SHAPES = shapes();

    private static List<Shape> shapes() {
        List<Shape> s = new ArrayList<>();
        for (String t : List.of("i32", "i64")) {
            for (String op : List.of("iadd", "isub", "imul", "sdiv", "udiv", "srem", "urem", "band", "bor", "bxor",
                    "ishl", "sshr", "ushr", "rotl", "rotr")) {
                s.add(new Shape(op + "." + t, List.of(t, t), t));
            }
            for (String op : List.of("clz", "ctz", "popcnt", "sextend8", "sextend16")) {
                s.add(new Shape(op + "." + t, List.of(t), t));
            }
            s.add(new Shape("eqz." + t, List.of(t), "i32"));
            for (IntCC cc : IntCC.values()) {
                s.add(new Shape("icmp." + t + " " + cc.text(), List.of(t, t), "i32"));
            }
            for (String f : List.of("f32", "f64")) {
                for (String op : List.of("fcvt_to_sint", "fcvt_to_uint", "fcvt_to_sint_sat", "fcvt_to_uint_sat")) {
                    s.add(new Shape(op + "." + t, List.of(f), t));
                }
                for (String op : List.of("fcvt_from_sint", "fcvt_from_uint")) {
                    s.add(new Shape(op + "." + f, List.of(t), f));
                }
            }
        }
        s.add(new Shape("sextend32.i64", List.of("i64"), "i64"));
        s.add(new Shape("ireduce.i32", List.of("i64"), "i32"));
        s.add(new Shape("sextend.i64", List.of("i32"), "i64"));
        s.add(new Shape("uextend.i64", List.of("i32"), "i64"));
        for (String f : List.of("f32", "f64")) {
            for (String op : List.of("fadd", "fsub", "fmul", "fdiv", "fmin", "fmax", "fcopysign")) {
                s.add(new Shape(op + "." + f, List.of(f, f), f));
            }
            for (String op : List.of("fabs", "fneg", "sqrt", "ceil", "floor", "trunc", "nearest")) {
                s.add(new Shape(op + "." + f, List.of(f), f));
            }
            for (FloatCC cc : FloatCC.values()) {
                s.add(new Shape("fcmp." + f + " " + cc.text(), List.of(f, f), "i32"));
            }
        }
        s.add(new Shape("fpromote.f64", List.of("f32"), "f64"));
        s.add(new Shape("fdemote.f32", List.of("f64"), "f32"));
        s.add(new Shape("bitcast.f32", List.of("i32"), "f32"));
        s.add(new Shape("bitcast.i32", List.of("f32"), "i32"));
        s.add(new Shape("bitcast.f64", List.of("i64"), "f64"));
        s.add(new Shape("bitcast.i64", List.of("f64"), "i64"));
        s.add(new Shape("select.i64", List.of("i32", "i64", "i64"), "i64"));
        return List.copyOf(s);
    }

    @Provide
    Arbitrary<Integer> shape() {
        return Arbitraries.integers().between(0, SHAPES.size() - 1);
    }

    /** Raw operand bits, interpreted per type; biased towards the values where semantics get subtle. */
    @Provide
    Arbitrary<Long> bits() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs()),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-3, 3)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                        0x8000_0000L, 0x7FFF_FFFFL, 0xFFFF_FFFFL, 32L, 63L, 64L,
                        // f32: NaNs (quiet, signalling, negative), infinities, -0, 2^31, 2^32, -1.5
                        0x7FC0_0000L, 0x7FA0_0001L, 0xFFC0_0000L, 0x7F80_0000L, 0xFF80_0000L, 0x8000_0000L,
                        0x4F00_0000L, 0x4F80_0000L, 0xBFC0_0000L, 0x3F00_0000L,
                        // f64: the same, and 2^63, 2^64, -2^63, 2^31 - 0.5
                        0x7FF8_0000_0000_0000L, 0x7FF4_0000_0000_0001L, 0xFFF8_0000_0000_0000L,
                        0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x43E0_0000_0000_0000L,
                        0x43F0_0000_0000_0000L, 0xC3E0_0000_0000_0000L, 0x41DF_FFFF_FFE0_0000L,
                        0xBFF8_0000_0000_0000L, 0x3FE0_0000_0000_0000L)));
    }

    private static String constant(String type, long bits) {
        return switch (type) {
            case "i32" -> "iconst.i32 " + (int) bits;
            case "i64" -> "iconst.i64 " + bits;
            case "f32" -> "fconst.f32 0x" + Long.toHexString(bits & 0xFFFF_FFFFL);
            default -> "fconst.f64 0x" + Long.toHexString(bits);
        };
    }

    /**
     * The result as text. A NaN result is reported only as an arithmetic (quiet) NaN: Wasm leaves
     * the sign and payload of a NaN result open, and so does the JVM the oracle runs on (the
     * interpreted {@code Math.rint} of a negative NaN returns a positive NaN, the JIT intrinsic a
     * negative one), so exact bits would make the oracle disagree with itself.
     */
    private static String outcome(Function f, String type) {
        try {
            long[] out = new IrInterpreter(1000).run(f, new ModuleEnvironment(EMPTY));
            long v = out[0];
            if (type.equals("f32") && Float.isNaN(Float.intBitsToFloat((int) v))) {
                return (v & 0x0040_0000L) != 0 ? "value arithmetic nan" : "value signalling nan";
            }
            if (type.equals("f64") && Double.isNaN(Double.longBitsToDouble(v))) {
                return (v & 0x0008_0000_0000_0000L) != 0 ? "value arithmetic nan" : "value signalling nan";
            }
            return "value 0x" + Long.toHexString(v);
        } catch (IrTrap t) {
            return "trap " + t.getMessage();
        }
    }

    private static final wasm.core.model.Module EMPTY = wasm.core.text.WatParser.parseModule("(module)");

    @Property(tries = 3000)
    void foldingMatchesTheInterpreter(@ForAll("shape") int index, @ForAll("bits") long a, @ForAll("bits") long b,
                                      @ForAll("bits") long c) {
        Shape s = SHAPES.get(index);
        long[] ops = {a, b, c};
        StringBuilder text = new StringBuilder("function %f() -> " + s.result() + " {\nblock0(v0: i64):\n");
        StringBuilder args = new StringBuilder();
        for (int k = 0; k < s.operands().size(); k++) {
            text.append("    v").append(k + 1).append(" = ").append(constant(s.operands().get(k), ops[k])).append('\n');
            args.append(k == 0 ? " v" : ", v").append(k + 1);
        }
        int r = s.operands().size() + 1;
        text.append("    v").append(r).append(" = ").append(s.op()).append(args).append('\n');
        text.append("    return v").append(r).append("\n}\n");
        Function f = IrParser.parse(text.toString());
        String expected = outcome(f, s.result());
        Function folded = f.copy();
        PassPipeline.builder(OptLevel.O1).add(ConstFoldPass.INSTANCE).add(DcePass.INSTANCE).verifying(true).build()
                .run(folded);
        String actual = outcome(folded, s.result());
        assertEquals(expected, actual, text + "--- folded ---\n" + IrPrinter.print(folded));
        // folded to a constant exactly when it does not trap
        int insts = folded.layoutInstCount();
        assertEquals(expected.startsWith("trap") ? insts > 2 : insts == 2, true,
                "folding state wrong for " + expected + ":\n" + IrPrinter.print(folded));
        Statistics.label("outcome").collect(expected.startsWith("trap") ? "trap" : "value");
    }
}
