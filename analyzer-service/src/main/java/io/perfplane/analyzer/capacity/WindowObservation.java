package io.perfplane.analyzer.capacity;

/**
 * One full rolling window of a run, as the knee detector sees it.
 *
 * @param endSecond last second of the window (epoch seconds)
 * @param rps completed requests per second over the window
 * @param sloHeld true when no SLO was violated in the window
 * @param p95Ms p95 latency over the window (ms)
 * @param meanMs mean latency over the window (ms); with {@code rps} it gives the requests in flight (Little's law)
 * @param concurrency target concurrency of the load stage active at the window's end; 0 if unknown
 */
public record WindowObservation(long endSecond, double rps, boolean sloHeld, double p95Ms, double meanMs,
    int concurrency) {

  /** Requests in flight over the window by Little's law, N = X·R. */
  public double inFlight() {
    return rps * meanMs / 1000.0;
  }
}
