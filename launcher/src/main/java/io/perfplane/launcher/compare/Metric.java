package io.perfplane.launcher.compare;

import java.util.Locale;

/** What a row compares; the name is the one {@code --max-regression} and the summary JSON use. */
enum Metric {
  /** Median latency, ms. */
  P50(0.50),
  /** 95th percentile latency, ms. */
  P95(0.95),
  /** 99th percentile latency, ms. */
  P99(0.99),
  /** The central shift of the whole latency distribution (Hodges–Lehmann), relative to the baseline median. */
  SHIFT(Double.NaN),
  /** Failed requests / requests; changes and tolerances in percentage points. */
  ERROR_RATE(Double.NaN),
  /** Requests per second; a decrease is worse. */
  THROUGHPUT(Double.NaN);

  private final double quantile;

  Metric(double quantile) {
    this.quantile = quantile;
  }

  /** The percentile of a latency percentile row, 0..1; NaN for the others. */
  double quantile() {
    return quantile;
  }

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when an increase is the bad direction (latencies, errors), false for throughput. */
  boolean higherIsWorse() {
    return this != THROUGHPUT;
  }

  /** The unit of the change and its tolerance: {@code pp} (percentage points) for the error rate, else {@code %}. */
  String changeUnit() {
    return this == ERROR_RATE ? "pp" : "%";
  }

  static Metric of(String id) {
    for (Metric metric : values()) {
      if (metric.id().equals(id.toLowerCase(Locale.ROOT))) {
        return metric;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + id + "' (p50, p95, p99, shift, error_rate, throughput)");
  }
}
