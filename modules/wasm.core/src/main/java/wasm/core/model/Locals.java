package wasm.core.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A function's declared locals as the binary format groups them, {@code count} times
 * {@code type} per group, behind the {@code List<ValType>} the model uses: a body of a few
 * bytes may declare 50,000 locals, and a module of 100 KB thousands of such bodies, so the
 * decoder keeps the groups rather than one list entry per local (memory in proportion to the
 * input, not to what it claims). Immutable.
 */
public final class Locals extends AbstractList<ValType> implements RandomAccess {
    private final ValType[] types;
    /** ends[g] = number of locals in groups 0..g. */
    private final long[] ends;

    private Locals(ValType[] types, long[] ends) {
        this.types = types;
        this.ends = ends;
    }

    /**
     * The locals of {@code counts[g]} times {@code types[g]} per group; the total must fit an int.
     *
     * @param counts the number of locals of each group, as the binary declares them
     * @param types the type of each group
     * @return the locals, one list element per local, stored as the groups
     * @throws IllegalArgumentException when the arrays differ in length, a count is negative or the
     *         total does not fit an int
     */
    public static List<ValType> of(long[] counts, ValType[] types) {
        if (counts.length != types.length) {
            throw new IllegalArgumentException("one count per type");
        }
        int groups = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count");
            }
            if (c > 0) {
                groups++;
            }
        }
        ValType[] t = new ValType[groups];
        long[] e = new long[groups];
        long total = 0;
        int g = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            total += counts[i];
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many locals: " + total);
            }
            t[g] = types[i];
            e[g] = total;
            g++;
        }
        return new Locals(t, e);
    }

    @Override
    public ValType get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        int g = Arrays.binarySearch(ends, index + 1L);
        return types[g >= 0 ? g : -g - 1];
    }

    @Override
    public int size() {
        return ends.length == 0 ? 0 : (int) ends[ends.length - 1];
    }

    /**
     * The number of groups (runs of one type).
     *
     * @return the count
     */
    public int groups() {
        return types.length;
    }

    /**
     * The type of group {@code g}.
     *
     * @param g the group, from 0
     * @return its type
     */
    public ValType groupType(int g) {
        return types[g];
    }

    /**
     * The number of locals in group {@code g}.
     *
     * @param g the group, from 0
     * @return the number of locals in it
     */
    public int groupCount(int g) {
        return (int) (ends[g] - (g == 0 ? 0 : ends[g - 1]));
    }
}
