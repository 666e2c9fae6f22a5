package wasm.core.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.validate.SpecSuiteModules.SuiteModule;

/** Valid binary modules from the spec suite, as seeds for mutation properties. */
final class SpecCorpus {
    /** 2.0 scripts whose modules cover control flow, calls, tables, bulk memory and references. */
    private static final List<String> CORPUS_SCRIPTS = List.of("block.wast", "br.wast", "br_table.wast",
            "call_indirect.wast", "bulk.wast", "memory_init.wast", "table_copy.wast", "ref_func.wast",
            "loop.wast", "local_tee.wast", "select.wast", "global.wast");

    private SpecCorpus() {
    }

    static List<byte[]> validModules() {
        try {
            SpecSuiteModules.requireWast2Json();
            Path suite = SpecSuiteModules.suiteDirectory();
            Path work = Files.createTempDirectory("wasmoon-validator-corpus");
            List<byte[]> valid = new ArrayList<>();
            try {
                for (String script : CORPUS_SCRIPTS) {
                    for (SuiteModule m : SpecSuiteModules.extract(suite, script, work).modules()) {
                        if (m.kind().equals("module") && m.bytes() != null && decodesAndValidates(m.bytes())) {
                            valid.add(m.bytes());
                        }
                    }
                }
            } finally {
                SpecSuiteModules.deleteTree(work);
            }
            assertTrue(valid.size() >= 20, "too few valid corpus modules: " + valid.size());
            return List.copyOf(valid);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean decodesAndValidates(byte[] bytes) {
        try {
            Validator.validate(ModuleDecoder.decode(bytes));
            return true;
        } catch (WasmException e) {
            return false;
        }
    }

    /** Start and end offsets of the code section's contents, or null (a plain walk over section headers). */
    static int[] codeSection(byte[] bytes) {
        int pos = 8;
        while (pos < bytes.length) {
            int id = bytes[pos++] & 0xFF;
            long size = 0;
            int shift = 0;
            while (pos < bytes.length) {
                int b = bytes[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            int end = (int) Math.min(bytes.length, pos + size);
            if (id == 10) {
                return new int[] {pos, end};
            }
            pos = end;
        }
        return null;
    }
}
