package wasm.core;

import java.util.Objects;

/**
 * The input needs a {@link Feature} wasmoon does not implement (SIMD, 3.0 proposals).
 * The message is {@code "unsupported feature: LABEL (DETAIL)"}, e.g.
 * {@code "unsupported feature: simd (v128.const)"}.
 */
public final class UnsupportedFeatureException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final Feature feature;

    /**
     * @param feature what the input needs
     * @param detail  which construct needs it (and where, for text)
     */
    public UnsupportedFeatureException(Feature feature, String detail) {
        super("unsupported feature: " + feature.label() + " (" + detail + ")");
        this.feature = Objects.requireNonNull(feature);
    }

    public Feature feature() {
        return feature;
    }
}
