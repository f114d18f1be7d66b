package io.perfplane.launcher.compare;

/**
 * What one side of a comparison knows about one endpoint (or all of them): the whole latency distribution, not a
 * summary of it, since the tests need the distributions.
 *
 * @param latencyUs every request's latency, µs, ascending
 * @param errors failed requests among them
 * @param perSecond requests ending in each whole second of the run, ascending (the run's first and last, partial,
 *     seconds left out once it spans three); the throughput test's observations
 * @param durationSeconds the run's span, first request start to last request end, s
 */
record EndpointSamples(long[] latencyUs, long errors, long[] perSecond, double durationSeconds) {

  long requests() {
    return latencyUs.length;
  }

  double errorRate() {
    return latencyUs.length == 0 ? 0 : (double) errors / latencyUs.length;
  }

  /** Requests per second over the run's span. */
  double rps() {
    return durationSeconds <= 0 ? 0 : latencyUs.length / durationSeconds;
  }
}
