package io.perfplane.launcher.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --summary-json FILE}: the end-of-run figures as JSON for CI and scripts, in the spirit of k6's
 * {@code --summary-export}. Versioned by {@code schema}; fields are only ever added within a version. Format in
 * docs/summary-json.md.
 */
public final class SummaryJson {

  /** Version of the document. */
  public static final int SCHEMA = 1;
  /**
   * Additions within {@link #SCHEMA}, counted from 1 (a document without it is 1.0): 1 added the named measurements,
   * check pass rates and latency shares per endpoint, {@code likelyBottleneck}, and the SLOs' and breaches' metric.
   */
  public static final int SCHEMA_MINOR = 1;

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SummaryJson() {
  }

  /**
   * The document.
   *
   * @param command {@code run}, {@code analyze} or {@code demo}
   * @param load loadgen's final run status for a run, null for an import
   */
  public static Map<String, Object> of(String command, String runId, Outcome outcome, @Nullable JsonNode load,
      int exitCode) {
    JsonNode analysis = outcome.analysis();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("schemaMinor", SCHEMA_MINOR);
    doc.put("command", command);
    doc.put("runId", runId);
    doc.put("requests", analysis.path("requests").asLong(0));
    doc.put("errors", analysis.path("errors").asLong(0));
    doc.put("errorRate", analysis.path("errorRate").asDouble(0));
    doc.put("rps", analysis.path("rps").asDouble(0));
    doc.put("durationMs", analysis.path("durationMs").asDouble(0));
    doc.put("latencyMs", Verdicts.latency(analysis));
    // Added within schema 1: raw service time and time to first byte beside the corrected latencyMs (null: none).
    doc.put("serviceTimeMs", optionalLatency(analysis.path("serviceTime")));
    doc.put("ttfbMs", optionalLatency(analysis.path("ttfb")));
    Map<String, JsonNode> measured = new LinkedHashMap<>();
    for (JsonNode m : analysis.path("measurements").path("endpoints")) {
      measured.put(m.path("endpoint").asString(""), m);
    }
    // Added within schema 1 (minor 1): the named measurements of all endpoints, and the likely bottleneck.
    doc.put("measurements", measured.containsKey("*") ? measurements(measured.get("*")) : null);
    JsonNode bottleneck = analysis.path("measurements").path("likelyBottleneck");
    doc.put("likelyBottleneck", bottleneck.isString() ? bottleneck.asString() : null);
    List<Map<String, Object>> endpoints = new ArrayList<>();
    for (JsonNode endpoint : analysis.path("endpoints")) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("endpoint", endpoint.path("endpoint").asString(""));
      e.put("requests", endpoint.path("requests").asLong(0));
      e.put("errors", endpoint.path("errors").asLong(0));
      e.put("errorRate", endpoint.path("errorRate").asDouble(0));
      e.put("rps", endpoint.path("rps").asDouble(0));
      e.put("latencyMs", Verdicts.latency(endpoint));
      e.put("serviceTimeMs", optionalLatency(endpoint.path("serviceTime")));
      e.put("ttfbMs", optionalLatency(endpoint.path("ttfb")));
      JsonNode m = measured.get(endpoint.path("endpoint").asString(""));
      e.put("measurements", m == null ? null : measurements(m));
      endpoints.add(e);
    }
    doc.put("endpoints", endpoints);
    List<Map<String, Object>> slos = new ArrayList<>();
    for (JsonNode slo : analysis.path("slos")) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", slo.path("id").asString(""));
      s.put("endpoint", slo.path("endpoint").asString("*"));
      s.put("indicator", slo.path("indicator").asString(""));
      s.put("objective", slo.path("objective").asDouble(0));
      s.put("unit", slo.path("unit").asString(""));
      s.put("windowSeconds", slo.path("windowSeconds").asInt(0));
      s.put("abortOnFail", slo.path("abortOnFail").asBoolean(false));
      s.put("observed", slo.path("observed").isNumber() ? slo.path("observed").asDouble() : null);
      s.put("breaches", slo.path("breaches").asInt(0));
      s.put("held", slo.path("held").isBoolean() ? slo.path("held").asBoolean() : null);
      s.put("metric", slo.path("metric").asString("latency"));
      slos.add(s);
    }
    doc.put("slos", slos);
    List<Map<String, Object>> breaches = new ArrayList<>();
    for (JsonNode breach : analysis.path("breaches")) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("sloId", breach.path("sloId").asString(""));
      b.put("endpoint", breach.path("endpoint").asString(""));
      b.put("indicator", breach.path("indicator").asString(""));
      b.put("state", breach.path("state").asString(""));
      b.put("observed", breach.path("observed").asDouble(0));
      b.put("objective", breach.path("objective").asDouble(0));
      b.put("unit", breach.path("unit").asString(""));
      b.put("windowSeconds", breach.path("windowSeconds").asInt(0));
      b.put("openedAt", Verdicts.iso(breach.path("openedAtUs").asLong(0)));
      b.put("resolvedAt", breach.path("resolvedAtUs").isNumber() ? Verdicts.iso(breach.path("resolvedAtUs").asLong())
          : null);
      b.put("metric", breach.path("metric").asString("latency"));
      breaches.add(b);
    }
    doc.put("breaches", breaches);
    doc.put("capacity", analysis.path("capacity").isObject() ? analysis.path("capacity") : null);
    List<Map<String, Object>> cost = new ArrayList<>();
    for (JsonNode estimate : outcome.estimates()) {
      // Each estimate lists every strategy's total for its scenario; one entry per (scenario, strategy).
      JsonNode strategies = estimate.path("strategies");
      List<JsonNode> rows = new ArrayList<>();
      strategies.forEach(rows::add);
      if (rows.isEmpty()) {
        rows.add(estimate);
      }
      for (JsonNode strategy : rows) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scenario", estimate.path("scenario").asString(""));
        c.put("strategy", strategy.path("strategy").asString(""));
        c.put("monthlyUsd", strategy.path("monthlyUsd").asString(""));
        // Added within schema 1: the range and what the capacity was (older cost-service: UNKNOWN, no range).
        JsonNode kinded = strategy.has("capacityKind") ? strategy : estimate;
        c.put("capacityKind", kinded.path("capacityKind").asString("UNKNOWN"));
        c.put("monthlyUsdLow", kinded.path("monthlyUsdLow").isString() ? kinded.path("monthlyUsdLow").asString() : null);
        c.put("monthlyUsdHigh", kinded.path("monthlyUsdHigh").isString() ? kinded.path("monthlyUsdHigh").asString()
            : null);
        c.put("monthlyText", CostWords.monthly(kinded));
        c.put("monthlyUsers", estimate.path("monthlyUsers").asLong(0));
        c.put("peakRps", estimate.path("peakRps").asDouble(0));
        c.put("catalogVersion", estimate.path("catalogVersion").asString(""));
        cost.add(c);
      }
    }
    doc.put("cost", cost);
    if (load != null) {
      Map<String, Object> generator = new LinkedHashMap<>();
      generator.put("state", load.path("state").asString(""));
      generator.put("samplesPublished", load.path("samplesPublished").asLong(0));
      generator.put("samplesDropped", load.path("samplesDropped").asLong(0));
      generator.put("thresholds", load.path("thresholds").isArray() ? load.path("thresholds") : List.of());
      // Added within schema 1: steps not sent for a missing extracted variable (0 and [] from an older loadgen).
      generator.put("skippedSteps", load.path("skippedSteps").asLong(0));
      List<Map<String, Object>> skipped = new ArrayList<>();
      for (JsonNode step : load.path("skipped")) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("scenario", step.path("scenario").asString(""));
        k.put("step", step.path("step").asString(""));
        k.put("endpoint", step.path("endpoint").asString(""));
        k.put("count", step.path("count").asLong(0));
        skipped.add(k);
      }
      generator.put("skipped", skipped);
      doc.put("load", generator);
    }
    doc.put("report", outcome.report() == null ? null : outcome.report().toAbsolutePath().toString());
    Timing timing = outcome.timing();
    if (timing != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("commandStartedAt", timing.commandStarted().toString());
      t.put("readyAt", timing.ready().toString());
      t.put("firstSampleAnalyzedAt", timing.firstSampleAnalyzed() == null ? null
          : timing.firstSampleAnalyzed().toString());
      t.put("readyMs", timing.sinceStartMs(timing.ready()));
      t.put("firstSampleAnalyzedMs", timing.firstSampleAnalyzed() == null ? null
          : timing.sinceStartMs(timing.firstSampleAnalyzed()));
      doc.put("timing", t);
    }
    doc.put("exitCode", exitCode);
    // Added within schema 1: the analyzer's whole-run histograms document, what `perfplane compare` compares (null:
    // not fetched; such a summary, like one written before this field, cannot be compared).
    doc.put("histograms", outcome.histograms());
    return doc;
  }

  /** Writes the document to {@code file} (parent directories created). */
  public static void write(Path file, Map<String, Object> doc) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, JSON.writeValueAsString(doc) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the summary JSON to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * One endpoint's named measurements as the analyzer reports them: {@code values[] {name, unit, count, p50, p95,
   * p99}}, {@code checks {passed, failed, passRate}} or null, {@code timeShares[] {name, p50, p95}}.
   */
  private static Map<String, Object> measurements(JsonNode endpoint) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> values = new ArrayList<>();
    for (JsonNode v : endpoint.path("measurements")) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("name", v.path("name").asString(""));
      value.put("unit", v.path("unit").asString(""));
      value.put("count", v.path("count").asLong(0));
      value.put("p50", v.path("p50").asDouble(0));
      value.put("p95", v.path("p95").asDouble(0));
      value.put("p99", v.path("p99").asDouble(0));
      values.add(value);
    }
    m.put("values", values);
    JsonNode checks = endpoint.path("checks");
    if (checks.isObject()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("passed", checks.path("passed").asLong(0));
      c.put("failed", checks.path("failed").asLong(0));
      c.put("passRate", checks.path("passRate").asDouble(0));
      m.put("checks", c);
    } else {
      m.put("checks", null);
    }
    List<Map<String, Object>> shares = new ArrayList<>();
    for (JsonNode share : endpoint.path("shares")) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", share.path("name").asString(""));
      s.put("p50", share.path("p50").asDouble(0));
      s.put("p95", share.path("p95").asDouble(0));
      shares.add(s);
    }
    m.put("timeShares", shares);
    return m;
  }

  private static @Nullable Map<String, Object> optionalLatency(JsonNode node) {
    return node.isObject() ? Verdicts.latency(node) : null;
  }
}
