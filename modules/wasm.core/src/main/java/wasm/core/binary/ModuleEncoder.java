package wasm.core.binary;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import wasm.core.model.AddressType;
import wasm.core.model.BlockType;
import wasm.core.model.CustomSection;
import wasm.core.model.DataSegment;
import wasm.core.model.ElementSegment;
import wasm.core.model.Export;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Global;
import wasm.core.model.GlobalType;
import wasm.core.model.Import;
import wasm.core.model.ImportDesc;
import wasm.core.model.Instruction;
import wasm.core.model.Limits;
import wasm.core.model.MemoryType;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.SegmentMode;
import wasm.core.model.TableType;
import wasm.core.model.ValType;

/**
 * Writes a {@link Module} as a canonical binary: sections in spec order, empty
 * sections omitted, shortest LEB128 everywhere, locals run-length grouped.
 *
 * <p>The model does not record where custom sections stood, so they are all
 * written after the last standard section: first the "name" section (only when
 * {@link Module#names()} is not empty), then {@link Module#customSections()} in
 * order. The data count section is written exactly when the model has one.
 * Element segments whose type is funcref and whose items are all
 * {@code ref.func i; end} use the compact function-index encodings (flags
 * 0-3); the others use the expression encodings (flags 4-7).
 *
 * <p>The model is not validated; an instruction record that does not match its
 * opcode's immediates raises {@link IllegalArgumentException}.
 */
public final class ModuleEncoder {
    private ModuleEncoder() {
    }

    /**
     * The binary of {@code m}.
     *
     * @param m the module
     * @return a new array, starting with the magic number and version 1
     * @throws IllegalArgumentException when an instruction record does not match its opcode
     */
    public static byte[] encode(Module m) {
        Objects.requireNonNull(m, "module");
        ByteWriter out = new ByteWriter();
        out.fixed32(0x6D736100);
        out.fixed32(1);

        if (!m.types().isEmpty()) {
            section(out, 1, s -> {
                s.u32(m.types().size());
                for (FuncType t : m.types()) {
                    s.u8(0x60);
                    valTypes(s, t.params());
                    valTypes(s, t.results());
                }
            });
        }
        if (!m.imports().isEmpty()) {
            section(out, 2, s -> {
                s.u32(m.imports().size());
                for (Import imp : m.imports()) {
                    s.name(imp.module());
                    s.name(imp.name());
                    switch (imp.desc()) {
                        case ImportDesc.Func f -> {
                            s.u8(0x00);
                            s.u32(f.typeIndex());
                        }
                        case ImportDesc.Table t -> {
                            s.u8(0x01);
                            tableType(s, t.type());
                        }
                        case ImportDesc.Memory mem -> {
                            s.u8(0x02);
                            memoryType(s, mem.type());
                        }
                        case ImportDesc.Global g -> {
                            s.u8(0x03);
                            globalType(s, g.type());
                        }
                    }
                }
            });
        }
        if (!m.functions().isEmpty()) {
            section(out, 3, s -> {
                s.u32(m.functions().size());
                for (int typeIndex : m.functions()) {
                    s.u32(typeIndex);
                }
            });
        }
        if (!m.tables().isEmpty()) {
            section(out, 4, s -> {
                s.u32(m.tables().size());
                for (TableType t : m.tables()) {
                    tableType(s, t);
                }
            });
        }
        if (!m.memories().isEmpty()) {
            section(out, 5, s -> {
                s.u32(m.memories().size());
                m.memories().forEach(mem -> memoryType(s, mem));
            });
        }
        if (!m.globals().isEmpty()) {
            section(out, 6, s -> {
                s.u32(m.globals().size());
                for (Global g : m.globals()) {
                    globalType(s, g.type());
                    instructions(s, g.init());
                }
            });
        }
        if (!m.exports().isEmpty()) {
            section(out, 7, s -> {
                s.u32(m.exports().size());
                for (Export e : m.exports()) {
                    s.name(e.name());
                    s.u8(e.kind().code());
                    s.u32(e.index());
                }
            });
        }
        if (m.start().isPresent()) {
            section(out, 8, s -> s.u32(m.start().getAsInt()));
        }
        if (!m.elements().isEmpty()) {
            section(out, 9, s -> {
                s.u32(m.elements().size());
                for (ElementSegment e : m.elements()) {
                    elementSegment(s, e);
                }
            });
        }
        if (m.dataCount().isPresent()) {
            section(out, 12, s -> s.u32(m.dataCount().getAsInt()));
        }
        if (!m.codes().isEmpty()) {
            section(out, 10, s -> {
                s.u32(m.codes().size());
                for (FunctionBody body : m.codes()) {
                    ByteWriter b = new ByteWriter();
                    locals(b, body.locals());
                    instructions(b, body.code());
                    s.u32(b.size());
                    s.bytes(b);
                }
            });
        }
        if (!m.datas().isEmpty()) {
            section(out, 11, s -> {
                s.u32(m.datas().size());
                for (DataSegment d : m.datas()) {
                    dataSegment(s, d);
                }
            });
        }
        if (!m.names().equals(NameSection.EMPTY)) {
            section(out, 0, s -> {
                s.name("name");
                nameSection(s, m.names());
            });
        }
        for (CustomSection c : m.customSections()) {
            section(out, 0, s -> {
                s.name(c.name());
                s.bytes(c.data());
            });
        }
        return out.toByteArray();
    }

