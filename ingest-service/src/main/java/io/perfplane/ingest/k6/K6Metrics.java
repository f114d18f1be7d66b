package io.perfplane.ingest.k6;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.perfplane.contracts.MeasurementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a k6 point of a metric other than the built-in {@code http_req*} ones becomes (ADR 0007 names), from the
 * metric declarations ({@code "type":"Metric"} lines) seen so far:
 * <ul>
 *   <li>{@code checks} (a Rate, tag {@code check}): a check outcome;</li>
 *   <li>{@code browser_web_vital_<lcp|fid|cls|inp|ttfb|fcp>}: {@code web_vital.<x>}, CLS a {@code SCORE}, the
 *       others ms, kept as µs {@code DURATION_US};</li>
 *   <li>a declared Trend: {@code custom.<metric>}, {@code DURATION_US} (ms → µs) when it {@code contains "time"},
 *       else a {@code SCORE} with the value as written (a count, bytes, a ratio: unitless to perfplane);</li>
 *   <li>everything else (Counters, Gauges, custom Rates, k6's own {@code vus}, {@code iteration_duration}, ...,
 *       and points of a metric never declared): nothing per request.</li>
 * </ul>
 * {@code iteration_duration}, {@code group_duration} and the {@code browser_*}/{@code grpc_*}/{@code ws_*} built-ins
 * are Trends too but describe iterations, groups or other protocols, not the HTTP request: not mapped.
 * Not thread-safe: one instance per upload.
 */
final class K6Metrics {

  /** Declarations kept per upload: k6 declares a few dozen; a flood of names must not grow the heap. */
  static final int MAX_DECLARED = 4096;
  static final String CHECKS = "checks";
  private static final String WEB_VITAL_PREFIX = "browser_web_vital_";
  private static final Map<String, Measured> WEB_VITALS = Map.of(
      "lcp", vital("lcp"), "fid", vital("fid"), "cls", vital("cls"), "inp", vital("inp"), "ttfb", vital("ttfb"),
      "fcp", vital("fcp"));
  private static final Set<String> K6_TRENDS = Set.of("iteration_duration", "group_duration");
  private static final String[] K6_PREFIXES = {"http_req", "browser_", "grpc_", "ws_", "k6_"};

  /** A point that becomes a measurement of the request it belongs to. */
  record Measured(String name, MeasurementKind kind) {

    /** The value in perfplane's unit: µs for a duration (k6 writes ms), as written for a score. */
    double normalise(double k6Value) {
      return kind == MeasurementKind.DURATION_US ? k6Value * 1000.0 : k6Value;
    }
  }

  private final Map<String, Measured> trends = new HashMap<>();

  /** Records a {@code "type":"Metric"} line; only custom Trends matter. */
  void declare(String metric, @Nullable String type, @Nullable String contains) {
    if (!"trend".equals(type) || trends.size() >= MAX_DECLARED || K6_TRENDS.contains(metric)) {
      return;
    }
    for (String prefix : K6_PREFIXES) {
      if (metric.startsWith(prefix)) {
        return;
      }
    }
    trends.putIfAbsent(metric, new Measured("custom." + metric,
        "time".equals(contains) ? MeasurementKind.DURATION_US : MeasurementKind.SCORE));
  }

  /** The measurement a point of {@code metric} becomes, or null if it is not a per-request measurement. */
  @Nullable Measured measured(String metric) {
    if (metric.startsWith(WEB_VITAL_PREFIX)) {
      return WEB_VITALS.get(metric.substring(WEB_VITAL_PREFIX.length()));
    }
    return trends.get(metric);
  }

  private static Measured vital(String name) {
    // CLS is a layout-shift score; LCP, FID, INP, TTFB and FCP are times in ms.
    return new Measured("web_vital." + name, name.equals("cls") ? MeasurementKind.SCORE : MeasurementKind.DURATION_US);
  }
}
