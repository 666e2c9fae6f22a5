package wasm.runtime;

/**
 * Reference values as they cross the API: a funcref is the function's store
 * address (an int >= 0), an externref is the host's id (>= 0), and the null
 * reference of either type is {@link #NULL}.
 */
public final class Ref {
    /** The null reference (funcref or externref). */
    public static final long NULL = -1L;

    private Ref() {
    }

    /**
     * Whether {@code ref} is the null reference.
     *
     * @param ref a funcref or externref in the API's encoding
     * @return true for {@link #NULL}
     */
    public static boolean isNull(long ref) {
        return ref == NULL;
    }
}
