package wasm.core.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.internal.BinaryCode;
import wasm.core.model.FunctionBody;
import wasm.core.model.Instruction;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.text.WatPrinter;
import wasm.core.validate.Validator;

/**
 * Decoded function bodies stay bytes ({@link BinaryCode}) through decoding and validation and
 * become records when first read: those records are the instructions the text of the same
 * module parses to, validation never makes them, and an invalid body is reported with its
 * function index and the module offset of the instruction that failed.
 */
class LazyFunctionBodyTest {
    private static final Path EXAMPLES = Path.of("../../examples");

    @Test
    void validationReadsTheBytesAndMakesNoRecords() throws IOException {
        for (Path file : exampleBinaries()) {
            Module m = ModuleDecoder.decode(Files.readAllBytes(file));
            Validator.validate(m);
            assertFalse(m.codes().isEmpty(), file.toString());
            for (FunctionBody body : m.codes()) {
                BinaryCode code = assertInstanceOf(BinaryCode.class, body.code(), file.toString());
                assertFalse(code.isDecoded(), file + ": validation decoded a body");
                assertTrue(code.size() > 0 && code.byteSize() >= code.size(), file.toString());
            }
        }
    }

    /**
     * A decoded body knows whether it tail-calls without making its records (the JIT asks it of every
     * direct callee), and says what the parsed text of the same module says.
     */
    @Test
    void decodedBodiesKnowTheirTailCallsWithoutRecords() {
        Module parsed = WatParser.parseModule("""
                (module
                  (type $t (func (result i32)))
                  (table 1 funcref)
                  (func $plain (result i32) (call $direct))
                  (func $direct (result i32) (return_call $plain))
                  (func $indirect (result i32)
                    (block (result i32) (return_call_indirect (type $t) (i32.const 0))))
                  (func $deep (param i32) (result i32)
                    (if (result i32) (local.get 0) (then (i32.const 1)) (else (return_call $plain)))))
                """);
        Module decoded = ModuleDecoder.decode(ModuleEncoder.encode(parsed));
        List<Boolean> expected = List.of(false, true, true, true);
        assertEquals(expected, parsed.codes().stream().map(FunctionBody::tailCalls).toList());
        assertEquals(expected, decoded.codes().stream().map(FunctionBody::tailCalls).toList());
        for (FunctionBody body : decoded.codes()) {
            assertFalse(assertInstanceOf(BinaryCode.class, body.code()).isDecoded());
        }
    }

    @Test
    void decodedBodiesKnowTheirLoopsWithoutRecords() {
        Module parsed = WatParser.parseModule("""
                (module
                  (func $none (result i32) (block (result i32) (i32.const 3)))
                  (func $top (loop))
                  (func $nested (param i32)
                    (if (local.get 0) (then (block (loop (br_if 0 (local.get 0)))))))
                  (func $dead (unreachable) (loop)))
                """);
        Module decoded = ModuleDecoder.decode(ModuleEncoder.encode(parsed));
        List<Boolean> expected = List.of(false, true, true, true);
        assertEquals(expected, parsed.codes().stream().map(FunctionBody::loops).toList());
        assertEquals(expected, decoded.codes().stream().map(FunctionBody::loops).toList());
        for (FunctionBody body : decoded.codes()) {
            assertFalse(assertInstanceOf(BinaryCode.class, body.code()).isDecoded());
        }
    }

    /**
     * The records made lazily are those of an independent path: the module printed as text and
     * parsed again. Every function of every example, so every opcode family the examples use.
     */
    @Test
    void lazilyDecodedBodiesAreTheInstructionsTheTextParsesTo() throws IOException {
        int functions = 0;
        int instructions = 0;
        for (Path file : exampleBinaries()) {
            Module decoded = ModuleDecoder.decode(Files.readAllBytes(file));
            Module parsed = WatParser.parseModule(WatPrinter.print(decoded));
            assertEquals(parsed.codes().size(), decoded.codes().size(), file.toString());
            for (int i = 0; i < decoded.codes().size(); i++) {
                List<Instruction> lazy = decoded.codes().get(i).code();
                List<Instruction> expected = parsed.codes().get(i).code();
                assertEquals(expected.size(), lazy.size(), file + " function " + i + ": instruction count");
                for (int k = 0; k < expected.size(); k++) {
                    assertEquals(expected.get(k), lazy.get(k), file + " function " + i + " instruction " + k);
                }
                assertEquals(parsed.codes().get(i).locals(), decoded.codes().get(i).locals(), file + " locals");
                functions++;
                instructions += lazy.size();
            }
        }
        assertTrue(functions > 200 && instructions > 50_000, functions + " functions, " + instructions);
    }

