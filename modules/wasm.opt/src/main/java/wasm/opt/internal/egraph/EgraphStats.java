package wasm.opt.internal.egraph;

/**
 * Counters of one e-graph run: the three the metrics schema carries
 * ({@link #classes}, {@link #nodes}, {@link #ruleApps}) and the ones that
 * explain them (deduplication, subsumption, unions, hoisting, rematerialisation,
 * and each limit that cut rewriting short).
 */
public final class EgraphStats {
    /** E-classes of pure nodes after deduplication (distinct union-find sets holding a node). */
    public long classes;
    /** Nodes made, rewrites included, unions not. */
    public long nodes;
    /** Rule results accepted (joined a class or subsumed it). */
    public long ruleApps;
    public long dedupHits;
    public long subsumes;
    public long unions;
    public long rewriteCalls;
    public long depthLimitHits;
    public long matchLimitHits;
    public long classLimitHits;
    public long fuelLimitHits;
    /** Pure instructions elaborated out of a loop into its hoist block. */
    public long hoists;
    /** Constants (or adds of one) copied to a hoist block for a user elaboration hoisted there. */
    public long remats;
    /** Instructions placed by elaboration (original ones reused or new ones). */
    public long elaborated;
    private final long[] ruleHits;
    private final RuleSet rules;

    public EgraphStats(RuleSet rules) {
        this.rules = rules;
        this.ruleHits = new long[rules.size()];
    }

    void ruleHit(Rule r) {
        ruleHits[rules.indexOf(r)]++;
    }

    /** How often rule {@code r} produced an accepted-or-not right side (a match that passed its guard). */
    public long hits(Rule r) {
        return ruleHits[rules.indexOf(r)];
    }

    public long limitHits() {
        return depthLimitHits + matchLimitHits + classLimitHits + fuelLimitHits;
    }

    /** Adds {@code o}'s counters to these (the same rule set). */
    public void add(EgraphStats o) {
        classes += o.classes;
        nodes += o.nodes;
        ruleApps += o.ruleApps;
        dedupHits += o.dedupHits;
        subsumes += o.subsumes;
        unions += o.unions;
        rewriteCalls += o.rewriteCalls;
        depthLimitHits += o.depthLimitHits;
        matchLimitHits += o.matchLimitHits;
        classLimitHits += o.classLimitHits;
        fuelLimitHits += o.fuelLimitHits;
        hoists += o.hoists;
        remats += o.remats;
        elaborated += o.elaborated;
        for (int i = 0; i < ruleHits.length && i < o.ruleHits.length; i++) {
            ruleHits[i] += o.ruleHits[i];
        }
    }

    /** One line for {@code explore}. */
    public String summary() {
        return classes + " classes, " + nodes + " nodes, " + ruleApps + " rule apps; dedup " + dedupHits
                + ", subsume " + subsumes + ", hoist " + hoists + ", remat " + remats + "; limits: depth "
                + depthLimitHits + ", results " + matchLimitHits + ", class " + classLimitHits + ", fuel "
                + fuelLimitHits;
    }
}
