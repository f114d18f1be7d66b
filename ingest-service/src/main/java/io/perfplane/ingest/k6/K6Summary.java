package io.perfplane.ingest.k6;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Run-level results of a k6 end-of-test summary, normalised to perfplane units.
 *
 * @param shape {@code summary-export} (k6 {@code --summary-export}, stats directly under each metric) or
 *     {@code handleSummary} (the data passed to {@code handleSummary()}, stats under {@code values})
 * @param requests {@code http_reqs} count, if present
 * @param requestsPerSecond {@code http_reqs} rate (1/s), if present
 * @param failedRatio {@code http_req_failed} rate (0..1), if present
 * @param durationUs {@code http_req_duration} statistics by k6's stat name ({@code avg, min, med, max, p(90),
 *     p(95), ...}) in µs
 * @param waitingUs {@code http_req_waiting} (TTFB) statistics, same keys, µs
 * @param testRunDurationMs {@code state.testRunDurationMs}, if present
 * @param thresholds every threshold expression by metric ({@code "http_req_duration: p(95)<500"}) and whether it
 *     passed
 */
public record K6Summary(String shape, @Nullable Long requests, @Nullable Double requestsPerSecond,
    @Nullable Double failedRatio, Map<String, Long> durationUs, Map<String, Long> waitingUs,
    @Nullable Double testRunDurationMs, Map<String, Boolean> thresholds) {

  public K6Summary {
    durationUs = Map.copyOf(durationUs);
    waitingUs = Map.copyOf(waitingUs);
    thresholds = Map.copyOf(thresholds);
  }
}
