package io.perfplane.ingest.format;

import io.perfplane.contracts.MeasurementKind;

/**
 * One named measurement of a sample, already normalised (ADR 0007): a duration in µs or a unitless score.
 *
 * @param name dotted name: {@code server_timing.<metric>}, {@code web_vital.<lcp|fid|cls|inp|ttfb|fcp>},
 *     {@code client.<phase>} (a phase the client timed, such as JMeter's {@code Connect}) or
 *     {@code custom.<tool metric>}; at most once per sample
 * @param value µs for {@link MeasurementKind#DURATION_US} ({@code >= 0}, fractions allowed), the figure itself for
 *     {@link MeasurementKind#SCORE}; always finite
 * @param kind {@code DURATION_US} or {@code SCORE}; {@code OTHER} is never written
 */
public record Measurement(String name, double value, MeasurementKind kind) {

  public Measurement {
    if (!Double.isFinite(value) || kind == MeasurementKind.OTHER
        || kind == MeasurementKind.DURATION_US && value < 0) {
      throw new IllegalArgumentException("measurement " + name + ": " + kind + " " + value
          + " (durations are finite µs >= 0, scores finite, OTHER is never written)");
    }
  }

  /** A duration given in milliseconds, as k6 and JMeter write them, kept in µs with its fraction. */
  public static Measurement ofMillis(String name, double millis) {
    return new Measurement(name, millis * 1000.0, MeasurementKind.DURATION_US);
  }
}
