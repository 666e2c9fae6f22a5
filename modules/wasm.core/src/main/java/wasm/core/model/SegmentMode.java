package wasm.core.model;

/** How an element or data segment is used at instantiation. DECLARATIVE applies to element segments only. */
public enum SegmentMode {
    /** Applied at instantiation, at its offset; dropped afterwards. */
    ACTIVE,
    /** Applied only by memory.init or table.init. */
    PASSIVE,
    /** Never applied: it declares the functions {@code ref.func} may name (element segments only). */
    DECLARATIVE
}
