package wasm.core.text.internal;

import java.util.ArrayList;
import java.util.List;
import wasm.core.text.internal.Token.Kind;

/**
 * The lane shapes of the text format's {@code v128.const SHAPE lane...}, shared by the
 * module parser and the script parser: how many lanes a shape has, how wide each is,
 * how a lane literal reads, and how lanes pack into the two little-endian longs of a
 * v128 (bytes 0..7 in the low long).
 */
public enum LaneShape {
    I8X16("i8x16", 16, 8, false),
    I16X8("i16x8", 8, 16, false),
    I32X4("i32x4", 4, 32, false),
    I64X2("i64x2", 2, 64, false),
    F32X4("f32x4", 4, 32, true),
    F64X2("f64x2", 2, 64, true);

    private final String text;
    private final int lanes;
    private final int laneBits;
    private final boolean isFloat;

    LaneShape(String text, int lanes, int laneBits, boolean isFloat) {
        this.text = text;
        this.lanes = lanes;
        this.laneBits = laneBits;
        this.isFloat = isFloat;
    }

    public String text() {
        return text;
    }

    public int lanes() {
        return lanes;
    }

    public int laneBits() {
        return laneBits;
    }

    public boolean isFloat() {
        return isFloat;
    }

    /** The shape named by {@code t} (a keyword such as {@code i32x4}), or null. */
    public static LaneShape of(Token t) {
        if (t.kind() != Kind.KEYWORD) {
            return null;
        }
        for (LaneShape s : values()) {
            if (s.text.equals(t.text())) {
                return s;
            }
        }
        return null;
    }

    /** Whether {@code t} reads as a number literal of any kind (so that it counts as a lane). */
    public static boolean isNumber(Token t) {
        if (t.kind() != Kind.KEYWORD) {
            return false;
        }
        try {
            return NumberLiterals.isInt(t.text()) || NumberLiterals.parseF64(t.text()) != null;
        } catch (NumberLiterals.OutOfRange e) {
            return true;
        }
    }

    /**
     * The bits of one lane literal (integer lanes: signed or unsigned in the lane's width;
     * float lanes: an f32 or f64 literal), masked to the lane width.
     *
     * @throws NumberLiterals.OutOfRange when the value does not fit the lane
     * @throws IllegalArgumentException  when {@code t} is not a literal of the lane's kind
     */
    public long laneBits(Token t) throws NumberLiterals.OutOfRange {
        Long v = t.kind() != Kind.KEYWORD ? null
                : isFloat ? (laneBits == 32 ? NumberLiterals.parseF32(t.text()) : NumberLiterals.parseF64(t.text()))
                : NumberLiterals.parseInt(t.text(), laneBits);
        if (v == null) {
            throw new IllegalArgumentException(t.text());
        }
        return laneBits == 64 ? v : v & ((1L << laneBits) - 1);
    }

    /** Packs lane bit patterns (lane 0 first) into {@code {lo, hi}}. */
    public long[] pack(long[] laneValues) {
        long[] v = new long[2];
        int perLong = 64 / laneBits;
        for (int i = 0; i < lanes; i++) {
            long bits = laneBits == 64 ? laneValues[i] : laneValues[i] & ((1L << laneBits) - 1);
            v[i / perLong] |= bits << (laneBits * (i % perLong));
        }
        return v;
    }

    /** Lane {@code i}'s bits of the v128 {@code {lo, hi}}, zero-extended. */
    public long lane(long lo, long hi, int i) {
        int perLong = 64 / laneBits;
        long half = i < perLong ? lo : hi;
        return laneBits == 64 ? half : (half >>> (laneBits * (i % perLong))) & ((1L << laneBits) - 1);
    }

    /** A shape and its lane tokens, as they follow {@code v128.const}. */
    record Read(LaneShape shape, List<Token> lanes) {
    }

    /**
     * Reads {@code SHAPE lane...} (after {@code v128.const}) for both parsers: the shape, then
     * exactly its number of lane tokens (not yet read as values).
     */
    static Read read(TokenCursor c) {
        Token st = c.next();
        LaneShape shape = of(st);
        if (shape == null) {
            throw TokenCursor.unexpected(st, "a lane shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
        }
        List<Token> lanes = shape.laneTokens(c);
        if (lanes == null) {
            throw TokenCursor.error(st, "wrong number of lane literals");
        }
        return new Read(shape, lanes);
    }

    /**
     * The lane tokens after a shape, or null when their count is wrong. The count is checked
     * before any value, as the reference parser does: a wrong count is "wrong number of lane
     * literals" even when a lane is out of range or malformed. A lane is any keyword or
     * malformed token; the count is wrong when a parenthesis comes too early or a number
     * follows the last lane.
     */
    List<Token> laneTokens(TokenCursor c) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            Token t = c.peek();
            if (t.kind() != Kind.KEYWORD && t.kind() != Kind.RESERVED) {
                return null;
            }
            out.add(c.next());
        }
        return isNumber(c.peek()) ? null : out;
    }
}
