package wasm.ir.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import wasm.core.model.BlockType;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.interp.IrInterpreter;
import wasm.ir.interp.IrTrap;
import wasm.ir.interp.ModuleEnvironment;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.verify.Verifier;

/**
 * Random valid functions (straight-line integer code inside blocks, ifs, bounded
 * loops and forward branches): the translation always verifies, round-trips
 * through the text format, and the IR interpreter computes what a direct
 * evaluation of the program's tree computes, traps included.
 */
class RandomProgramProperties {
    private static final int PARAMS = 3, LOCALS = 3;

    // ---- the program tree (evaluated directly by the reference semantics below)
    sealed interface Expr {
    }

    record Const(int value) implements Expr {
    }

    record Get(int local) implements Expr {
    }

    record Bin(Opcode op, Expr a, Expr b) implements Expr {
    }

    record Un(Opcode op, Expr a) implements Expr {
    }

    record Sel(Expr a, Expr b, Expr c) implements Expr {
    }

    /** {@code if (result i32)} as an expression. */
    record IfExpr(Expr cond, Expr then, Expr otherwise) implements Expr {
    }

    sealed interface Stmt {
    }

    record Set(int local, Expr value) implements Stmt {
    }

    record Block(List<Stmt> body) implements Stmt {
    }

    record If(Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    }

    /** Runs {@code body} {@code count} times using its own counter local. */
    record Loop(int counter, int count, List<Stmt> body) implements Stmt {
    }

    record BrIf(int depth, Expr cond) implements Stmt {
    }

    record Return(Expr value) implements Stmt {
    }

    private static final Opcode[] BINARY = {Opcode.I32_ADD, Opcode.I32_SUB, Opcode.I32_MUL, Opcode.I32_AND, Opcode.I32_OR,
        Opcode.I32_XOR, Opcode.I32_SHL, Opcode.I32_SHR_S, Opcode.I32_SHR_U, Opcode.I32_ROTL, Opcode.I32_ROTR,
        Opcode.I32_EQ, Opcode.I32_NE, Opcode.I32_LT_S, Opcode.I32_LT_U, Opcode.I32_GE_S, Opcode.I32_GT_U,
        Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U};
    private static final Opcode[] UNARY = {Opcode.I32_EQZ, Opcode.I32_CLZ, Opcode.I32_CTZ, Opcode.I32_POPCNT,
        Opcode.I32_EXTEND8_S, Opcode.I32_EXTEND16_S};

    /** Generates a program; {@code labels} holds, innermost last, whether each enclosing label may be a br_if target. */
    static final class Generator {
        final Random r;
        int counters = PARAMS + LOCALS;
        int budget = 60;

        Generator(long seed) {
            this.r = new Random(seed);
        }

        Expr expr(int d) {
            budget--;
            int k = d <= 0 || budget <= 0 ? r.nextInt(2) : r.nextInt(7);
            return switch (k) {
                case 0 -> new Const(r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(9) - 4);
                case 1 -> new Get(r.nextInt(PARAMS + LOCALS));
                case 2, 3 -> new Bin(BINARY[r.nextInt(BINARY.length)], expr(d - 1), expr(d - 1));
                case 4 -> new Un(UNARY[r.nextInt(UNARY.length)], expr(d - 1));
                case 5 -> new Sel(expr(d - 1), expr(d - 1), expr(d - 1));
                default -> new IfExpr(expr(d - 1), expr(d - 1), expr(d - 1));
            };
        }

        List<Stmt> stmts(int d, List<Boolean> labels) {
            List<Stmt> out = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n && budget > 0; i++) {
                out.add(stmt(d, labels));
            }
            return out;
        }

        Stmt stmt(int d, List<Boolean> labels) {
            budget--;
            int k = d <= 0 ? r.nextInt(2) : r.nextInt(7);
            switch (k) {
                case 0, 1 -> {
                    return new Set(r.nextInt(PARAMS + LOCALS), expr(2));
                }
                case 2 -> {
                    return new Block(nested(d, labels, true));
                }
                case 3 -> {
                    Expr c = expr(2);
                    return new If(c, nested(d, labels, true), r.nextBoolean() ? nested(d, labels, true) : List.of());
                }
                case 4 -> {
                    int counter = counters++;
                    return new Loop(counter, 1 + r.nextInt(3), nested(d, labels, false));
                }
                case 5 -> {
                    List<Integer> targets = new ArrayList<>();
                    for (int i = 0; i < labels.size(); i++) {
                        if (labels.get(labels.size() - 1 - i)) {
                            targets.add(i);
                        }
                    }
                    if (targets.isEmpty()) {
                        return new Set(r.nextInt(PARAMS + LOCALS), expr(1));
                    }
                    return new BrIf(targets.get(r.nextInt(targets.size())), expr(2));
                }
                default -> {
                    return r.nextInt(4) == 0 ? new Return(expr(2)) : new Set(r.nextInt(PARAMS + LOCALS), expr(2));
                }
            }
        }

