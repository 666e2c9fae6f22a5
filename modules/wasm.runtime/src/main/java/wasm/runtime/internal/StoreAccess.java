package wasm.runtime.internal;

import java.util.Objects;
import java.util.function.Function;

import wasm.runtime.Store;

/**
 * The state behind a {@link Store}, for this module's packages outside {@code wasm.runtime}
 * (the tooling package's coverage) without a public accessor on the API class: the JDK's
 * "shared secrets" pattern. {@code Store}'s class initialiser hands over the one accessor,
 * once; anyone holding a store has run that initialiser, so the accessor is always set by
 * the time it is asked for.
 */
public final class StoreAccess {
    private static volatile Function<Store, StoreState> accessor;

    private StoreAccess() {
    }

    /** Called once, by {@code Store}'s class initialiser. */
    public static void install(Function<Store, StoreState> storeState) {
        Objects.requireNonNull(storeState, "storeState");
        if (accessor != null) {
            throw new IllegalStateException("the store accessor is already installed");
        }
        accessor = storeState;
    }

    /** The state of {@code store}. */
    public static StoreState state(Store store) {
        return accessor.apply(store);
    }
}
