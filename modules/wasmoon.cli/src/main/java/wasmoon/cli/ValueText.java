package wasmoon.cli;

import java.util.regex.Pattern;

import wasm.core.model.ValType;

/**
 * The command line's text form of WebAssembly values: {@code --arg} values in,
 * results out. Values travel as the runtime's {@code long} encoding (see the
 * wasm.runtime contract): i32 sign-extended, f32/f64 as raw bits, references as
 * a store address / host id, or {@link #NULL_REF} for null.
 *
 * <p>Output: integers as signed decimal; finite floats as Java's shortest
 * round-tripping decimal ({@code 3.5}, {@code 1.0E10}, {@code -0.0}); infinities
 * as {@code inf}/{@code -inf}; NaNs as {@code nan}/{@code -nan} when canonical,
 * else {@code nan:0x<payload>}, so every printed value is also a valid input.
 *
 * <p>A v128 is written as in the text format's {@code v128.const}, in one argument:
 * a lane shape and its lanes, lane 0 first ({@code i32x4 1 2 3 4},
 * {@code f32x4 1.5 -0 inf nan}, {@code i8x16 0 1 ... 255}); it is printed as
 * {@code i32x4} with four hex lanes ({@code i32x4 0x00000001 0x00000002 0x00000003 0x00000004}).
 * It travels as two longs, the low 64 bits (lanes of bytes 0..7) first.
 */
final class ValueText {
    /** The runtime's null reference ({@code wasm.runtime.Ref.NULL}); repeated so this class stays pure. */
    static final long NULL_REF = -1L;

    /**
     * Java's own parsers accept "Infinity", "NaN" and "1.5f"; only wasm's spellings may reach them.
     * In a holder: compiling the patterns (and the regex machinery's first use) costs milliseconds
     * of start-up, which an integer argument (the common case, {@code --invoke fac --arg 20}) skips.
     */
    private static final class FloatSyntax {
        static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
        static final Pattern HEX =
                Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    }

    private ValueText() {
    }

    /**
     * Parses {@code text} as a value of {@code type}.
     *
     * @throws IllegalArgumentException with a message fit for the user when the text is not such a value
     */
    static long parse(ValType type, String text) {
        // The text format allows '_' between digits; whitespace is never part of a value.
        String t = text.replace("_", "");
        if (t.isEmpty() || (type != ValType.EXTERNREF && hasWhitespace(t))) {
            throw new IllegalArgumentException("not a valid " + type.text() + ": '" + text + "'");
        }
        return switch (type) {
            case I32 -> (int) parseInteger(t, 32, text);
            case I64 -> parseInteger(t, 64, text);
            case F32 -> Float.floatToRawIntBits(parseF32(t, text)) & 0xFFFFFFFFL;
            case F64 -> Double.doubleToRawLongBits(parseF64(t, text));
            case FUNCREF -> {
                if (t.equals("null")) {
                    yield NULL_REF;
                }
                throw new IllegalArgumentException("a funcref argument can only be 'null', not '" + text + "'");
            }
            case EXTERNREF -> parseExternRef(t, text);
            case V128 -> throw new IllegalArgumentException("a v128 takes two longs: parseV128");
        };
    }

    /** Lane shapes of a v128 argument: name, lanes, bits per lane. */
    private enum Shape {
        I8X16(16, 8), I16X8(8, 16), I32X4(4, 32), I64X2(2, 64), F32X4(4, 32), F64X2(2, 64);

        final int lanes;
        final int bits;

        Shape(int lanes, int bits) {
            this.lanes = lanes;
            this.bits = bits;
        }
    }

    /**
     * Parses a v128 written {@code SHAPE LANE...} ({@code i32x4 1 2 3 4}); returns {@code {lo, hi}}.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    static long[] parseV128(String text) {
        String[] words = text.strip().split("\\s+");
        Shape shape = null;
        for (Shape s : Shape.values()) {
            if (s.name().toLowerCase(java.util.Locale.ROOT).equals(words[0])) {
                shape = s;
            }
        }
        if (shape == null) {
            throw new IllegalArgumentException("a v128 is a lane shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)"
                    + " and its lanes, e.g. 'i32x4 1 2 3 4', not '" + text + "'");
        }
        if (words.length != shape.lanes + 1) {
            throw new IllegalArgumentException("a " + words[0] + " v128 has " + shape.lanes + " lanes, '" + text
                    + "' gives " + (words.length - 1));
        }
        long[] v = new long[2];
        int perHalf = 64 / shape.bits;
        for (int i = 0; i < shape.lanes; i++) {
            String lane = words[i + 1].replace("_", "");
            long bits = switch (shape) {
                case F32X4 -> Float.floatToRawIntBits(parseF32(lane, words[i + 1])) & 0xFFFFFFFFL;
                case F64X2 -> Double.doubleToRawLongBits(parseF64(lane, words[i + 1]));
                default -> parseInteger(lane, shape.bits, words[i + 1]);
            };
            if (shape.bits < 64) {
                bits &= (1L << shape.bits) - 1;
            }
            v[i / perHalf] |= bits << (shape.bits * (i % perHalf));
        }
        return v;
    }

    /** A v128 as four hex i32 lanes, lane 0 first: {@code i32x4 0x00000001 0x00000002 0x00000003 0x00000004}. */
    static String formatV128(long lo, long hi) {
        return String.format("i32x4 0x%08x 0x%08x 0x%08x 0x%08x", lo & 0xFFFFFFFFL, lo >>> 32, hi & 0xFFFFFFFFL,
                hi >>> 32);
    }

