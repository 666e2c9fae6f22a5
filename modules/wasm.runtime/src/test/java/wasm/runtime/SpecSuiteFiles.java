package wasm.runtime;

/**
 * The spec scripts SpecSuiteTest runs: every mvp/2.0 script of FILES.tsv with
 * execution assertions, plus the 3.0+-group scripts whose modules stay within
 * 2.0. Left out: comments.wast (a WatParser issue with a line comment ended by
 * a lone CR, wasm.core), the utf8-* scripts (only malformed assertions), and
 * 3.0+ scripts that need multi-memory, extended constants or typed references.
 */
final class SpecSuiteFiles {
    private SpecSuiteFiles() {
    }

    static final String[] PASSING = {
        "address.wast",
        "align.wast",
        "binary-leb128.wast",
        "binary.wast",
        "block.wast",
        "br.wast",
        "bulk.wast",
        "call.wast",
        "call_indirect.wast",
        "const.wast",
        "conversions.wast",
        "custom.wast",
        "endianness.wast",
        "f32.wast",
        "f32_bitwise.wast",
        "f32_cmp.wast",
        "f64.wast",
        "f64_bitwise.wast",
        "f64_cmp.wast",
        "fac.wast",
        "float_exprs.wast",
        "float_literals.wast",
        "float_memory.wast",
        "float_misc.wast",
        "forward.wast",
        "func_ptrs.wast",
        "i32.wast",
        "i64.wast",
        "if.wast",
        "inline-module.wast",
        "int_exprs.wast",
        "int_literals.wast",
        "labels.wast",
        "left-to-right.wast",
        "load.wast",
        "local_get.wast",
        "local_set.wast",
        "loop.wast",
        "memory_copy.wast",
        "memory_fill.wast",
        "memory_init.wast",
        "memory_redundancy.wast",
        "memory_size.wast",
        "memory_trap.wast",
        "names.wast",
        "nop.wast",
        "ref_func.wast",
        "return.wast",
        "skip-stack-guard-page.wast",
        "stack.wast",
        "start.wast",
        "store.wast",
        "switch.wast",
        "table_copy.wast",
        "table_fill.wast",
        "table_get.wast",
        "table_grow.wast",
        "table_set.wast",
        "table_size.wast",
        "token.wast",
        "traps.wast",
        "type.wast",
        "unreachable.wast",
        "unwind.wast",
        "spec/test/core/memory_grow.wast",
        "br_if.wast",
        "exports.wast",
        "func.wast",
        "local_tee.wast",
        "memory.wast",
        "data0.wast",
        "data1.wast",
    };

    /**
     * Scripts whose every function must compile natively (no interpreter fallback). fac.wast's
     * $pick0/$pick1 return several values: native since JIT ABI v2 (results area).
     */
    static final String[] JIT_STRICT = {
        "fac.wast",
        "i32.wast",
        "i64.wast",
        "int_exprs.wast",
        "int_literals.wast",
        "switch.wast",
        "func_ptrs.wast",
        "forward.wast",
        "stack.wast",
        "start.wast",
        "skip-stack-guard-page.wast",
        "names.wast",
        "memory_size.wast",
        "spec/test/core/memory_grow.wast",
    };
}
