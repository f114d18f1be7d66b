package io.perfplane.analyzer.stream;

/** Counters the topology reports; implemented with Micrometer by the service, ignored in topology tests. */
public interface AnalyzerMetrics {

  /** Does nothing. */
  AnalyzerMetrics NONE = new AnalyzerMetrics() {
  };

  /** One request sample was aggregated. */
  default void sampleConsumed() {
  }

  /** A breach was opened for an SLO with the given indicator (one of five values: bounded cardinality). */
  default void breachOpened(String indicator) {
  }

  /** A run was finalized and its capacity published. */
  default void runFinalized() {
  }
}
