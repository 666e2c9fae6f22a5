package wasm.opt.passes;

import java.util.List;
import java.util.Optional;
import wasm.opt.Pass;

/** Every pass of this package, by name (for tools and tests that run passes alone). */
public final class Passes {
    private static final List<Pass> ALL = List.of(AddressFoldPass.INSTANCE, CfgCleanupPass.INSTANCE, ConstFoldPass.INSTANCE,
            CopyPropPass.INSTANCE, DcePass.INSTANCE, EgraphPass.INSTANCE, GvnPass.INSTANCE, InlinePass.INSTANCE,
            LicmPass.INSTANCE,
            LoadForwardPass.INSTANCE, LoopVersioningPass.INSTANCE,
            SimplifyPass.INSTANCE);

    private Passes() {
    }

    public static List<Pass> all() {
        return ALL;
    }

    /** The pass named {@code name} ({@code gvn}, {@code const_fold}, ...). */
    public static Optional<Pass> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
