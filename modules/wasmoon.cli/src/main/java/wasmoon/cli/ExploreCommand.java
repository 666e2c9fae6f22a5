package wasmoon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedSet;

import wasm.core.WasmException;
import wasm.core.model.Export;
import wasm.core.model.ExternKind;
import wasm.core.model.Module;
import wasm.runtime.tooling.JitInspector.FunctionStages;
import wasm.runtime.tooling.JitInspector;

/**
 * {@code wasmoon explore FILE [--func IDX|NAME]... [--stage ir,ir-opt,vcode,asm] [--opt-level N]}:
 * shows what the JIT makes of each function, stage by stage, the way the
 * runtime compiles it: every stage comes from {@link JitInspector}, the JIT's own
 * compiler observed stage by stage (same vmctx layout, same -O pipeline).
 */
final class ExploreCommand {
    static final String USAGE = """
              wasmoon explore FILE [--func IDX|NAME]... [--stage STAGE,...] [--opt-level 0|1|2]
                  Print what the JIT makes of each defined function (or of those --func names,
                  by function index or by name/export name), stage by stage:
                  ir      the SSA IR right after translation from Wasm
                  ir-opt  the IR after the optimisation passes, with one line per pass
                          (instructions before -> after)
                  vcode   the backend's VCode before register allocation (virtual registers v12)
                          and after it (physical registers %rax, spill slots, spills and reloads)
                  asm     the final x86-64 code: offset, bytes, Intel syntax (needs objdump)
                  Default stages: ir,ir-opt,asm. Default --opt-level: 2, as in 'run'.
            """;

    /** The stages in pipeline order. */
    enum Stage {
        IR("ir"), IR_OPT("ir-opt"), VCODE("vcode"), ASM("asm");

        final String text;

        Stage(String text) {
            this.text = text;
        }

        static Stage of(String text) {
            for (Stage s : values()) {
                if (s.text.equals(text)) {
                    return s;
                }
            }
            throw new UsageException("explore: unknown stage '" + text + "' (stages: ir, ir-opt, vcode, asm)");
        }
    }

    /** What the command line asked for; an empty {@code functions} means every defined function. */
    record Options(String file, List<String> functions, SequencedSet<Stage> stages, int optLevel) {
        Options {
            functions = List.copyOf(functions);
        }
    }

    private ExploreCommand() {
    }

    static Options parse(List<String> argv) {
        String file = null;
        List<String> functions = new ArrayList<>();
        SequencedSet<Stage> stages = null;
        int optLevel = 2;
        ArgCursor cursor = new ArgCursor("explore", argv);
        while (cursor.next()) {
            if (cursor.isOperand()) {
                if (file != null) {
                    throw cursor.unexpectedArgument();
                }
                file = cursor.operand();
                continue;
            }
            switch (cursor.option()) {
                case "--" -> {
                    // The options end here: what follows is FILE even if it starts with '-'.
                }
                case "--func" -> functions.add(cursor.value("a function index or name"));
                case "--stage", "--stages" -> {
                    String list = cursor.value("a list of stages");
                    if (stages == null) {
                        stages = new LinkedHashSet<>();
                    }
                    for (String s : list.split(",", -1)) {
                        stages.add(Stage.of(s.strip()));
                    }
                }
                case "--opt-level" -> optLevel = cursor.optLevel();
                // Main acts on it (stack traces); here it is only checked.
                case "--verbose", "-v" -> cursor.flag();
                default -> throw cursor.unknownOption();
            }
        }
        if (file == null) {
            throw cursor.missingArgument("FILE");
        }
        if (stages == null) {
            stages = new LinkedHashSet<>(List.of(Stage.IR, Stage.IR_OPT, Stage.ASM));
        }
        // Pipeline order whatever the order given.
        SequencedSet<Stage> ordered = new LinkedHashSet<>();
        for (Stage s : Stage.values()) {
            if (stages.contains(s)) {
                ordered.add(s);
            }
        }
        return new Options(file, functions, ordered, optLevel);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        Options options = parse(argv);
        ObjdumpDisassembler disassembler = null;
        if (options.stages().contains(Stage.ASM)) {
            Optional<ObjdumpDisassembler> found = ObjdumpDisassembler.find();
            if (found.isEmpty()) {
                throw new CommandFailure("explore: the asm stage needs objdump (GNU binutils) on PATH, and there is"
                        + " none (other stages: --stage ir,ir-opt,vcode)");
            }
            disassembler = found.get();
        }
        Module module = ModuleFileReader.read(options.file());
        ModuleFileReader.validate(options.file(), module);
        List<Integer> indices = select(module, options);
        boolean first = true;
        for (int index : indices) {
            if (!first) {
                out.println();
            }
            first = false;
            String title = ";; func[" + index + "] " + module.functionName(index);
            FunctionStages stages;
            try {
                stages = JitInspector.inspect(module, index, options.optLevel());
            } catch (WasmException e) {
                out.println(title + ": not translated to IR: " + e.getMessage());
                continue;
            }
            boolean separate = false;
            if (options.stages().contains(Stage.IR)) {
                out.println(title + ": ir");
                out.print(stages.ir());
                separate = true;
            }
            if (options.stages().contains(Stage.IR_OPT)) {
                if (separate) {
                    out.println();
                }
                List<JitInspector.PassLine> passes = stages.passes();
                out.println(title + ": ir-opt (O" + options.optLevel() + ", " + passes.size() + " pass"
                        + (passes.size() == 1 ? "" : "es") + ")");
                for (JitInspector.PassLine p : passes) {
                    out.println(String.format(Locale.ROOT, ";;   %-12s %5d -> %5d insts%s", p.name(),
                            p.beforeInsts(), p.afterInsts(), p.changed() ? "  changed" : ""));
                    if (!p.note().isEmpty()) {
                        out.println(";;     " + p.note());
                    }
                }
                out.print(stages.irOpt());
                separate = true;
            }
            if (options.stages().contains(Stage.VCODE)) {
                if (separate) {
                    out.println();
                }
                separate = true;
                if (stages.vcode().isEmpty()) {
                    out.println(title + ": vcode: not lowered, the runtime interprets it: "
                            + stages.unsupported().orElse("?"));
                } else {
                    out.println(title + ": vcode, before register allocation (virtual registers)");
                    out.print(stages.vcode());
                    out.println();
                    out.println(title + ": vcode, after register allocation (physical registers, spills, reloads)");
                    out.print(stages.vcodeAllocated());
                }
            }
            if (options.stages().contains(Stage.ASM)) {
                if (separate) {
                    out.println();
                }
                if (stages.unsupported().isPresent()) {
                    out.println(title + ": asm: not compiled, the runtime interprets it: "
                            + stages.unsupported().get());
                    continue;
                }
                out.println(title + ": asm (" + stages.code().length + " bytes, " + stages.trapSites().size()
                        + " trap sites, " + stages.relocations().size() + " relocations)");
                printAsm(stages, disassembler, out);
            }
        }
        return 0;
    }

