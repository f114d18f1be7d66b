package io.perfplane.analyzer.stream;

import io.perfplane.analyzer.capacity.CapacityEstimate;
import io.perfplane.analyzer.window.WindowStats;

/** Counters the topology reports; implemented with Micrometer by the service, ignored in topology tests. */
public interface AnalyzerMetrics {

  /** Does nothing. */
  AnalyzerMetrics NONE = new AnalyzerMetrics() {
  };

  /** One request sample was aggregated. */
  default void sampleConsumed() {
  }

  /** A sample arrived after the windows of its second were evaluated (it still counts in the whole run). */
  default void lateSample() {
  }

  /**
   * Live statistics of one endpoint ({@code *} = all) of an active run over the trailing window.
   *
   * @param stats the window's statistics
   */
  default void windowObserved(String runId, String endpoint, WindowStats stats) {
  }

  /**
   * The trailing window of one endpoint's named measurement ({@code server_timing.db}, durations only) or of its
   * check outcomes ({@link MeasurementSeries#CHECKS}), reported as {@link #windowObserved} is.
   *
   * @param stats the window: percentiles in ms for a measurement; for the checks, outcomes as requests and failed
   *     outcomes as errors (the pass rate is 1 − {@link WindowStats#errorRate()})
   */
  default void measurementWindowObserved(String runId, String endpoint, String measurement, WindowStats stats) {
  }

  /**
   * A measurement of a sample was not recorded: its value cannot be (unknown kind, NaN, negative, out of range) or
   * its run already has {@link Measures#MAX_NAMES_PER_RUN} measurement names.
   *
   * @param reason {@code invalid} or {@code too_many_names}
   */
  default void measurementSkipped(String reason) {
  }

  /** A run was finalized: its live series (windows, open breaches) can be dropped. */
  default void runClosed(String runId) {
  }

  /**
   * A breach was opened on an active run.
   *
   * @param sloId the SLO's id
   * @param endpoint the SLO's endpoint ({@code *} = all)
   * @param indicator the SLO's indicator (one of five values)
   */
  default void breachOpened(String runId, String sloId, String endpoint, String indicator) {
  }

  /** The open breach of an SLO of an active run was resolved. */
  default void breachResolved(String runId, String sloId, String endpoint) {
  }

  /** A run was finalized and {@code estimate}, its capacity, published. */
  default void runFinalized(String runId, CapacityEstimate estimate) {
  }
}
