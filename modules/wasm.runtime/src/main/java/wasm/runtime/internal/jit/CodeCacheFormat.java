package wasm.runtime.internal.jit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32C;

import wasm.backend.CpuFeatures;
import wasm.backend.X64Compiler;
import wasm.backend.code.FinishedCode;
import wasm.backend.code.Relocation;
import wasm.backend.code.RelocationKind;
import wasm.backend.code.RelocationTarget;
import wasm.backend.code.TrapSite;
import wasm.core.model.Module;
import wasm.ir.TrapCode;

/**
 * The serialized form of a {@link CompiledModule} ({@code .cwasm}, and the files of the automatic
 * code cache). Big-endian throughout:
 *
 * <pre>
 * header   magic "WASMOON\0" (8 bytes), u32 format version, str compiler version,
 *          str target (CPU features the code needs), u32 opt level,
 *          u64 payload length, u32 CRC-32C of the payload
 * payload  bytes module hash ({@link #moduleHash}), bytes wasm binary,
 *          u32 function count, then per function one tag:
 *            0 no code (compiled lazily when called), 1 code, 2 unsupported (str reason),
 *            3 baseline code (the baseline tier's, laid out as code),
 *            4 baseline code of a hot function (its optimizing compile was asked for);
 *          code: bytes machine code, u32 n + n x (u32 offset, u16 trap code),
 *                u32 n + n x (u32 offset, u8 kind, u8 target 0=function 1=symbol,
 *                             u32 index | str name, i64 addend)
 * str      u32 length + UTF-8; bytes: u32 length + bytes
 * </pre>
 *
 * The wasm binary travels along, so a {@code .cwasm} is self-contained and a cache file is matched to
 * its module byte for byte; its hash only names the file. CRC-32C rather than a cryptographic digest:
 * the checks are against accidents (a cut or damaged file), and a digest's provider set-up cost a
 * cold start tens of milliseconds.
 * Reading checks everything before any code is used: {@link CodeCacheError} says which check
 * failed (not a cwasm, truncated, corrupt, stale, foreign CPU), so the caller can recompile.
 */
public final class CodeCacheFormat {
    private static final byte[] MAGIC = {'W', 'A', 'S', 'M', 'O', 'O', 'N', 0};
    /**
     * Version 2: the layout above, code made for {@link Metering#DEFAULT} (loops poll for interruption;
     * version 1 code did not). Version 3: runtime helpers take a memory index and whole-register
     * operands (memory64), and memories after memory 0 have vmctx slots. Version 4: the trap detail
     * (call_indirect's index) is a u64 of its own, so the helpers' slots moved. Version 5 (JIT ABI
     * v4): every tail call is a jump (a callee may return with rsp moved and r15 switched; callers of
     * wasm code re-derive rsp and reload r15), outgoing stack areas padded to 16 bytes. Version 6: a
     * call of a function of the same module whose code has no tail call is not fixed up (it returns
     * in place), and a function whose calls are all such keeps no r15 slot. Version 7: baseline code
     * (tag 3). Version 8: the OSR_ENTRY helper (the vmctx slots after the helpers moved) and baseline
     * frames with an on-stack-replacement countdown. Version 9: hot baseline code (tag 4). Bump on any
     * change to it or to the JIT ABI the code follows.
     */
    public static final int FORMAT_VERSION = 9;
    /** The compiler's identity (project version and build time): code of another build is stale. */
    public static final String COMPILER_VERSION = compilerVersion();
    /**
     * The CPU target code compiled now assumes: x86-64 and the extensions the JIT uses on this
     * machine ({@link CpuFeatures#host()}, so {@code -Dwasmoon.cpu.disable} changes it too).
     */
    public static String target() {
        return X64Compiler.target(CpuFeatures.host());
    }
    private static final int CHECKSUM_BYTES = 4;

    private CodeCacheFormat() {
    }

