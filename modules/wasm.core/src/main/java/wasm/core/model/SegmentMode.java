package wasm.core.model;

/** How an element or data segment is used at instantiation. DECLARATIVE applies to element segments only. */
public enum SegmentMode {
    ACTIVE, PASSIVE, DECLARATIVE
}
