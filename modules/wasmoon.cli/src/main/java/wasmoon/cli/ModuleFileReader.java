package wasmoon.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import wasm.core.InvalidModuleException;
import wasm.core.WasmException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Module;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;

/**
 * Reads a module file given on the command line: {@code .wat} files as the text
 * format, everything else as the binary format. Every failure becomes a
 * {@link CommandFailure} whose message starts with the file name as the user
 * typed it.
 */
final class ModuleFileReader {
    private ModuleFileReader() {
    }

    /** Reads text or binary, chosen by the file name's extension. */
    static Module read(String file) {
        return file.endsWith(".wat") ? readText(file) : readBinary(file);
    }

    static Module readBinary(String file) {
        return decodeBinary(file, readBytes(file));
    }

    static Module decodeBinary(String file, byte[] bytes) {
        try {
            return ModuleDecoder.decode(bytes);
        } catch (WasmException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }

    static Module readText(String file) {
        String source = decodeUtf8(file, readBytes(file));
        try {
            return WatParser.parseModule(source);
        } catch (WasmException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates {@code module}, read from {@code file}; failures name the file and, for an error
     * in a function body, the function and (binary modules) the byte offset of the instruction.
     */
    static void validate(String file, Module module) {
        try {
            Validator.validate(module);
        } catch (InvalidModuleException e) {
            String where = e.location();
            throw new CommandFailure(file + ": " + e.getMessage() + (where.isEmpty() ? "" : " (" + where + ")"), e);
        } catch (WasmException e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
    }

    static byte[] readBytes(String file) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new CommandFailure(file + ": is a directory");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CommandFailure(file + ": permission denied", e);
        } catch (IOException e) {
            throw new CommandFailure(file + ": cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new CommandFailure(file + ": too large to read", e);
        }
    }

    private static String decodeUtf8(String file, byte[] bytes) {
        try {
            // Strict decoding: a replacement character would hide a malformed file.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CommandFailure(file + ": malformed UTF-8 encoding", e);
        }
    }
}
