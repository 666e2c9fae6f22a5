package wasm.backend.internal.x64;

/** An allocator edit: copy 64 bits from one location to another (never slot to slot). */
record Move(int from, int to) {
    @Override
    public String toString() {
        return Loc.text(to) + " <- " + Loc.text(from);
    }
}