    /** A second read returns the same records (made once), and an eager copy of them is equal. */
    @Test
    void recordsAreMadeOnceAndEqualAnEagerCopy() throws IOException {
        Module m = ModuleDecoder.decode(Files.readAllBytes(EXAMPLES.resolve("core3.wasm")));
        BinaryCode code = (BinaryCode) m.codes().get(0).code();
        Instruction first = code.get(0);
        assertTrue(code.isDecoded());
        assertTrue(first == code.get(0), "the records are kept");
        assertEquals(List.copyOf(code), code);
        assertEquals(code, List.copyOf(code));
        assertEquals(List.copyOf(code).hashCode(), code.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> code.add(Instruction.END));
    }

    /**
     * Function 3 (one import, so the third defined function) fails at its i32.eqz, which pops an
     * i64: the error names the function and the instruction's offset in the binary; the message
     * stays the spec's.
     */
    @Test
    void anInvalidBodyIsReportedWithItsFunctionIndexAndOffset() {
        byte[] bytes = ModuleEncoder.encode(WatParser.parseModule("""
                (module
                  (import "m" "f" (func))
                  (func nop)
                  (func (result i32) i32.const 1)
                  (func (local i32 i64) nop nop i64.const 1 i32.eqz drop)
                  (func i32.const 0 drop))
                """));
        int eqz = indexOf(bytes, new byte[] {0x02, 0x01, 0x7F, 0x01, 0x7E, 0x01, 0x01, 0x42, 0x01, 0x45}) + 9;
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> Validator.validate(ModuleDecoder.decode(bytes)));
        assertEquals("type mismatch", e.getMessage());
        assertEquals(OptionalInt.of(3), e.functionIndex());
        assertEquals(OptionalLong.of(eqz), e.offset());
        assertEquals("function 3, offset 0x" + Integer.toHexString(eqz), e.location());
    }

    /** The first invalid function in index order is the one reported, as before. */
    @Test
    void theFirstInvalidFunctionIsReported() {
        byte[] bytes = ModuleEncoder.encode(WatParser.parseModule("""
                (module
                  (func nop)
                  (func (result i32) i64.const 1)
                  (func (result i64) i32.const 1))
                """));
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> Validator.validate(ModuleDecoder.decode(bytes)));
        assertEquals(OptionalInt.of(1), e.functionIndex());
        // the error is at the function's final end, the last byte of the second body
        assertEquals(OptionalLong.of(indexOf(bytes, new byte[] {0x42, 0x01, 0x0B}) + 2), e.offset());
    }

    /** A body made of records (the text parser's) has no offset, but the function is named. */
    @Test
    void anInvalidTextBodyIsReportedWithItsFunctionIndex() {
        Module m = WatParser.parseModule("(module (func) (func (result i32) i64.const 1))");
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertEquals("type mismatch", e.getMessage());
        assertEquals(OptionalInt.of(1), e.functionIndex());
        assertEquals(OptionalLong.empty(), e.offset());
    }

    /** Errors outside function bodies carry no location. */
    @Test
    void aModuleLevelErrorHasNoLocation() {
        Module m = WatParser.parseModule("(module (func) (start 7))");
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertEquals("unknown function 7", e.getMessage());
        assertEquals(OptionalInt.empty(), e.functionIndex());
        assertEquals("", e.location());
    }

    /**
     * A malformed body is still refused by the decoder, whatever the bodies around it: the
     * check does not wait for validation or for the first read.
     */
    @Test
    void aMalformedBodyIsRefusedAtDecode() {
        // three bodies; the second has an illegal opcode 0xFF
        byte[] bytes = Bin.module(Bin.section(1, "01 60 00 00"), Bin.section(3, "03 00 00 00"),
                Bin.section(10, "03 " + Bin.body("00 01 0B") + Bin.body("00 FF 0B") + Bin.body("00 0B")));
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(bytes));
        assertEquals("illegal opcode ff", e.getMessage());
    }

    private static List<Path> exampleBinaries() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 10, "examples found: " + files);
        return files;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        int found = -1;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                assertEquals(-1, found, "the pattern occurs once");
                found = i;
            }
        }
        assertTrue(found >= 0, "pattern not found");
        return found;
    }
}
