package wasmoon.cli;

import java.math.BigInteger;
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
 */
final class ValueText {
    /** The runtime's null reference ({@code wasm.runtime.Ref.NULL}); repeated so this class stays pure. */
    static final long NULL_REF = -1L;

    // Java's own parsers accept "Infinity", "NaN" and "1.5f"; only wasm's spellings may reach them.
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0[xX][0-9a-fA-F]+|\\d+)");

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
        if (t.isEmpty() || (type != ValType.EXTERNREF && t.chars().anyMatch(Character::isWhitespace))) {
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
            case V128 -> throw new IllegalArgumentException("v128 arguments are not supported");
        };
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
            case V128 -> throw new IllegalArgumentException("v128 values are not supported");
        };
    }

    private static long parseInteger(String t, int bits, String original) {
        if (!INTEGER.matcher(t).matches()) {
            throw new IllegalArgumentException("not a valid i" + bits + ": '" + original + "'");
        }
        boolean negative = t.startsWith("-");
        String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        BigInteger magnitude = digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))
                ? new BigInteger(digits.substring(2), 16)
                : new BigInteger(digits, 10);
        BigInteger value = negative ? magnitude.negate() : magnitude;
        // Like the text format: signed or unsigned spellings are both accepted.
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("i" + bits + " constant out of range: '" + original + "'");
        }
        return value.longValue();
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
        if (DECIMAL_FLOAT.matcher(t).matches()) {
            return t;
        }
        if (HEX_FLOAT.matcher(t).matches()) {
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
