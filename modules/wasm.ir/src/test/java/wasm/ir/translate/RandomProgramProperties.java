package wasm.ir.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.Module;
import wasm.core.model.Opcode;
import wasm.ir.Function;
import wasm.ir.interp.IrInterpreter;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.testing.RandomWasmPrograms;
import wasm.ir.testing.RandomWasmPrograms.Bin;
import wasm.ir.testing.RandomWasmPrograms.Block;
import wasm.ir.testing.RandomWasmPrograms.BrIf;
import wasm.ir.testing.RandomWasmPrograms.Const;
import wasm.ir.testing.RandomWasmPrograms.Expr;
import wasm.ir.testing.RandomWasmPrograms.Flavor;
import wasm.ir.testing.RandomWasmPrograms.Get;
import wasm.ir.testing.RandomWasmPrograms.If;
import wasm.ir.testing.RandomWasmPrograms.IfExpr;
import wasm.ir.testing.RandomWasmPrograms.Load;
import wasm.ir.testing.RandomWasmPrograms.Loop;
import wasm.ir.testing.RandomWasmPrograms.Program;
import wasm.ir.testing.RandomWasmPrograms.Return;
import wasm.ir.testing.RandomWasmPrograms.Sel;
import wasm.ir.testing.RandomWasmPrograms.Set;
import wasm.ir.testing.RandomWasmPrograms.Stmt;
import wasm.ir.testing.RandomWasmPrograms.Store;
import wasm.ir.testing.RandomWasmPrograms.Un;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.verify.Verifier;

/**
 * Random valid functions (straight-line integer code inside blocks, ifs, bounded
 * loops and forward branches): the translation always verifies, round-trips
 * through the text format, and the IR interpreter computes what a direct
 * evaluation of the program's tree computes, traps included. The programs come
 * from {@link RandomWasmPrograms} ({@link Flavor#INTEGER}); their reference
 * semantics live here, the one place that needs them.
 */
class RandomProgramProperties {
    // ---- reference semantics, straight from the tree

    static final class Returned extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int value;

        Returned(int value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    static final class Trapped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Trapped(String message) {
            super(message, null, false, false);
        }
    }

    static int eval(Expr e, int[] locals) {
        return switch (e) {
            case Const c -> c.value();
            case Get g -> locals[g.local()];
            case Bin b -> binary(b.op(), eval(b.a(), locals), eval(b.b(), locals));
            case Un u -> unary(u.op(), eval(u.a(), locals));
            case Sel s -> {
                int a = eval(s.a(), locals), b = eval(s.b(), locals), c = eval(s.c(), locals);
                yield c != 0 ? a : b;
            }
            case IfExpr i -> eval(i.cond(), locals) != 0 ? eval(i.then(), locals) : eval(i.otherwise(), locals);
            case Load l -> throw new IllegalArgumentException("the INTEGER flavour has no memory: " + l);
        };
    }

    static int binary(Opcode op, int a, int b) {
        return switch (op) {
            case I32_ADD -> a + b;
            case I32_SUB -> a - b;
            case I32_MUL -> a * b;
            case I32_AND -> a & b;
            case I32_OR -> a | b;
            case I32_XOR -> a ^ b;
            case I32_SHL -> a << b;
            case I32_SHR_S -> a >> b;
            case I32_SHR_U -> a >>> b;
            case I32_ROTL -> Integer.rotateLeft(a, b);
            case I32_ROTR -> Integer.rotateRight(a, b);
            case I32_EQ -> a == b ? 1 : 0;
            case I32_NE -> a != b ? 1 : 0;
            case I32_LT_S -> a < b ? 1 : 0;
            case I32_LT_U -> Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
            case I32_GE_S -> a >= b ? 1 : 0;
            case I32_GT_U -> Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
            case I32_DIV_S -> {
                if (b == 0) {
                    throw new Trapped("integer divide by zero");
                }
                if (a == Integer.MIN_VALUE && b == -1) {
                    throw new Trapped("integer overflow");
                }
                yield a / b;
            }
            case I32_DIV_U -> {
                if (b == 0) {
                    throw new Trapped("integer divide by zero");
                }
                yield Integer.divideUnsigned(a, b);
            }
            case I32_REM_S -> {
                if (b == 0) {
                    throw new Trapped("integer divide by zero");
                }
                yield b == -1 ? 0 : a % b;
            }
            case I32_REM_U -> {
                if (b == 0) {
                    throw new Trapped("integer divide by zero");
                }
                yield Integer.remainderUnsigned(a, b);
            }
            default -> throw new IllegalArgumentException(op.text());
        };
    }