    /** Why a file was refused. */
    public enum Problem {
        NOT_CWASM("not a precompiled wasmoon module"),
        TRUNCATED("truncated"),
        CORRUPT("corrupt (checksum mismatch)"),
        STALE("written by another wasmoon build or format"),
        FOREIGN_CPU("compiled for another CPU"),
        OTHER_MODULE("compiled from another module or at another optimisation level");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A refused file: {@link #problem()} says which check failed. */
    public static final class CodeCacheError extends Exception {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        CodeCacheError(Problem problem, String detail) {
            super(problem.text() + (detail.isEmpty() ? "" : ": " + detail));
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** CRC-32C of {@code bytes}. */
    static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /**
     * What names a module in the cache: the length and the CRC-32C of its binary (8 bytes). Two
     * modules with the same hash only share a file name; loading compares the binaries themselves.
     */
    public static byte[] moduleHash(byte[] wasmBytes) {
        return ByteBuffer.allocate(8).putInt(wasmBytes.length).putInt(crc32c(wasmBytes)).array();
    }

    /** The cache file name of a module: its hash with everything that makes its code differ. */
    public static String cacheKey(byte[] moduleHash, int optLevel) {
        String key = FORMAT_VERSION + "/" + COMPILER_VERSION + "/" + target() + "/O" + optLevel;
        return HexFormat.of().formatHex(moduleHash) + "-"
                + Integer.toHexString(crc32c(key.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------------------ writing

    /** The file of {@code m}'s code (made from {@code wasmBytes}): the header, then the checked payload. */
    public static byte[] write(CompiledModule m, byte[] wasmBytes) {
        if (!m.metering().equals(Metering.DEFAULT)) {
            throw new IllegalArgumentException("only code made for the default metering is cached, not " + m.metering());
        }
        byte[] compiler = COMPILER_VERSION.getBytes(StandardCharsets.UTF_8);
        byte[] cpu = target().getBytes(StandardCharsets.UTF_8);
        int n = m.module().functionCount();
        // the exact size first: the file is built in one array, never grown or copied (a first run
        // of a large program writes megabytes at its exit, and every fresh page costs there)
        long size = MAGIC.length + 4 + 4 + compiler.length + 4 + cpu.length + 4 + 8 + 4
                + 4 + m.moduleHash().length + 4 + wasmBytes.length + 4;
        for (int i = 0; i < n; i++) {
            FinishedCode code = m.code(i) != null ? m.code(i) : m.baseline(i);
            size += 1 + (code != null ? codeBytes(code)
                    : m.unsupported(i) != null ? 4 + m.unsupported(i).getBytes(StandardCharsets.UTF_8).length : 0);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a code cache file of " + size + " bytes (over 2 GB)");
        }
        Out out = new Out((int) size);
        // the header; the payload's length and checksum are filled in once it is written
        out.raw(MAGIC);
        out.u32(FORMAT_VERSION);
        out.bytes(compiler);
        out.bytes(cpu);
        out.u32(m.optLevel());
        int lengthAt = out.size();
        out.i64(0);
        out.u32(0);
        int payloadAt = out.size();
        out.bytes(m.moduleHash());
        out.bytes(wasmBytes);
        out.u32(n);
        for (int i = 0; i < n; i++) {
            FinishedCode code = m.code(i);
            if (code != null) {
                out.u8(1);
                writeCode(out, code);
            } else if (m.baseline(i) != null) {
                out.u8(m.hot(i) ? 4 : 3);
                writeCode(out, m.baseline(i));
            } else if (m.unsupported(i) != null) {
                out.u8(2);
                out.str(m.unsupported(i));
            } else {
                out.u8(0);
            }
        }
        int payloadBytes = out.size() - payloadAt;
        out.i64At(lengthAt, payloadBytes);
        out.u32At(lengthAt + 8, out.crc32c(payloadAt, payloadBytes));
        return out.full();
    }

    /** The bytes {@link #writeCode} writes for {@code code}. */
    private static long codeBytes(FinishedCode code) {
        long n = 4L + code.size() + 4 + 6L * code.trapSites().size() + 4;
        for (Relocation r : code.relocations()) {
            n += 4 + 1 + 1 + 8 + (r.target() instanceof RelocationTarget.Symbol sym
                    ? 4 + sym.name().getBytes(StandardCharsets.UTF_8).length : 4);
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------ reading

    /**
     * The header and the checked payload of a file, before its module is decoded: views of the
     * file's array, not copies (a code cache file of a large program holds megabytes).
     *
     * @param optLevel the optimisation level of the code
     * @param moduleHash the module's hash, as the file name has it
     * @param wasm the wasm binary: compare it ({@link #holdsModule}) or copy it ({@link #wasmBytes})
     * @param functions the functions, still to be read with {@link CodeCacheFormat#functions}
     */
    public record Checked(int optLevel, byte[] moduleHash, ByteBuffer wasm, ByteBuffer functions) {
        /** A copy of the wasm binary (to decode the module from). */
        public byte[] wasmBytes() {
            byte[] b = new byte[wasm.remaining()];
            wasm.duplicate().get(b);
            return b;
        }

        /** Whether the file was made from exactly {@code wasmBytes}. */
        public boolean holdsModule(byte[] wasmBytes) {
            return wasm.equals(ByteBuffer.wrap(wasmBytes));
        }
    }

    /**
     * Checks the header and the checksum and returns the payload: the wasm binary (for the caller
     * to decode, or to compare with the module it has) and the functions, still to be read with
     * {@link #functions}.
     */
    public static Checked check(byte[] file) throws CodeCacheError {
        ByteBuffer in = ByteBuffer.wrap(file);
        try {
            byte[] magic = new byte[MAGIC.length];
            if (file.length < MAGIC.length) {
                throw new CodeCacheError(file.length == 0 || startsLikeMagic(file) ? Problem.TRUNCATED
                        : Problem.NOT_CWASM, file.length + " bytes");
            }
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CodeCacheError(Problem.NOT_CWASM, "no WASMOON header");
            }
            int version = in.getInt();
            String compiler = str(in);
            String target = str(in);
            int optLevel = in.getInt();
            long length = in.getLong();
            int checksum = in.getInt();
            if (version != FORMAT_VERSION || !compiler.equals(COMPILER_VERSION)) {
                throw new CodeCacheError(Problem.STALE, "format " + version + ", compiler " + compiler + " (this is "
                        + FORMAT_VERSION + ", " + COMPILER_VERSION + ")");
            }
            if (!target.equals(target())) {
                throw new CodeCacheError(Problem.FOREIGN_CPU, "needs " + target + ", this compiler targets " + target());
            }
            if (length != in.remaining()) {
                throw new CodeCacheError(length > in.remaining() ? Problem.TRUNCATED : Problem.CORRUPT,
                        "payload of " + in.remaining() + " bytes, the header says " + length);
            }
            CRC32C crc = new CRC32C();
            crc.update(file, in.position(), in.remaining());
            if (checksum != (int) crc.getValue()) {
                throw new CodeCacheError(Problem.CORRUPT, "");
            }
            ByteBuffer p = in.slice();
            byte[] moduleHash = bytes(p);
            int wasmLength = p.getInt();
            if (wasmLength < 0 || wasmLength > p.remaining()) {
                throw new BufferUnderflowException();
            }
            ByteBuffer wasm = p.slice(p.position(), wasmLength);
            p.position(p.position() + wasmLength);
            return new Checked(optLevel, moduleHash, wasm, p.slice());
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new CodeCacheError(Problem.TRUNCATED, "the header ends early");
        }
    }

    private static boolean startsLikeMagic(byte[] file) {
        return Arrays.equals(file, 0, file.length, MAGIC, 0, file.length);
    }

    private static void writeCode(Out payload, FinishedCode code) {
        payload.code(code);
        payload.u32(code.trapSites().size());
        for (TrapSite t : code.trapSites()) {
            payload.u32(t.offset());
            payload.u16(t.code().ordinal());
        }
        payload.u32(code.relocations().size());
        for (Relocation r : code.relocations()) {
            payload.u32(r.offset());
            payload.u8(r.kind().ordinal());
            switch (r.target()) {
                case RelocationTarget.Function f -> {
                    payload.u8(0);
                    payload.u32(f.index());
                }
                case RelocationTarget.Symbol s -> {
                    payload.u8(1);
                    payload.str(s.name());
                }
            }
            payload.i64(r.addend());
        }
    }

    private static FinishedCode readCode(ByteBuffer p, int n) throws CodeCacheError {
        TrapCode[] trapCodes = TrapCode.values();
        RelocationKind[] kinds = RelocationKind.values();
        byte[] bytes = bytes(p);
        int traps = p.getInt();
        List<TrapSite> sites = new ArrayList<>(traps);
        for (int k = 0; k < traps; k++) {
            int offset = p.getInt();
            int trap = Short.toUnsignedInt(p.getShort());
            check(trap < trapCodes.length && offset >= 0 && offset <= bytes.length, "trap site");
            sites.add(new TrapSite(offset, trapCodes[trap]));
        }
        int relocs = p.getInt();
        List<Relocation> relocations = new ArrayList<>(relocs);
        for (int k = 0; k < relocs; k++) {
            int offset = p.getInt();
            int kind = p.get();
            check(kind >= 0 && kind < kinds.length, "relocation kind");
            check(offset >= 0 && offset + kinds[kind].size() <= bytes.length, "relocation offset");
            int targetKind = p.get();
            RelocationTarget target = switch (targetKind) {
                case 0 -> {
                    int index = p.getInt();
                    check(index >= 0 && index < n, "relocation target");
                    yield RelocationTarget.function(index);
                }
                case 1 -> RelocationTarget.symbol(str(p));
                default -> throw new CodeCacheError(Problem.CORRUPT, "relocation target kind");
            };
            relocations.add(new Relocation(offset, kinds[kind], target, p.getLong()));
        }
        return new FinishedCode(bytes, sites, relocations);
    }

    /**
     * Reads the functions of a checked file for {@code module} (decoded from its wasm binary).
     * The checksum already vouches for the bytes; structural errors still throw {@code CORRUPT}.
     */
    public static CompiledModule functions(Checked c, Module module) throws CodeCacheError {
        ByteBuffer p = c.functions().duplicate();
        try {
            int n = p.getInt();
            if (n != module.functionCount()) {
                throw new CodeCacheError(Problem.CORRUPT, n + " functions, the module has " + module.functionCount());
            }
            FinishedCode[] code = new FinishedCode[n];
            String[] unsupported = new String[n];
            FinishedCode[] baseline = new FinishedCode[n];
            boolean[] hot = new boolean[n];
            for (int i = 0; i < n; i++) {
                int tag = p.get();
                switch (tag) {
                    case 0 -> {
                    }
                    case 1 -> code[i] = readCode(p, n);
                    case 3, 4 -> {
                        // baseline code calls through vmctx slots only: relocations would be a forgery
                        baseline[i] = readCode(p, n);
                        check(baseline[i].relocations().isEmpty(), "baseline code with relocations");
                        hot[i] = tag == 4;
                    }
                    case 2 -> unsupported[i] = str(p);
                    default -> throw new CodeCacheError(Problem.CORRUPT, "function tag " + tag);
                }
            }
            if (p.hasRemaining()) {
                throw new CodeCacheError(Problem.CORRUPT, p.remaining() + " bytes after the last function");
            }
            return new CompiledModule(module, c.moduleHash(), c.optLevel(), Metering.DEFAULT, code, unsupported,
                    baseline, hot, CompiledModule.Origin.CACHED);
        } catch (BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
            throw new CodeCacheError(Problem.CORRUPT, "malformed function table");
        }
    }

    private static void check(boolean ok, String what) throws CodeCacheError {
        if (!ok) {
            throw new CodeCacheError(Problem.CORRUPT, what);
        }
    }

    private static String str(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static String compilerVersion() {
        Properties p = new Properties();
        try (InputStream in = CodeCacheFormat.class.getResourceAsStream("compiler.properties")) {
            if (in == null) {
                throw new IllegalStateException("compiler.properties is missing from wasm.runtime");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "wasmoon " + p.getProperty("version", "?") + " built " + p.getProperty("build", "?");
    }

    /**
     * A big-endian byte sink over one array of the exact size of what is written. Not a
     * {@code ByteArrayOutputStream} (a synchronized call per byte, and copies as it grows and at the
     * end): a code cache is written once per run, at its end, on a JVM that has not compiled this
     * code, and written that way sqlite_bench's 4.6 MB file took 52 ms to serialize.
     */
    private static final class Out {
        private final byte[] buf;
        private int size;

        Out(int exactSize) {
            buf = new byte[exactSize];
        }

        int size() {
            return size;
        }

        void raw(byte[] b) {
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** A function's code: its length, then its bytes, copied once. */
        void code(FinishedCode code) {
            u32(code.size());
            code.copyTo(buf, size);
            size += code.size();
        }

        void u8(int v) {
            buf[size++] = (byte) v;
        }

        void u16(int v) {
            buf[size] = (byte) (v >>> 8);
            buf[size + 1] = (byte) v;
            size += 2;
        }

        void u32(int v) {
            u32At(size, v);
            size += 4;
        }

        void i64(long v) {
            i64At(size, v);
            size += 8;
        }

        void u32At(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }

        void i64At(int at, long v) {
            u32At(at, (int) (v >>> 32));
            u32At(at + 4, (int) v);
        }

        void bytes(byte[] b) {
            u32(b.length);
            raw(b);
        }

        void str(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        int crc32c(int from, int length) {
            CRC32C crc = new CRC32C();
            crc.update(buf, from, length);
            return (int) crc.getValue();
        }

        /** The array, once exactly filled. */
        byte[] full() {
            if (size != buf.length) {
                throw new IllegalStateException("wrote " + size + " bytes of a " + buf.length + "-byte code cache file");
            }
            return buf;
        }
    }
}
