package io.perfplane.contracts.slo;

import java.util.Locale;

/** What an SLO measures over a window. Latency indicators are in milliseconds, the error rate is a 0..1 ratio. */
public enum Indicator {
  LATENCY_P50(50.0),
  /** 75th percentile (web vitals are judged at p75); wire name {@code latency_p75}. */
  LATENCY_P75(75.0),
  LATENCY_P90(90.0),
  LATENCY_P95(95.0),
  LATENCY_P99(99.0),
  /** 99.9th percentile; wire name {@code latency_p999}. */
  LATENCY_P999(99.9),
  ERROR_RATE(Double.NaN);

  private final double percentile;

  Indicator(double percentile) {
    this.percentile = percentile;
  }

  /** Wire name, e.g. {@code latency_p95}, as used in config and in {@code SloBreach.indicator}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The percentile (0..100) of a latency indicator; NaN for the error rate. */
  public double percentile() {
    return percentile;
  }

  /** {@code ms} for latency indicators, {@code ratio} for the error rate. */
  public String unit() {
    return this == ERROR_RATE ? "ratio" : "ms";
  }
}
