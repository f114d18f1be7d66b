package io.perfplane.launcher.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Summary;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The analysis part of an end-of-run summary, shared by {@code run} and {@code analyze}: the endpoint table, SLO
 * verdicts with their whole-run values, breach episodes with their times, capacity with its evidence, cost per
 * scenario and strategy, and the report's path.
 */
public final class Verdicts {

  private Verdicts() {
  }

  /** Figures over all endpoints and the endpoint table, from the analyzer's run view (for imported runs). */
  public static String figures(String title, JsonNode analysis) {
    StringBuilder out = new StringBuilder();
    out.append('\n').append(title).append('\n');
    out.append(String.format(Locale.ROOT, "  requests   %,d  (%s req/s over %s s)%n", analysis.path("requests").asLong(0),
        Summary.number(analysis.path("rps").asDouble(0)), Summary.number(analysis.path("durationMs").asDouble(0)
            / 1000.0)));
    out.append(String.format(Locale.ROOT, "  errors     %,d  (%s)%n", analysis.path("errors").asLong(0),
        Summary.percent(analysis.path("errorRate").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  latency    p50 %s ms   p90 %s ms   p95 %s ms   p99 %s ms   p99.9 %s ms"
            + "   max %s ms%n", ms(analysis, "p50Ms"), ms(analysis, "p90Ms"), ms(analysis, "p95Ms"),
        ms(analysis, "p99Ms"), ms(analysis, "p999Ms"), ms(analysis, "maxMs")));
    return out.append(endpointTable(analysis)).toString();
  }

  /** Raw service time and time to first byte over all endpoints, or nothing when the run had neither. */
  public static String rawLine(JsonNode analysis) {
    JsonNode service = analysis.path("serviceTime");
    JsonNode ttfb = analysis.path("ttfb");
    if (!service.isObject() && !ttfb.isObject()) {
      return "";
    }
    StringBuilder line = new StringBuilder("  raw        ");
    if (service.isObject()) {
      line.append(String.format(Locale.ROOT, "service time p50 %s ms   p95 %s ms   p99 %s ms", ms(service, "p50Ms"),
          ms(service, "p95Ms"), ms(service, "p99Ms")));
    }
    if (ttfb.isObject()) {
      line.append(service.isObject() ? "   " : "").append(String.format(Locale.ROOT,
          "TTFB p50 %s ms   p95 %s ms   p99 %s ms", ms(ttfb, "p50Ms"), ms(ttfb, "p95Ms"), ms(ttfb, "p99Ms")));
    }
    return line.append('\n').toString();
  }

  /** Per-endpoint whole-run figures. */
  public static String endpointTable(JsonNode analysis) {
    StringBuilder out = new StringBuilder();
    out.append('\n').append(String.format(Locale.ROOT, "  %-46s %9s %8s %7s %9s %9s %9s %10s %10s%n",
        "endpoint", "requests", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms", "raw p95", "ttfb p95"));
    for (JsonNode endpoint : analysis.path("endpoints")) {
      out.append(String.format(Locale.ROOT, "  %-46s %,9d %8s %7s %9s %9s %9s %10s %10s%n",
          endpoint.path("endpoint").asString(""), endpoint.path("requests").asLong(0),
          Summary.number(endpoint.path("rps").asDouble(0)), Summary.percent(endpoint.path("errorRate").asDouble(0)),
          ms(endpoint, "p50Ms"), ms(endpoint, "p95Ms"), ms(endpoint, "p99Ms"),
          ms(endpoint.path("serviceTime"), "p95Ms"), ms(endpoint.path("ttfb"), "p95Ms")));
    }
    out.append("  (latency corrected for coordinated omission; raw = service time from the actual start)\n");
    return out.toString();
  }

  /** SLOs, breaches, capacity, cost and the report. */
  public static String render(Outcome outcome) {
    JsonNode analysis = outcome.analysis();
    StringBuilder out = new StringBuilder();
    String raw = rawLine(analysis);
    if (!raw.isEmpty()) {
      out.append('\n').append(raw);
    }
    out.append("\n  SLOs (analyzer, over all generators)\n");
    if (analysis.path("slos").isEmpty()) {
      out.append("    none\n");
    }
    for (JsonNode slo : analysis.path("slos")) {
      JsonNode held = slo.path("held");
      String mark = held.isBoolean() ? (held.asBoolean() ? "✓" : "✗") : "?";
      out.append(String.format(Locale.ROOT, "    %s %-24s %s %s %s%s, window %d s: observed %s, %d breach%s%n",
          mark, slo.path("id").asString(""), indicator(slo), "<=", value(slo, slo.path("objective")),
          slo.path("endpoint").asString("*").equals("*") ? "" : " on " + slo.path("endpoint").asString(""),
          slo.path("windowSeconds").asInt(0), slo.path("observed").isNumber() ? value(slo, slo.path("observed"))
              : "no requests", slo.path("breaches").asInt(0), slo.path("breaches").asInt(0) == 1 ? "" : "es"));
    }
    if (!analysis.path("breaches").isEmpty()) {
      out.append("\n  breaches\n");
      for (JsonNode breach : analysis.path("breaches")) {
        // The view holds the episode's latest event: the value is the one it resolved at, or the last one seen.
        out.append(String.format(Locale.ROOT, "    %-24s %-30s opened %s, %s %s %s over %d s%n",
            breach.path("sloId").asString(""), breach.path("endpoint").asString(""),
            iso(breach.path("openedAtUs").asLong(0)), breach.path("resolvedAtUs").isNumber()
                ? "resolved " + iso(breach.path("resolvedAtUs").asLong()) + " at" : "still open at the end, last",
            breach.path("indicator").asString(""), value(breach, breach.path("observed")),
            breach.path("windowSeconds").asInt(0)));
      }
    }
    JsonNode capacity = analysis.path("capacity");
    if (capacity.isObject()) {
      out.append('\n').append(CapacityWords.lines(capacity));
    }
    if (!outcome.estimates().isEmpty()) {
      out.append("  cost/month ");
      String catalog = "";
      boolean first = true;
      for (JsonNode estimate : outcome.estimates()) {
        out.append(first ? "" : "\n             ").append(String.format(Locale.ROOT, "%-10s %s",
            estimate.path("scenario").asString(""), CostWords.strategies(estimate)));
        catalog = estimate.path("catalogVersion").asString("");
        first = false;
      }
      out.append("  (catalog ").append(catalog).append(")\n");
    }
    out.append("\n  report     ").append(outcome.report() == null ? "not saved (see the analyzer's log)"
        : outcome.report() + " (self-contained HTML: charts, SLOs, breaches, capacity, cost; opens offline)").append('\n');
    if (outcome.timing() != null) {
      out.append("  timing     ").append(outcome.timing().line()).append('\n');
    }
    return out.toString();
  }

  /** Whether any SLO the run was held to failed (breached, or missed over the whole run). */
  public static boolean anySloFailed(JsonNode analysis) {
    for (JsonNode slo : analysis.path("slos")) {
      if (slo.path("held").isBoolean() && !slo.path("held").asBoolean()) {
        return true;
      }
    }
    return !analysis.path("breaches").isEmpty();
  }

  /** One line with the result and exit code. */
  public static String result(int exitCode) {
    return "\n  result     " + ExitCodes.describe(exitCode) + " (exit " + exitCode + ")\n";
  }

  private static String indicator(JsonNode slo) {
    return slo.path("indicator").asString("");
  }

  private static String value(JsonNode owner, JsonNode value) {
    return "ratio".equals(owner.path("unit").asString("")) ? Summary.percent(value.asDouble(0))
        : Summary.number(value.asDouble(0)) + " ms";
  }

  private static String ms(JsonNode node, String field) {
    return node.path(field).isNumber() ? Summary.number(node.path(field).asDouble()) : "-";
  }

  static @Nullable String iso(long epochMicros) {
    return epochMicros <= 0 ? null : Instant.ofEpochSecond(epochMicros / 1_000_000, epochMicros % 1_000_000 * 1000)
        .toString();
  }

  static Map<String, Object> latency(JsonNode node) {
    Map<String, Object> latency = new LinkedHashMap<>();
    for (String p : List.of("p50", "p90", "p95", "p99", "p999", "max", "mean")) {
      JsonNode value = node.path(p + "Ms");
      if (value.isNumber()) {
        latency.put(p, value.asDouble());
      }
    }
    return latency;
  }
}
