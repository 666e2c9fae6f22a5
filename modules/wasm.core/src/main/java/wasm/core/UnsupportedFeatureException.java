package wasm.core;

/**
 * The input uses a proposal wasmoon does not implement (SIMD, 3.0 features).
 * The message always starts with "unsupported feature: ".
 */
public final class UnsupportedFeatureException extends WasmException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeatureException(String feature) {
        super("unsupported feature: " + feature);
    }
}
