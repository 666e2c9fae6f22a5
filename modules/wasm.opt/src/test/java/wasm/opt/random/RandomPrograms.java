package wasm.opt.random;

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
 * Random valid Wasm functions: straight-line i32 code with loads and stores
 * (one page of memory) inside blocks, ifs, bounded loops and forward branches,
 * with traps possible (division, out-of-bounds access). Adapted
 * from wasm.ir's RandomProgramProperties (copied, not shared: test sources of
 * another module are not on this module's class path).
 */
final class RandomPrograms {
    private RandomPrograms() {
    }

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

    /** {@code i32.load} from {@code addr}, masked into the first page unless {@code wild} (then it may trap). */
    record Load(Expr addr, boolean wild) implements Expr {
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

    record Store(Expr addr, Expr value, boolean wild) implements Stmt {
    }

    private static final Opcode[] BINARY = {Opcode.I32_ADD, Opcode.I32_SUB, Opcode.I32_MUL, Opcode.I32_AND, Opcode.I32_OR,
        Opcode.I32_XOR, Opcode.I32_SHL, Opcode.I32_SHR_S, Opcode.I32_SHR_U, Opcode.I32_ROTL, Opcode.I32_ROTR,
        Opcode.I32_EQ, Opcode.I32_NE, Opcode.I32_LT_S, Opcode.I32_LT_U, Opcode.I32_GE_S, Opcode.I32_GT_U,
        Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U, Opcode.I32_LE_U, Opcode.I32_GT_S};
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
            int k = d <= 0 || budget <= 0 ? r.nextInt(2) : r.nextInt(8);
            return switch (k) {
                case 0 -> new Const(switch (r.nextInt(6)) {
                    case 0 -> r.nextInt();
                    case 1 -> 1 << r.nextInt(32); // powers of two feed strength reduction
                    default -> r.nextInt(9) - 4;
                });
                case 1 -> new Get(r.nextInt(PARAMS + LOCALS));
                case 2, 3 -> new Bin(BINARY[r.nextInt(BINARY.length)], expr(d - 1), expr(d - 1));
                case 4 -> new Un(UNARY[r.nextInt(UNARY.length)], expr(d - 1));
                case 5 -> new Sel(expr(d - 1), expr(d - 1), expr(d - 1));
                case 6 -> new IfExpr(expr(d - 1), expr(d - 1), expr(d - 1));
                default -> new Load(expr(d - 1), r.nextInt(8) == 0);
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
            int k = d <= 0 ? r.nextInt(2) : r.nextInt(8);
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

    /** A validated one-function module exporting {@code f(i32, i32, i32) -> i32}, built from {@code seed}. */
    static Module module(long seed) {
        Generator g = new Generator(seed);
        List<Stmt> body = g.stmts(4, List.of(true));
        Expr result = g.expr(2);
        List<Instruction> code = new ArrayList<>();
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
        Module module = new Module(List.of(type), List.of(), List.of(0), List.of(),
                List.of(new MemoryType(Limits.of(1))), List.of(),
                List.of(new Export("f", ExternKind.FUNC, 0)), OptionalInt.empty(), List.of(), OptionalInt.empty(),
                List.of(new FunctionBody(localTypes, code)), List.of(), NameSection.EMPTY, List.of());
        Validator.validate(module);
        return module;
    }
}