    private interface SectionBody {
        void write(ByteWriter s);
    }

    private static void section(ByteWriter out, int id, SectionBody body) {
        ByteWriter s = new ByteWriter();
        body.write(s);
        out.u8(id);
        out.u32(s.size());
        out.bytes(s);
    }

    private static void valTypes(ByteWriter s, List<ValType> types) {
        s.u32(types.size());
        for (ValType t : types) {
            s.u8(t.code());
        }
    }

    private static void tableType(ByteWriter s, TableType t) {
        s.u8(t.elementType().code());
        limits(s, t.limits(), t.addressType());
    }

    private static void memoryType(ByteWriter s, MemoryType m) {
        limits(s, m.limits(), m.addressType());
    }

    /** Limits flags: bit 0 for a maximum, bit 2 for 64-bit addresses. */
    private static void limits(ByteWriter s, Limits l, AddressType addressType) {
        s.u8((l.hasMax() ? 0x01 : 0x00) | (addressType == AddressType.I64 ? 0x04 : 0x00));
        s.unsigned(l.min());
        if (l.hasMax()) {
            s.unsigned(l.max());
        }
    }

    private static void globalType(ByteWriter s, GlobalType g) {
        s.u8(g.type().code());
        s.u8(g.mutable() ? 1 : 0);
    }

    private static void locals(ByteWriter s, List<ValType> locals) {
        int groups = 0;
        for (int i = 0; i < locals.size(); i++) {
            if (i == 0 || locals.get(i) != locals.get(i - 1)) {
                groups++;
            }
        }
        s.u32(groups);
        int i = 0;
        while (i < locals.size()) {
            ValType t = locals.get(i);
            int j = i;
            while (j < locals.size() && locals.get(j) == t) {
                j++;
            }
            s.u32(j - i);
            s.u8(t.code());
            i = j;
        }
    }

    private static void elementSegment(ByteWriter s, ElementSegment e) {
        boolean compact = e.type() == ValType.FUNCREF && e.items().stream().allMatch(ModuleEncoder::isRefFuncItem);
        boolean activeZero = e.mode() == SegmentMode.ACTIVE && e.tableIndex() == 0;
        int flags = switch (e.mode()) {
            case ACTIVE -> activeZero && e.type() == ValType.FUNCREF ? 0 : 2;
            case PASSIVE -> 1;
            case DECLARATIVE -> 3;
        };
        if (!compact) {
            flags |= 4;
        }
        s.u32(flags);
        if (e.mode() == SegmentMode.ACTIVE) {
            if ((flags & 2) != 0) {
                s.u32(e.tableIndex());
            }
            instructions(s, e.offset());
        }
        if ((flags & 3) != 0) {
            if (compact) {
                s.u8(0x00); // elemkind funcref
            } else {
                s.u8(e.type().code());
            }
        }
        s.u32(e.items().size());
        for (List<Instruction> item : e.items()) {
            if (compact) {
                s.u32(((Instruction.Indexed) item.get(0)).index());
            } else {
                instructions(s, item);
            }
        }
    }

    private static boolean isRefFuncItem(List<Instruction> item) {
        return item.size() == 2 && item.get(0) instanceof Instruction.Indexed ix && ix.opcode() == Opcode.REF_FUNC
                && item.get(1).opcode() == Opcode.END && item.get(1) instanceof Instruction.Plain;
    }

    private static void dataSegment(ByteWriter s, DataSegment d) {
        if (d.mode() == SegmentMode.PASSIVE) {
            s.u8(0x01);
        } else if (d.memoryIndex() == 0) {
            s.u8(0x00);
            instructions(s, d.offset());
        } else {
            s.u8(0x02);
            s.u32(d.memoryIndex());
            instructions(s, d.offset());
        }
        s.u32(d.length());
        s.bytes(d.init());
    }

