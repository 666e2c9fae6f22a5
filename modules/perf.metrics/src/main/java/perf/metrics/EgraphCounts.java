package perf.metrics;

/**
 * Counters of one e-graph rewriting pass, as they stand when the pass ends.
 *
 * @param classes  e-classes in the e-graph
 * @param nodes    e-nodes in the e-graph
 * @param ruleApps rewrite rule applications that added or merged something
 */
public record EgraphCounts(long classes, long nodes, long ruleApps) {
}
