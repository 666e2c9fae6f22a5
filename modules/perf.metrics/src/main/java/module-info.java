/**
 * Compile-time metrics of the JIT pipeline: the report model (module, function,
 * pass), the recorder API the pipeline calls (a shared no-op when metrics are
 * off), the session that writes the JSON file, the JSON reader with its schema
 * check, and the executable invariants.
 *
 * <p>Depends on nothing: every stage of the pipeline may depend on it.
 * {@code perf.metrics.internal.json} (the JDK-only JSON tree, parser and
 * writer) stays unexported.
 */
module perf.metrics {
    exports perf.metrics;
}