    private static void nameSection(ByteWriter s, NameSection names) {
        if (names.moduleName() != null) {
            ByteWriter sub = new ByteWriter();
            sub.name(names.moduleName());
            subsection(s, 0, sub);
        }
        if (!names.functionNames().isEmpty()) {
            ByteWriter sub = new ByteWriter();
            nameMap(sub, names.functionNames());
            subsection(s, 1, sub);
        }
        if (!names.localNames().isEmpty()) {
            ByteWriter sub = new ByteWriter();
            sub.u32(names.localNames().size());
            names.localNames().entrySet().stream()
                    .sorted((a, b) -> Integer.compareUnsigned(a.getKey(), b.getKey()))
                    .forEach(e -> {
                        sub.u32(e.getKey());
                        nameMap(sub, e.getValue());
                    });
            subsection(s, 2, sub);
        }
    }

    private static void subsection(ByteWriter s, int id, ByteWriter sub) {
        s.u8(id);
        s.u32(sub.size());
        s.bytes(sub);
    }

    /** Name maps are written in increasing unsigned index order, as the spec requires. */
    private static void nameMap(ByteWriter s, Map<Integer, String> map) {
        s.u32(map.size());
        map.entrySet().stream()
                .sorted((a, b) -> Integer.compareUnsigned(a.getKey(), b.getKey()))
                .forEach(e -> {
                    s.u32(e.getKey());
                    s.name(e.getValue());
                });
    }

    static void instructions(ByteWriter s, List<Instruction> code) {
        for (Instruction i : code) {
            instruction(s, i);
        }
    }

    private static void instruction(ByteWriter s, Instruction instr) {
        Opcode op = instr.opcode();
        if (op.prefix() != 0) {
            s.u8(op.prefix());
            s.u32(op.code());
        } else {
            s.u8(op.code());
        }
        switch (instr) {
            case Instruction.Plain p -> requireImm(instr, Opcode.Imm.NONE);
            case Instruction.Block b -> {
                requireImm(instr, Opcode.Imm.BLOCK_TYPE);
                switch (b.type()) {
                    case BlockType.Empty e -> s.u8(0x40);
                    case BlockType.Value v -> s.u8(v.type().code());
                    case BlockType.TypeIndex t -> s.signed(Integer.toUnsignedLong(t.typeIndex()));
                }
            }
            case Instruction.Indexed ix -> {
                switch (op.imm()) {
                    case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM, DATA, MEMORY, MEMORY_FILL -> s.u32(ix.index());
                    default -> throw mismatch(instr);
                }
            }
            case Instruction.Indexed2 ix -> {
                switch (op.imm()) {
                    case CALL_INDIRECT, TABLE_INIT, TABLE_COPY, MEMORY_INIT, MEMORY_COPY -> {
                        s.u32(ix.first());
                        s.u32(ix.second());
                    }
                    default -> throw mismatch(instr);
                }
            }
            case Instruction.BrTable bt -> {
                s.u32(bt.labels().size());
                for (int l : bt.labels()) {
                    s.u32(l);
                }
                s.u32(bt.defaultLabel());
            }
            case Instruction.MemoryAccess ma -> {
                requireImm(instr, Opcode.Imm.MEMARG);
                memarg(s, ma.alignLog2(), ma.memoryIndex(), ma.offset());
            }
            case Instruction.I32Const c -> s.signed(c.value());
            case Instruction.I64Const c -> s.signed(c.value());
            case Instruction.F32Const c -> s.fixed32(c.bits());
            case Instruction.F64Const c -> s.fixed64(c.bits());
            case Instruction.SelectTyped st -> valTypes(s, st.types());
            case Instruction.RefNull rn -> s.u8(rn.type().code());
            case Instruction.V128Const c -> {
                s.fixed64(c.lo());
                s.fixed64(c.hi());
            }
            case Instruction.Shuffle sh -> {
                s.fixed64(sh.lo());
                s.fixed64(sh.hi());
            }
            case Instruction.Lane l -> {
                requireImm(instr, Opcode.Imm.LANE);
                s.u8(l.lane());
            }
            case Instruction.MemoryLaneAccess ma -> {
                requireImm(instr, Opcode.Imm.MEMARG_LANE);
                memarg(s, ma.alignLog2(), ma.memoryIndex(), ma.offset());
                s.u8(ma.lane());
            }
        }
    }

    /** A memarg: alignment, the memory index when it is not 0 (flag bit 6 announces it), offset. */
    private static void memarg(ByteWriter s, int alignLog2, int memoryIndex, long offset) {
        if (memoryIndex == 0) {
            s.u32(alignLog2);
        } else {
            s.u32(alignLog2 | 0x40);
            s.u32(memoryIndex);
        }
        s.unsigned(offset);
    }

    private static void requireImm(Instruction instr, Opcode.Imm imm) {
        if (instr.opcode().imm() != imm) {
            throw mismatch(instr);
        }
    }

    private static IllegalArgumentException mismatch(Instruction instr) {
        return new IllegalArgumentException(instr + " does not carry the immediates of " + instr.opcode());
    }
}
