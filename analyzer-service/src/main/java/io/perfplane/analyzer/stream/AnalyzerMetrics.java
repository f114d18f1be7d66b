package io.perfplane.analyzer.stream;

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

  /** A run was finalized: its live series can be dropped. */
  default void runClosed(String runId) {
  }

  /** A breach was opened for an SLO with the given indicator (one of five values: bounded cardinality). */
  default void breachOpened(String indicator) {
  }

  /** A run was finalized and its capacity published. */
  default void runFinalized() {
  }
}
