package io.perfplane.analyzer.report;

import java.util.List;

import io.perfplane.analyzer.window.LatencySlice;

import org.jspecify.annotations.Nullable;

/**
 * {@code GET /runs/{id}}: whole-run statistics. Latencies in milliseconds, rates in 0..1, throughput in requests/s
 * over the run's sample time span (first request start to last request end). {@code lateSamples} counts samples
 * that arrived after their second was evaluated (included in every whole-run figure). Fields are only ever added:
 * the launcher reads this shape. The top-level and per-endpoint percentiles are of the corrected latency
 * (coordinated omission: from the intended start); {@code serviceTime} and {@code ttfb} give the raw service time and
 * the time to first byte beside them. {@code measurements} are the named measurements, check outcomes and "where the
 * time goes" ({@link Measurements}).
 */
public record RunReport(String runId, long requests, long errors, double errorRate, double rps, double durationMs,
    double p50Ms, double p90Ms, double p95Ms, double p99Ms, double maxMs, boolean finished,
    List<EndpointReport> endpoints, List<BreachView> breaches, @Nullable CapacityView capacity, double p999Ms,
    double meanMs, long lateSamples, List<SloView> slos, @Nullable Percentiles serviceTime,
    @Nullable Percentiles ttfb, Measurements measurements) {

  /**
   * Whole-run statistics of one endpoint; rps over the run's time span.
   *
   * @param serviceTime raw service time (from the actual start), null without samples
   * @param ttfb time to first byte, null when no request of the endpoint reported one
   */
  public record EndpointReport(String endpoint, long requests, long errors, double errorRate, double rps, double p50Ms,
      double p90Ms, double p95Ms, double p99Ms, double maxMs, double p999Ms, double meanMs,
      @Nullable Percentiles serviceTime, @Nullable Percentiles ttfb) {
  }

  /**
   * Whole-run percentiles (ms) of one latency metric.
   *
   * @param requests requests that reported it
   */
  public record Percentiles(long requests, double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms,
      double maxMs, double meanMs) {

    public static @Nullable Percentiles of(@Nullable LatencySlice slice) {
      if (slice == null || slice.requests() == 0) {
        return null;
      }
      return new Percentiles(slice.requests(), slice.latencyMsAt(50), slice.latencyMsAt(90), slice.latencyMsAt(95),
          slice.latencyMsAt(99), slice.latencyMsAt(99.9), slice.maxLatencyMs(), slice.meanLatencyMs());
    }
  }

  /**
   * Latest state of one breach episode; observed and objective in {@code unit} (ms or ratio).
   *
   * @param openedAtUs end of the first violating window (µs epoch, sample time)
   * @param resolvedAtUs when it resolved (µs epoch), null while open
   */
  public record BreachView(String sloId, String endpoint, String state, String indicator, double observed,
      double objective, String unit, int windowSeconds, long openedAtUs, @Nullable Long resolvedAtUs,
      String metric) {
  }

  /**
   * One SLO the run is held to (its own, or the analyzer's configured ones) over the whole run.
   *
   * @param objective highest acceptable value in {@code unit} (ms, or a 0..1 ratio)
   * @param windowSeconds its rolling evaluation window
   * @param observed the indicator over the whole run (every request counts), null without samples in scope
   * @param breaches breach episodes it had in this run
   * @param held true when it never breached and the whole run meets it; null without samples in scope
   */
  public record SloView(String id, String endpoint, String indicator, double objective, String unit, int windowSeconds,
      boolean abortOnFail, @Nullable Double observed, int breaches, @Nullable Boolean held, String metric) {
  }

  /**
   * The run's {@code CapacityEvent}; throughput in requests/s, latency in ms, times in µs epoch.
   *
   * @param kind KNEE, LOWER_BOUND, UPPER_BOUND or UNKNOWN: what {@code maxSustainedRps} is
   * @param lowRps low end of the capacity range, null when unbounded below
   * @param highRps high end of the capacity range, null when unbounded above (a lower bound)
   * @param method {@code kneedle} or {@code slo}
   * @param evidence the decision in words
   * @param usl the Universal Scalability Law fit, or null
   */
  public record CapacityView(String runId, String targetService, long atUs, boolean sloHeld, double maxSustainedRps,
      int concurrencyAtSlo, @Nullable Double breakingRps, int replicas, @Nullable Double cpuPerReplica,
      double rpsPerReplica, double p95AtCapacityMs, double confidence, String kind, boolean kneeReached,
      @Nullable Double lowRps, @Nullable Double highRps, String method, String evidence, @Nullable UslView usl) {
  }

  /**
   * Universal Scalability Law X(N) = λN / (1 + σ(N-1) + κN(N-1)) fitted to the run's windows.
   *
   * @param lambda requests/s of one request in flight
   * @param peakConcurrency N of peak throughput, null when κ is 0
   * @param peakRps modelled maximum throughput (requests/s), null when linear
   */
  public record UslView(double sigma, double kappa, double lambda, @Nullable Double peakConcurrency,
      @Nullable Double peakRps, double rSquared, int points) {
  }
}
