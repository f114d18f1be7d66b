package io.perfplane.analyzer.stream;

import io.perfplane.analyzer.slo.SloEvaluator;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.MeasurementKind;
import org.jspecify.annotations.Nullable;

/**
 * The series of the named measurements (ADR 0007) and of the check outcomes, kept in
 * {@link AnalyzerTopology#MEASURE_SLICES_STORE} and {@link AnalyzerTopology#MEASURE_TOTALS_STORE} as
 * {@link LatencySlice}s exactly like latency: one per (run, measurement name, endpoint), {@code *} for all
 * endpoints. In those stores the place of the endpoint is the series: {@code d:<name>|<endpoint>} for a duration
 * (values in µs, as latency), {@code s:<name>|<endpoint>} for a score (values × {@link #SCORE_SCALE}, so a CLS of
 * 0.1 is 1000 and keeps 3 significant digits), {@code c:checks|<endpoint>} for check outcomes (one value per
 * outcome, a failed one counted as an error: the pass rate is 1 − the error rate).
 *
 * @param name the measurement's name ({@code server_timing.db}), or {@link #CHECKS} for the check outcomes
 * @param kind {@link MeasurementKind#DURATION_US} or {@link MeasurementKind#SCORE}; {@code OTHER} for the checks
 * @param endpoint the endpoint label, {@code *} for all
 */
public record MeasurementSeries(String name, MeasurementKind kind, String endpoint) {

  /** Score values are recorded × this (a unitless 0.1 becomes 1000). */
  public static final double SCORE_SCALE = SloEvaluator.SCORE_SCALE;
  /** The name of the check-outcome series. */
  public static final String CHECKS = "checks";

  /** The series an SLO judging a named measurement (or the checks) reads, on {@code endpoint}. */
  public static String key(Slo.Measure measure, String endpoint) {
    return measure.checks() ? key(CHECKS, MeasurementKind.OTHER, endpoint)
        : key(measure.name(), measure.score() ? MeasurementKind.SCORE : MeasurementKind.DURATION_US, endpoint);
  }

  /** The series key (the endpoint part of the store keys) of a measurement of {@code kind} on {@code endpoint}. */
  public static String key(String name, MeasurementKind kind, String endpoint) {
    return prefix(kind) + name + '|' + endpoint;
  }

  /** {@code d:<name>|} for a duration, {@code s:<name>|} for a score, {@code c:checks|} for the checks. */
  static String prefix(MeasurementKind kind) {
    return switch (kind) {
      case DURATION_US -> "d:";
      case SCORE -> "s:";
      case OTHER -> "c:";
    };
  }

  /** The series of a key written by {@link #key}; null for anything else. */
  public static @Nullable MeasurementSeries parse(String key) {
    int bar = key.indexOf('|');
    if (key.length() < 3 || key.charAt(1) != ':' || bar < 0) {
      return null;
    }
    MeasurementKind kind = switch (key.charAt(0)) {
      case 'd' -> MeasurementKind.DURATION_US;
      case 's' -> MeasurementKind.SCORE;
      case 'c' -> MeasurementKind.OTHER;
      default -> null;
    };
    return kind == null ? null : new MeasurementSeries(key.substring(2, bar), kind, key.substring(bar + 1));
  }

  /**
   * The histogram value of a measurement: a duration in µs rounded (≥ 1: a sub-µs timing is the histogram's lowest
   * discernible value), a score × {@link #SCORE_SCALE} rounded; -1 when it cannot be recorded (an unknown kind, NaN,
   * infinite, negative, or past an hour / a score of 10^11).
   */
  static long histogramValue(MeasurementKind kind, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      return -1;
    }
    return switch (kind) {
      case DURATION_US -> value > 3_600_000_000.0 ? -1 : Math.max(1, Math.round(value));
      case SCORE -> value > 1e11 ? -1 : Math.round(value * SCORE_SCALE);
      case OTHER -> -1;
    };
  }

  /** Whether values are durations (reported in ms) rather than unitless scores. */
  public boolean duration() {
    return kind == MeasurementKind.DURATION_US;
  }

  /** The value at {@code percentile} of {@code slice} of this series: ms for a duration, the score for a score. */
  public double valueAt(LatencySlice slice, double percentile) {
    double ms = slice.latencyMsAt(percentile);
    return kind == MeasurementKind.SCORE ? ms * 1_000 / SCORE_SCALE : ms;
  }
}
