package io.perfplane.analyzer.window;

/**
 * Statistics of one merged window. Latencies in milliseconds (coordinated-omission corrected, within HdrHistogram's
 * 0.1% precision), rates in 0..1, throughput in requests per second.
 *
 * @param seconds window length the rate is computed over (s); for a whole run, its sample time span
 * @param requests requests that ended in the window
 * @param errors failed requests
 * @param late requests counted only in the whole run because they arrived after their second was evaluated
 * @param rps requests / seconds
 * @param errorRate errors / requests, 0 without requests
 * @param meanMs mean latency
 * @param maxMs highest latency
 */
public record WindowStats(double seconds, long requests, long errors, long late, double rps, double errorRate,
    double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

  /** Statistics of {@code slice} with throughput over {@code seconds} (0 gives rps 0). */
  public static WindowStats of(LatencySlice slice, double seconds) {
    return new WindowStats(seconds, slice.requests(), slice.errors(), slice.late(),
        seconds > 0 ? slice.requests() / seconds : 0.0, slice.errorRate(), slice.latencyMsAt(50),
        slice.latencyMsAt(90), slice.latencyMsAt(95), slice.latencyMsAt(99), slice.latencyMsAt(99.9),
        slice.maxLatencyMs(), slice.meanLatencyMs());
  }

  /** Whole-run statistics: throughput over the slice's own time span (first start to last end). */
  public static WindowStats wholeRun(LatencySlice slice) {
    return of(slice, slice.spanMs() / 1000.0);
  }
}
