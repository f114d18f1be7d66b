package io.perfplane.launcher.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.launcher.Summary;

/**
 * An SLO handed to the analyzer.
 *
 * @param id SLO id
 * @param endpoint endpoint label, or {@code *} for the whole run
 * @param indicator latency_p50, latency_p90, latency_p95, latency_p99 or error_rate
 * @param objective threshold: milliseconds for latency indicators, a ratio (0..1) for error_rate
 * @param windowSeconds rolling evaluation window (s)
 */
record SloSpec(String id, String endpoint, String indicator, double objective, int windowSeconds) {

  /** What the demo holds the reference app to. */
  static List<SloSpec> demoDefaults() {
    return List.of(
        new SloSpec("overall-p95", "*", "latency_p95", 500, 10),
        new SloSpec("overall-errors", "*", "error_rate", 0.01, 10),
        new SloSpec("overview-p99", Plans.OVERVIEW, "latency_p99", 1000, 10));
  }

  /** Environment variables binding {@code perfplane.analyzer.slos} in the analyzer (the list replaces its defaults). */
  static Map<String, String> toEnvironment(List<SloSpec> slos) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < slos.size(); i++) {
      SloSpec slo = slos.get(i);
      String prefix = "PERFPLANE_ANALYZER_SLOS_" + i + "_";
      env.put(prefix + "ID", slo.id());
      env.put(prefix + "ENDPOINT", slo.endpoint());
      env.put(prefix + "INDICATOR", slo.indicator());
      env.put(prefix + "OBJECTIVE", Double.toString(slo.objective()));
      env.put(prefix + "WINDOW", slo.windowSeconds() + "s");
    }
    return env;
  }

  /** Human form, e.g. {@code latency_p95 < 500 ms}. */
  String describe() {
    boolean ratio = indicator.equals("error_rate");
    String threshold = ratio ? Summary.percent(objective) : Summary.number(objective) + " ms";
    return indicator + " < " + threshold + (endpoint.equals("*") ? "" : " on " + endpoint);
  }
}
