package io.perfplane.analyzer.capacity;

import org.jspecify.annotations.Nullable;

/**
 * Measured capacity of one run.
 *
 * @param sloHeld true when every SLO held in every window and over the whole run
 * @param maxSustainedRps highest window throughput (requests/s) with all SLOs held; the lowest window throughput
 *     when no window held
 * @param concurrencyAtSlo target concurrency at that window; 0 if unknown
 * @param breakingRps throughput (requests/s) of the first window where an SLO broke; null if none broke
 * @param p95AtCapacityMs p95 latency (ms) in the window of {@code maxSustainedRps}
 * @param confidence 0..1, grows with the number of windows observed
 * @param windows number of windows the estimate is based on
 */
public record CapacityEstimate(boolean sloHeld, double maxSustainedRps, int concurrencyAtSlo,
    @Nullable Double breakingRps, double p95AtCapacityMs, double confidence, int windows) {
}
