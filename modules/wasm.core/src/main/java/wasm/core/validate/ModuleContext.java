package wasm.core.validate;

/**
 * The spec's validation context C for one module, with every type coded as
 * {@link StackType} ints: the index spaces code validation looks up. Filled by
 * {@link Validator} section by section; {@link #globalLimit} restricts which
 * globals a constant expression may read.
 */
final class ModuleContext {
    /** Per type index: parameter and result codes. */
    int[][] typeParams = {};
    int[][] typeResults = {};
    /** Per function index (imports first): its type index, already checked to exist. */
    int[] functionTypes = {};
    /** Per table index: the element reference type code. */
    int[] tableElementTypes = {};
    /** Per table index: the address type code (I32, or I64 for a 64-bit table). */
    int[] tableAddressTypes = {};
    /** Per memory index: the address type code (I32, or I64 for a 64-bit memory). */
    int[] memoryAddressTypes = {};
    int memoryCount;
    /** Per global index (imports first). */
    int[] globalTypes = {};
    boolean[] globalMutable = {};
    /** Per element segment: its reference type code. */
    int[] elementTypes = {};
    int dataCount;
    /** Whether the module has a data count section (required by memory.init and data.drop). */
    boolean hasDataCountSection;
    /** C.refs: function indices referenced outside function bodies (ref.func may use only these). */
    boolean[] declaredFunctions = {};
    /** How many globals {@code global.get} may see: all of them in code, fewer in global initializers. */
    int globalLimit;

    int functionCount() {
        return functionTypes.length;
    }

    int globalCount() {
        return globalTypes.length;
    }

    /** True when {@code index}, read as an unsigned 32-bit index, is below {@code count}. */
    static boolean inRange(int index, int count) {
        return index >= 0 && index < count;
    }
}