    static int unary(Opcode op, int a) {
        return switch (op) {
            case I32_EQZ -> a == 0 ? 1 : 0;
            case I32_CLZ -> Integer.numberOfLeadingZeros(a);
            case I32_CTZ -> Integer.numberOfTrailingZeros(a);
            case I32_POPCNT -> Integer.bitCount(a);
            case I32_EXTEND8_S -> (byte) a;
            case I32_EXTEND16_S -> (short) a;
            default -> throw new IllegalArgumentException(op.text());
        };
    }

    /** Runs statements; returns -1, or the depth of a pending branch relative to the enclosing label. */
    static int exec(List<Stmt> stmts, int[] locals) {
        for (Stmt s : stmts) {
            int pending = switch (s) {
                case Set set -> {
                    locals[set.local()] = eval(set.value(), locals);
                    yield -1;
                }
                case Block b -> leave(exec(b.body(), locals));
                case If i -> leave(eval(i.cond(), locals) != 0 ? exec(i.then(), locals) : exec(i.otherwise(), locals));
                case Loop l -> {
                    locals[l.counter()] = l.count();
                    int p;
                    while (true) {
                        p = exec(l.body(), locals);
                        if (p >= 0) {
                            break; // never 0: loops are not branch targets
                        }
                        locals[l.counter()]--;
                        if (locals[l.counter()] == 0) {
                            break;
                        }
                    }
                    yield leave(p);
                }
                case BrIf b -> eval(b.cond(), locals) != 0 ? b.depth() : -1;
                case Return ret -> throw new Returned(eval(ret.value(), locals));
                case Store st -> throw new IllegalArgumentException("the INTEGER flavour has no memory: " + st);
            };
            if (pending >= 0) {
                return pending;
            }
        }
        return -1;
    }

    /** A labelled construct consumed a branch to itself (0) or passes an outer one on. */
    private static int leave(int pending) {
        return pending <= 0 ? -1 : pending - 1;
    }

    static String reference(List<Stmt> body, Expr result, int[] args, int locals) {
        int[] l = new int[locals];
        System.arraycopy(args, 0, l, 0, args.length);
        try {
            exec(body, l);
            return "value " + eval(result, l);
        } catch (Returned r) {
            return "value " + r.value;
        } catch (Trapped t) {
            return "trap " + t.getMessage();
        }
    }

    @Property(tries = 400)
    void translatedProgramsVerifyAndComputeTheReferenceResult(@ForAll long seed, @ForAll int a, @ForAll int b, @ForAll int c) {
        Program program = RandomWasmPrograms.generate(seed, Flavor.INTEGER);
        Module module = program.module();
        Function f = new WasmToIr().translate(module, 0);
        Verifier.check(f);
        String printed = IrPrinter.print(f);
        assertEquals(printed, IrPrinter.print(IrParser.parse(printed)));

        // the body runs inside the block that wraps it in the module
        List<Stmt> wrapped = List.of(new Block(program.body()));
        String expected = reference(wrapped, program.result(), new int[] {a, b, c}, program.localCount());
        String actual;
        try {
            long[] out = new IrInterpreter(10_000_000).run(f, new ModuleEnvironment(module), a, b, c);
            actual = "value " + (int) out[0];
        } catch (IrTrap t) {
            actual = "trap " + t.getMessage();
        }
        Statistics.label("outcome").collect(expected.startsWith("trap") ? "trap" : "value");
        Statistics.label("blocks").collect(f.blockCount() < 4 ? "<4" : f.blockCount() < 12 ? "4-11" : "12+");
        assertEquals(expected, actual, printed);
    }
}
