package wasm.ir.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import wasm.core.model.FuncType;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.model.NameSection;
import wasm.core.model.Opcode;
import wasm.core.model.ValType;
import wasm.core.validate.Validator;
import wasm.ir.Function;
import wasm.ir.text.IrParser;
import wasm.ir.text.IrPrinter;
import wasm.ir.verify.Verifier;

/** Every numeric Wasm opcode (fixed signature, no immediates) translates to verified IR of one instruction. */
class OpcodeCoverageTest {
    @Test
    void everyNumericOpcodeTranslates() {
        int count = 0;
        WasmToIr translator = new WasmToIr();
        for (Opcode op : Opcode.values()) {
            if (!op.hasFixedSignature() || op.imm() != Opcode.Imm.NONE) {
                continue;
            }
            List<Instruction> code = new ArrayList<>();
            for (int i = 0; i < op.params().size(); i++) {
                code.add(new Instruction.Indexed(Opcode.LOCAL_GET, i));
            }
            code.add(Instruction.plain(op));
            code.add(Instruction.END);
            FuncType type = FuncType.of(op.params(), op.results());
            Module m = new Module(List.of(type), List.of(), List.of(0), List.of(), List.of(), List.of(), List.of(),
                    OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(new FunctionBody(List.<ValType>of(), code)),
                    List.of(), NameSection.EMPTY, List.of());
            Validator.validate(m);
            Function f = translator.translate(m, 0);
            Verifier.check(f);
            assertEquals(2, f.layoutInstCount(), op + ":\n" + f);
            String text = IrPrinter.print(f);
            assertEquals(text, IrPrinter.print(IrParser.parse(text)));
            count++;
        }
        assertTrue(count > 120, "only " + count + " opcodes");
    }
}
