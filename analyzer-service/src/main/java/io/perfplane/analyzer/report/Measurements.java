package io.perfplane.analyzer.report;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code GET /runs/{id}}'s {@code measurements}: the run's named measurements and check outcomes per endpoint, and
 * "where the time goes": per endpoint the share of its latency spent in each server timing at p50 and p95
 * ({@code server_timing.X pN / latency pN}; {@code other} is the rest, never below 0), and the endpoint with the
 * largest database share ({@code server_timing.db} at p95) as {@code likelyBottleneck}. Percentiles of parts do not
 * add up exactly (each is its own distribution's), so the shares are a guide, clamped to 0..1.
 *
 * @param endpoints one entry per endpoint with a measurement or a check outcome, ordered by endpoint; {@code *} (all
 *     endpoints) first when present
 * @param likelyBottleneck the endpoint (not {@code *}) with the largest {@code server_timing.db} share of its p95
 *     latency; null when no endpoint reports {@code server_timing.db}
 */
public record Measurements(List<EndpointMeasurements> endpoints, @Nullable String likelyBottleneck) {

  /** The measurement the bottleneck is named after. */
  public static final String DATABASE = "server_timing.db";
  /** The share not explained by a server timing. */
  public static final String OTHER = "other";

  /** Nothing measured. */
  public static final Measurements NONE = new Measurements(List.of(), null);

  public Measurements {
    endpoints = List.copyOf(endpoints);
  }

  /**
   * One endpoint's measurements.
   *
   * @param endpoint the endpoint label, {@code *} for all
   * @param measurements by name
   * @param checks the check outcomes, null when the endpoint's samples carried none
   * @param shares the server timings' shares of the latency at p50 and p95, then {@code other}; empty without server
   *     timings or latency
   */
  public record EndpointMeasurements(String endpoint, List<MeasurementView> measurements, @Nullable Checks checks,
      List<Share> shares) {
  }

  /**
   * Whole-run percentiles of one measurement.
   *
   * @param name {@code server_timing.db}, {@code web_vital.lcp}, ...
   * @param unit {@code ms} for durations, {@code score} for unitless scores
   * @param count values recorded
   */
  public record MeasurementView(String name, String unit, long count, double p50, double p95, double p99) {
  }

  /**
   * Check outcomes.
   *
   * @param passed evaluations that passed
   * @param failed evaluations that failed
   * @param passRate passed / (passed + failed), 0..1
   */
  public record Checks(long passed, long failed, double passRate) {

    public static Checks of(long passed, long failed) {
      long all = passed + failed;
      return new Checks(passed, failed, all == 0 ? 1.0 : (double) passed / all);
    }
  }

  /**
   * The share of the endpoint's latency one server timing (or {@link #OTHER}) accounts for.
   *
   * @param p50 its p50 / the latency's p50, 0..1
   * @param p95 its p95 / the latency's p95, 0..1
   */
  public record Share(String name, double p50, double p95) {
  }

  /**
   * The shares of {@code latencyP50Ms}/{@code latencyP95Ms} the endpoint's duration measurements named
   * {@code server_timing.*} account for, in the order given, then {@link #OTHER}; empty without either.
   */
  public static List<Share> shares(List<MeasurementView> measurements, double latencyP50Ms, double latencyP95Ms) {
    List<Share> shares = new ArrayList<>();
    double rest50 = 1;
    double rest95 = 1;
    for (MeasurementView m : measurements) {
      if (m.name().startsWith("server_timing.") && m.unit().equals("ms")) {
        double s50 = ratio(m.p50(), latencyP50Ms);
        double s95 = ratio(m.p95(), latencyP95Ms);
        shares.add(new Share(m.name(), s50, s95));
        rest50 -= s50;
        rest95 -= s95;
      }
    }
    if (shares.isEmpty() || !(latencyP50Ms > 0) || !(latencyP95Ms > 0)) {
      return List.of();
    }
    shares.add(new Share(OTHER, Math.max(0, rest50), Math.max(0, rest95)));
    return shares;
  }

  /** The endpoint (never {@code *}) whose {@link #DATABASE} share at p95 is largest; null when none has one. */
  public static @Nullable String likelyBottleneck(List<EndpointMeasurements> endpoints) {
    String best = null;
    double bestShare = -1;
    for (EndpointMeasurements e : endpoints) {
      if (e.endpoint().equals("*")) {
        continue;
      }
      for (Share share : e.shares()) {
        if (share.name().equals(DATABASE) && share.p95() > bestShare) {
          bestShare = share.p95();
          best = e.endpoint();
        }
      }
    }
    return best;
  }

  private static double ratio(double part, double whole) {
    return whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0;
  }
}
