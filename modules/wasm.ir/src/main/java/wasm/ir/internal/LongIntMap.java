package wasm.ir.internal;

import java.util.Arrays;

/** An open-addressing map from long keys to int values (absent = -1), cleared in O(capacity), reusing its arrays. */
public final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 64;
    private long[] keys = new long[MIN_CAPACITY];
    private int[] values = new int[MIN_CAPACITY];
    private int size;

    public LongIntMap() {
        Arrays.fill(keys, EMPTY);
    }

    /**
     * Empties the map. A table grown for one large use shrinks back to what the last use needed
     * (when it is 8 times that): otherwise every later small use pays the large capacity to clear
     * (translating a module's 1,000 small functions after its one 18,000-instruction function
     * filled 2^18 slots each time).
     */
    public void clear() {
        if (size > 0) {
            int needed = Math.max(MIN_CAPACITY, Integer.highestOneBit(2 * size + 1) << 1);
            if (keys.length >= 8 * needed) {
                keys = new long[needed];
                values = new int[needed];
            }
            Arrays.fill(keys, EMPTY);
            size = 0;
        }
    }

    public int get(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    public void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
