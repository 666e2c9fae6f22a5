package wasm.ir.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import wasm.core.model.BlockType;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;

/**
 * Random valid one-function Wasm modules exporting {@code f(i32, i32, i32) -> i32}:
 * straight-line i32 code inside blocks, ifs, bounded loops and forward branches,
 * with traps possible (division). The program tree is kept beside the module so a
 * test can evaluate it directly as a reference.
 *
 * <p>Each {@link Flavor} draws its random numbers in a fixed order, so a seed
 * always gives the same program of that flavour.
 */
public final class RandomWasmPrograms {
    private RandomWasmPrograms() {
    }

    /** What the generated code may contain. */
    public enum Flavor {
        /** Integer code only; no memory. */
        INTEGER,
        /**
         * Adds {@code i32.load}/{@code i32.store} on one page of memory (masked into it,
         * or now and then unmasked so they may trap), two more comparisons and powers
         * of two among the constants (they feed strength reduction).
         */
        WITH_MEMORY
    }

    /** {@code f}'s three i32 parameters come first among its locals. */
    public static final int PARAMS = 3;
    /** The i32 locals every program may read and write; loop counters get locals of their own after these. */
    public static final int LOCALS = 3;

    // ---- the program tree

    /** An i32 expression. */
    public sealed interface Expr {
    }

    public record Const(int value) implements Expr {
    }

    public record Get(int local) implements Expr {
    }

    public record Bin(Opcode op, Expr a, Expr b) implements Expr {
    }

    public record Un(Opcode op, Expr a) implements Expr {
    }

    public record Sel(Expr a, Expr b, Expr c) implements Expr {
    }

    /** {@code if (result i32)} as an expression. */
    public record IfExpr(Expr cond, Expr then, Expr otherwise) implements Expr {
    }

    /** {@code i32.load} from {@code addr}, masked into the first page unless {@code wild} (then it may trap). */
    public record Load(Expr addr, boolean wild) implements Expr {
    }

    /** A statement: leaves the operand stack as it found it. */
    public sealed interface Stmt {
    }

    public record Set(int local, Expr value) implements Stmt {
    }

    public record Block(List<Stmt> body) implements Stmt {
    }

    public record If(Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    }

    /** Runs {@code body} {@code count} times using its own counter local. */
    public record Loop(int counter, int count, List<Stmt> body) implements Stmt {
    }

    public record BrIf(int depth, Expr cond) implements Stmt {
    }

    public record Return(Expr value) implements Stmt {
    }

    /** {@code i32.store}, addressed like {@link Load}. */
    public record Store(Expr addr, Expr value, boolean wild) implements Stmt {
    }

    /**
     * A generated program: {@code f}'s body is {@code block <body> end <result>}, so the
     * outermost br_if target (depth counted from the innermost label) is that block.
     * {@code localCount} counts parameters, locals and loop counters.
     */
    public record Program(List<Stmt> body, Expr result, int localCount, Module module) {
    }

    /** The first {@value #INTEGER_BINARY} are the {@link Flavor#INTEGER} operators; the rest are added by {@link Flavor#WITH_MEMORY}. */
    private static final Opcode[] BINARY = {Opcode.I32_ADD, Opcode.I32_SUB, Opcode.I32_MUL, Opcode.I32_AND, Opcode.I32_OR,
        Opcode.I32_XOR, Opcode.I32_SHL, Opcode.I32_SHR_S, Opcode.I32_SHR_U, Opcode.I32_ROTL, Opcode.I32_ROTR,
        Opcode.I32_EQ, Opcode.I32_NE, Opcode.I32_LT_S, Opcode.I32_LT_U, Opcode.I32_GE_S, Opcode.I32_GT_U,
        Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U, Opcode.I32_LE_U, Opcode.I32_GT_S};
    private static final int INTEGER_BINARY = 21;
    private static final Opcode[] UNARY = {Opcode.I32_EQZ, Opcode.I32_CLZ, Opcode.I32_CTZ, Opcode.I32_POPCNT,
        Opcode.I32_EXTEND8_S, Opcode.I32_EXTEND16_S};

    /** The validated module of the program generated from {@code seed}. */
    public static Module module(long seed, Flavor flavor) {
        return generate(seed, flavor).module();
    }