        private List<Stmt> nested(int d, List<Boolean> labels, boolean branchable) {
            List<Boolean> inner = new ArrayList<>(labels);
            inner.add(branchable);
            return stmts(d - 1, inner);
        }
    }

    // ---- compilation to Wasm

    static void emit(Expr e, List<Instruction> out) {
        switch (e) {
            case Const c -> out.add(new Instruction.I32Const(c.value()));
            case Get g -> out.add(new Instruction.Indexed(Opcode.LOCAL_GET, g.local()));
            case Bin b -> {
                emit(b.a(), out);
                emit(b.b(), out);
                out.add(Instruction.plain(b.op()));
            }
            case Un u -> {
                emit(u.a(), out);
                out.add(Instruction.plain(u.op()));
            }
            case Sel s -> {
                emit(s.a(), out);
                emit(s.b(), out);
                emit(s.c(), out);
                out.add(Instruction.plain(Opcode.SELECT));
            }
            case IfExpr i -> {
                emit(i.cond(), out);
                out.add(new Instruction.Block(Opcode.IF, new BlockType.Value(ValType.I32)));
                emit(i.then(), out);
                out.add(Instruction.plain(Opcode.ELSE));
                emit(i.otherwise(), out);
                out.add(Instruction.END);
            }
        }
    }

    static void emit(List<Stmt> stmts, List<Instruction> out) {
        for (Stmt s : stmts) {
            switch (s) {
                case Set set -> {
                    emit(set.value(), out);
                    out.add(new Instruction.Indexed(Opcode.LOCAL_SET, set.local()));
                }
                case Block b -> {
                    out.add(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY));
                    emit(b.body(), out);
                    out.add(Instruction.END);
                }
                case If i -> {
                    emit(i.cond(), out);
                    out.add(new Instruction.Block(Opcode.IF, BlockType.EMPTY));
                    emit(i.then(), out);
                    if (!i.otherwise().isEmpty()) {
                        out.add(Instruction.plain(Opcode.ELSE));
                        emit(i.otherwise(), out);
                    }
                    out.add(Instruction.END);
                }
                case Loop l -> {
                    out.add(new Instruction.I32Const(l.count()));
                    out.add(new Instruction.Indexed(Opcode.LOCAL_SET, l.counter()));
                    out.add(new Instruction.Block(Opcode.LOOP, BlockType.EMPTY));
                    emit(l.body(), out);
                    out.add(new Instruction.Indexed(Opcode.LOCAL_GET, l.counter()));
                    out.add(new Instruction.I32Const(1));
                    out.add(Instruction.plain(Opcode.I32_SUB));
                    out.add(new Instruction.Indexed(Opcode.LOCAL_TEE, l.counter()));
                    out.add(new Instruction.Indexed(Opcode.BR_IF, 0));
                    out.add(Instruction.END);
                }
                case BrIf b -> {
                    emit(b.cond(), out);
                    out.add(new Instruction.Indexed(Opcode.BR_IF, b.depth()));
                }
                case Return ret -> {
                    emit(ret.value(), out);
                    out.add(Instruction.plain(Opcode.RETURN));
                }
            }
        }
    }

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
        Generator g = new Generator(seed);
        List<Stmt> body = g.stmts(4, List.of(true));
        Expr result = g.expr(2);
        List<Instruction> code = new ArrayList<>();
        // the whole body is wrapped in a block: it is the branch target at depth of the outermost label
        code.add(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY));
        emit(body, code);
        code.add(Instruction.END);
        emit(result, code);
        code.add(Instruction.END);
        int locals = g.counters;
        List<ValType> localTypes = new ArrayList<>();
        for (int i = PARAMS; i < locals; i++) {
            localTypes.add(ValType.I32);
        }
        FuncType type = FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));
        Module module = new Module(List.of(type), List.of(), List.of(0), List.of(), List.of(), List.of(),
                List.of(new Export("f", ExternKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalInt.empty(),
                List.of(new FunctionBody(localTypes, code)), List.of(), NameSection.EMPTY, List.of());
        Validator.validate(module);

        Function f = new WasmToIr().translate(module, 0);
        Verifier.check(f);
        String printed = IrPrinter.print(f);
        assertEquals(printed, IrPrinter.print(IrParser.parse(printed)));

        List<Stmt> wrapped = List.of(new Block(body));
        String expected = reference(wrapped, result, new int[] {a, b, c}, locals);
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