    private static List<Integer> select(Module module, Options options) {
        int imported = module.importedCount(ExternKind.FUNC);
        int total = module.functionCount();
        List<Integer> indices = new ArrayList<>();
        if (options.functions().isEmpty()) {
            for (int i = imported; i < total; i++) {
                indices.add(i);
            }
            if (indices.isEmpty()) {
                throw new CommandFailure(options.file() + ": defines no functions");
            }
            return indices;
        }
        for (String wanted : options.functions()) {
            int index = resolve(module, wanted, options.file());
            if (index < imported) {
                throw new UsageException("explore: function " + wanted + " of " + options.file()
                        + " is imported: it has no code to show");
            }
            if (!indices.contains(index)) {
                indices.add(index);
            }
        }
        return indices;
    }

    private static int resolve(Module module, String wanted, String file) {
        int total = module.functionCount();
        if (!wanted.isEmpty() && wanted.chars().allMatch(Character::isDigit)) {
            int index;
            try {
                index = Integer.parseInt(wanted);
            } catch (NumberFormatException e) {
                index = Integer.MAX_VALUE;
            }
            if (index >= total) {
                throw new UsageException("explore: " + file + " has " + total + " functions, no function " + wanted);
            }
            return index;
        }
        for (int i = 0; i < total; i++) {
            if (module.functionName(i).equals(wanted)) {
                return i;
            }
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(wanted)) {
                return e.index();
            }
        }
        throw new UsageException("explore: " + file + " has no function named '" + wanted + "'");
    }

    private static void printAsm(FunctionStages stages, ObjdumpDisassembler disassembler, PrintStream out) {
        List<ObjdumpDisassembler.Line> lines;
        byte[] code = stages.code();
        try {
            lines = disassembler.disassemble(Arrays.copyOf(code, stages.constantPool()));
        } catch (IOException e) {
            throw new CommandFailure("explore: disassembly failed: " + e.getMessage(), e);
        }
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (ObjdumpDisassembler.Line line : lines) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "  %04x  %-30s %s", line.offset(), hex.formatHex(line.bytes()),
                    line.text()));
            int start = line.offset();
            int end = start + line.length();
            List<String> notes = new ArrayList<>();
            for (JitInspector.TrapNote t : stages.trapSites()) {
                if (t.offset() >= start && t.offset() < end) {
                    notes.add("trap: " + t.message());
                }
            }
            for (JitInspector.RelocationNote r : stages.relocations()) {
                if (r.offset() >= start && r.offset() < end) {
                    notes.add("reloc " + r.target());
                }
            }
            if (!notes.isEmpty()) {
                sb.append("  ; ").append(String.join(", ", notes));
            }
            out.println(sb.toString().stripTrailing());
        }
        // The constant pool after the instructions is data: 8 bytes a line, as little-endian quadwords.
        for (int at = stages.constantPool(); at < code.length; at += 8) {
            byte[] q = Arrays.copyOfRange(code, at, Math.min(at + 8, code.length));
            long v = 0;
            for (int k = q.length - 1; k >= 0; k--) {
                v = v << 8 | (q[k] & 0xFF);
            }
            out.println(String.format(Locale.ROOT, "  %04x  %-30s .quad 0x%016x", at, hex.formatHex(q), v)
                    + (at == stages.constantPool() ? "  ; constant pool" : ""));
        }
    }
}