    /** The program generated from {@code seed}, with its validated module. */
    public static Program generate(long seed, Flavor flavor) {
        Generator g = new Generator(seed, flavor);
        List<Stmt> body = g.stmts(4, List.of(true));
        Expr result = g.expr(2);
        List<Instruction> code = new ArrayList<>();
        // the whole body is wrapped in a block: the branch target at the depth of the outermost label
        code.add(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY));
        emit(body, code);
        code.add(Instruction.END);
        emit(result, code);
        code.add(Instruction.END);
        List<ValType> localTypes = new ArrayList<>();
        for (int i = PARAMS; i < g.counters; i++) {
            localTypes.add(ValType.I32);
        }
        FuncType type = FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));
        List<MemoryType> memories = flavor == Flavor.WITH_MEMORY ? List.of(new MemoryType(Limits.of(1))) : List.of();
        Module module = new Module(List.of(type), List.of(), List.of(0), List.of(), memories, List.of(),
                List.of(new Export("f", ExternKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalInt.empty(),
                List.of(new FunctionBody(localTypes, code)), List.of(), NameSection.EMPTY, List.of());
        Validator.validate(module);
        return new Program(body, result, g.counters, module);
    }

    /** Generates a program; {@code labels} holds, innermost last, whether each enclosing label may be a br_if target. */
    private static final class Generator {
        private final Random r;
        private final Flavor flavor;
        /** Expression and statement kinds drawn from: the last one of each is the memory access. */
        private final int exprKinds;
        private final int stmtKinds;
        private final int binaryOps;
        private int counters = PARAMS + LOCALS;
        private int budget = 60;

        Generator(long seed, Flavor flavor) {
            this.r = new Random(seed);
            this.flavor = flavor;
            boolean memory = flavor == Flavor.WITH_MEMORY;
            this.exprKinds = memory ? 8 : 7;
            this.stmtKinds = memory ? 8 : 7;
            this.binaryOps = memory ? BINARY.length : INTEGER_BINARY;
        }

        Expr expr(int d) {
            budget--;
            int k = d <= 0 || budget <= 0 ? r.nextInt(2) : r.nextInt(exprKinds);
            return switch (k) {
                case 0 -> new Const(constant());
                case 1 -> new Get(r.nextInt(PARAMS + LOCALS));
                case 2, 3 -> new Bin(BINARY[r.nextInt(binaryOps)], expr(d - 1), expr(d - 1));
                case 4 -> new Un(UNARY[r.nextInt(UNARY.length)], expr(d - 1));
                case 5 -> new Sel(expr(d - 1), expr(d - 1), expr(d - 1));
                case 6 -> new IfExpr(expr(d - 1), expr(d - 1), expr(d - 1));
                default -> new Load(expr(d - 1), r.nextInt(8) == 0);
            };
        }

        private int constant() {
            return switch (flavor) {
                case INTEGER -> r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(9) - 4;
                case WITH_MEMORY -> switch (r.nextInt(6)) {
                    case 0 -> r.nextInt();
                    case 1 -> 1 << r.nextInt(32); // powers of two feed strength reduction
                    default -> r.nextInt(9) - 4;
                };
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
            int k = d <= 0 ? r.nextInt(2) : r.nextInt(stmtKinds);
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
                case 7 -> {
                    return new Store(expr(1), expr(2), r.nextInt(8) == 0);
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

    private static void emit(Expr e, List<Instruction> out) {
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
            case Load l -> {
                address(l.addr(), l.wild(), out);
                out.add(new Instruction.MemoryAccess(Opcode.I32_LOAD, 2, 0));
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

    private static void emit(List<Stmt> stmts, List<Instruction> out) {
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
                case Store st -> {
                    address(st.addr(), st.wild(), out);
                    emit(st.value(), out);
                    out.add(new Instruction.MemoryAccess(Opcode.I32_STORE, 2, 0));
                }
                case Return ret -> {
                    emit(ret.value(), out);
                    out.add(Instruction.plain(Opcode.RETURN));
                }
            }
        }
    }

    private static void address(Expr addr, boolean wild, List<Instruction> out) {
        emit(addr, out);
        if (!wild) {
            out.add(new Instruction.I32Const(0xFFC));
            out.add(Instruction.plain(Opcode.I32_AND));
        }
    }
}
