package wasm.backend;

import java.util.Collection;

import wasm.backend.code.CodeImage;
import wasm.backend.code.RelocationTarget;

/** Lays a batch of compiled functions out as one {@link CodeImage}. */
public final class CodeImages {
    private CodeImages() {
    }

    /**
     * Each function is defined as {@code RelocationTarget.Function(funcIndex)}, so
     * the direct calls between them resolve when the image is loaded with
     * {@link wasm.backend.code.CodeMemory#load(CodeImage)}.
     */
    public static CodeImage of(Collection<CompiledFunction> batch) {
        CodeImage.Builder b = CodeImage.builder();
        for (CompiledFunction f : batch) {
            b.define(RelocationTarget.function(f.funcIndex()), f.code());
        }
        return b.build();
    }
}
