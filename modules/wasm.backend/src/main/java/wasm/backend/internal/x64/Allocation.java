package wasm.backend.internal.x64;

import java.util.List;

/**
 * The register allocator's output: a location per operand of every
 * instruction, and edits (sequential moves) to run before and after
 * instructions. For a JUMP the "after" moves are the edge's parallel move
 * (already sequentialised), executed before the jump itself.
 */
record Allocation(int[][] allocs, List<List<Move>> before, List<List<Move>> after, int[] vregLoc,
                  int spillSlots, int spills, int reloads, int regMoves, int spillToSpill, int usedCalleeSaved) {
}
