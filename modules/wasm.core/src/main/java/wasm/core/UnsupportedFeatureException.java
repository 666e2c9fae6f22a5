package wasm.core;

import java.util.Objects;

/**
 * The input needs a {@link Feature} wasmoon does not implement (3.0 proposals such as
 * exceptions or GC). The message is {@code "unsupported feature: LABEL (DETAIL)"}, e.g.
 * {@code "unsupported feature: exceptions (tag section)"}.
 */
public final class UnsupportedFeatureException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** The missing feature. */
    private final Feature feature;

    /**
     * An input that needs {@code feature}.
     *
     * @param feature what the input needs
     * @param detail  which construct needs it (and where, for text)
     */
    public UnsupportedFeatureException(Feature feature, String detail) {
        super("unsupported feature: " + feature.label() + " (" + detail + ")");
        this.feature = Objects.requireNonNull(feature);
    }

    /**
     * The feature the input needs.
     *
     * @return the feature
     */
    public Feature feature() {
        return feature;
    }
}
