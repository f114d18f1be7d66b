package io.perfplane.launcher.compare;

import org.jspecify.annotations.Nullable;

/**
 * What one side of a comparison knows about one endpoint (or all of them): the whole latency distribution, not a
 * summary of it, since the tests need the distributions.
 *
 * @param latencyUs every latency, µs, ascending: one per request of a results file; one per recorded value of a
 *     histogram (its coordinated-omission corrected count, which can exceed {@code requests})
 * @param requests requests made, the error rate's denominator
 * @param errors failed requests among them
 * @param perSecond requests ending in each whole second of the run, ascending (the run's first and last, partial,
 *     seconds left out once it spans three); the throughput test's observations; null when the source does not
 *     have them (a histogram document whose {@code perSecond} is null)
 * @param durationSeconds the run's span, first request start to last request end, s
 */
record EndpointSamples(long[] latencyUs, long requests, long errors, long @Nullable [] perSecond,
    double durationSeconds) {

  /** A side read from a results file: one latency per request. */
  EndpointSamples(long[] latencyUs, long errors, long[] perSecond, double durationSeconds) {
    this(latencyUs, latencyUs.length, errors, perSecond, durationSeconds);
  }

  double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** Requests per second over the run's span. */
  double rps() {
    return durationSeconds <= 0 ? 0 : requests / durationSeconds;
  }
}
