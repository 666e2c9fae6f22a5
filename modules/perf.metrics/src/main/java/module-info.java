/**
 * Compile-time metrics of the JIT pipeline: the report model (module, function,
 * pass), the recorder API the pipeline calls (a shared no-op when metrics are
 * off), the session that writes the JSON file, the JSON reader with its schema
 * check, and the executable invariants.
 *
 * <p>Depends on nothing: every stage of the pipeline may depend on it.
 * {@code perf.metrics.json} (the JDK-only JSON tree, parser and
 * writer) is not API: it is exported only to the two modules that write or
 * read JSON of their own (summary.json, {@code wasmoon test --json}), so the
 * project has one JSON implementation.
 */
module perf.metrics {
    exports perf.metrics;
    exports perf.metrics.json to perf.baseline, wasmoon.cli;
}
