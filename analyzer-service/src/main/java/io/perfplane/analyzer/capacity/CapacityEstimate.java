package io.perfplane.analyzer.capacity;

import org.jspecify.annotations.Nullable;

/**
 * Measured capacity of one run, with the kind of evidence behind it.
 *
 * @param kind a knee, a lower or an upper bound, or unknown (no data)
 * @param sloHeld true when every SLO held in every window and over the whole run
 * @param maxSustainedRps KNEE: throughput sustained at the knee; LOWER_BOUND: highest throughput observed with SLOs
 *     held; UPPER_BOUND: lowest throughput observed (requests/s)
 * @param concurrencyAtSlo the load stage's target concurrency (virtual users) at that throughput when the run
 *     reported stages, else requests in flight by Little's law
 * @param breakingRps throughput (requests/s) of the first window where an SLO broke; null if none broke
 * @param p95AtCapacityMs p95 latency (ms) at {@code maxSustainedRps}
 * @param confidence 0..1, from the data (see {@link KneeDetector})
 * @param windows number of windows the estimate is based on
 * @param lowRps low end of the capacity range (requests/s), null when unbounded below
 * @param highRps high end of the capacity range (requests/s), null when unbounded above
 * @param method how it was decided: {@code kneedle} (throughput against requests in flight), {@code slo} (the SLOs
 *     broke as load grew, or failed from the lowest load) or empty
 * @param evidence the decision in words
 * @param usl the scalability fit, when there were enough windows for one
 */
public record CapacityEstimate(CapacityKind kind, boolean sloHeld, double maxSustainedRps, int concurrencyAtSlo,
    @Nullable Double breakingRps, double p95AtCapacityMs, double confidence, int windows, @Nullable Double lowRps,
    @Nullable Double highRps, String method, String evidence, @Nullable UslModel usl) {

  /** Whether a knee was found (as opposed to a bound). */
  public boolean kneeReached() {
    return kind == CapacityKind.KNEE;
  }
}