    /** Formats {@code value} (the runtime encoding) of {@code type}. */
    static String format(ValType type, long value) {
        return switch (type) {
            case I32 -> Integer.toString((int) value);
            case I64 -> Long.toString(value);
            case F32 -> formatF32((int) value);
            case F64 -> formatF64(value);
            case FUNCREF -> value == NULL_REF ? "null" : "ref.func " + value;
            case EXTERNREF -> value == NULL_REF ? "null" : "ref.extern " + value;
            case V128 -> throw new IllegalArgumentException("a v128 takes two longs: formatV128");
        };
    }

    private static long parseInteger(String t, int bits, String original) {
        // [+-]?(0[xX][0-9a-fA-F]+|[0-9]+), read by hand: no regex or BigInteger at start-up
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        int radix = 10;
        if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
            radix = 16;
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || !asciiDigits(digits, radix)) {
            throw new IllegalArgumentException("not a valid i" + bits + ": '" + original + "'");
        }
        // Like the text format: signed or unsigned spellings are both accepted, so the magnitude
        // may reach 2^bits - 1, or 2^(bits-1) when negative.
        long magnitude;
        try {
            magnitude = Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException beyond64Bits) {
            throw outOfRange(bits, original);
        }
        long limit = negative ? 1L << (bits - 1) : bits == 64 ? -1L : (1L << bits) - 1;
        if (Long.compareUnsigned(magnitude, limit) > 0) {
            throw outOfRange(bits, original);
        }
        return negative ? -magnitude : magnitude;
    }

    private static IllegalArgumentException outOfRange(int bits, String original) {
        return new IllegalArgumentException("i" + bits + " constant out of range: '" + original + "'");
    }

    /** Whether every char of {@code s} is an ASCII digit of {@code radix} (10 or 16). */
    private static boolean asciiDigits(String s, int radix) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || radix == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static float parseF32(String t, String original) {
        // Keywords are case-sensitive in the text format: "NaN" and "INF" are not values.
        boolean negative = t.startsWith("-");
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (unsigned.equals("inf")) {
            return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan") || unsigned.startsWith("nan:0x")) {
            long payload = unsigned.equals("nan") ? 0x400000L : parsePayload(unsigned.substring(6), 0x7FFFFFL, original);
            int bits = 0x7F800000 | (int) payload | (negative ? 0x80000000 : 0);
            return Float.intBitsToFloat(bits);
        }
        return Float.parseFloat(javaFloatSyntax(t, "f32", original));
    }

    private static double parseF64(String t, String original) {
        // Keywords are case-sensitive in the text format: "NaN" and "INF" are not values.
        boolean negative = t.startsWith("-");
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (unsigned.equals("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan") || unsigned.startsWith("nan:0x")) {
            long payload = unsigned.equals("nan")
                    ? 0x8000000000000L
                    : parsePayload(unsigned.substring(6), 0xFFFFFFFFFFFFFL, original);
            long bits = 0x7FF0000000000000L | payload | (negative ? Long.MIN_VALUE : 0L);
            return Double.longBitsToDouble(bits);
        }
        return Double.parseDouble(javaFloatSyntax(t, "f64", original));
    }

    private static long parsePayload(String hex, long max, String original) {
        if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a valid NaN payload: '" + original + "'");
        }
        long payload = Long.parseUnsignedLong(hex, 16);
        if (payload == 0 || Long.compareUnsigned(payload, max) > 0) {
            throw new IllegalArgumentException("NaN payload out of range: '" + original + "'");
        }
        return payload;
    }

    /** Checks wasm float syntax and returns text Java's parser reads with the same meaning. */
    private static String javaFloatSyntax(String t, String typeName, String original) {
        if (FloatSyntax.DECIMAL.matcher(t).matches()) {
            return t;
        }
        if (FloatSyntax.HEX.matcher(t).matches()) {
            // Java demands the binary exponent that wasm makes optional.
            return t.indexOf('p') < 0 && t.indexOf('P') < 0 ? t + "p0" : t;
        }
        throw new IllegalArgumentException("not a valid " + typeName + ": '" + original + "'");
    }

    private static long parseExternRef(String t, String original) {
        if (t.equals("null")) {
            return NULL_REF;
        }
        String id = t.startsWith("ref.extern ") ? t.substring("ref.extern ".length()).strip() : t;
        if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
            try {
                return Integer.parseInt(id);
            } catch (NumberFormatException e) {
                // falls through to the common message: ids are non-negative ints
            }
        }
        throw new IllegalArgumentException("an externref argument is 'null' or a host id >= 0, not '" + original + "'");
    }

    private static String formatF32(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            String sign = bits < 0 ? "-" : "";
            int payload = bits & 0x7FFFFF;
            return payload == 0x400000 ? sign + "nan" : sign + "nan:0x" + Integer.toHexString(payload);
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return Float.toString(f);
    }

    private static String formatF64(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            String sign = bits < 0 ? "-" : "";
            long payload = bits & 0xFFFFFFFFFFFFFL;
            return payload == 0x8000000000000L ? sign + "nan" : sign + "nan:0x" + Long.toHexString(payload);
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }
}
