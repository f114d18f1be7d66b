package io.perfplane.launcher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Renders the live progress line and the end-of-run summary from the services' JSON. */
final class Summary {

  private Summary() {
  }

  /**
   * One progress line.
   *
   * @param load loadgen's run status
   * @param analysis analyzer's run view, or {@code null} before its first sample
   */
  static String progress(JsonNode load, @Nullable JsonNode analysis) {
    long elapsedMs = load.path("elapsedMs").asLong(0);
    long plannedMs = load.path("plannedDurationMs").asLong(0);
    String latency = analysis == null ? "p95 -" : "p95 " + number(analysis.path("p95Ms").asDouble(0)) + " ms";
    double rps = analysis == null ? 0 : analysis.path("rps").asDouble(0);
    long errors = load.path("errors").asLong(0);
    return String.format(Locale.ROOT, "stage %d | VUs %d/%d | %,d req | %s rps | %s | errors %,d | %s / %s",
        load.path("stageIndex").asInt(0) + 1, load.path("activeVus").asInt(0), load.path("targetVus").asInt(0),
        load.path("requests").asLong(0), number(rps), latency, errors, clock(elapsedMs), clock(plannedMs));
  }

  /**
   * The end-of-run summary.
   *
   * @param runId run id
   * @param load loadgen's final run status
   * @param analysis analyzer's final run view
   * @param estimates cost-service estimates for the run (an array)
   * @param slos the SLOs the run was held to
   * @param exitCode the code the command exits with
   */
  static String render(String runId, JsonNode load, JsonNode analysis, JsonNode estimates, List<SloSpec> slos,
      int exitCode) {
    StringBuilder out = new StringBuilder();
    out.append("\nperfplane run ").append(runId).append(" — ").append(load.path("state").asString(""))
        .append(" after ").append(clock(load.path("elapsedMs").asLong(0))).append('\n');
    out.append(String.format(Locale.ROOT, "  requests   %,d  (%s req/s)%n", analysis.path("requests").asLong(0),
        number(analysis.path("rps").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  errors     %,d  (%s)%n", analysis.path("errors").asLong(0),
        percent(analysis.path("errorRate").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  latency    p50 %s ms   p95 %s ms   p99 %s ms   max %s ms%n",
        number(analysis.path("p50Ms").asDouble(0)), number(analysis.path("p95Ms").asDouble(0)),
        number(analysis.path("p99Ms").asDouble(0)), number(analysis.path("maxMs").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  samples    %,d published, %,d dropped%n",
        load.path("samplesPublished").asLong(0), load.path("samplesDropped").asLong(0)));
    out.append('\n').append(String.format(Locale.ROOT, "  %-46s %8s %8s %7s %9s %9s %9s%n",
        "endpoint", "requests", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms"));
    for (JsonNode endpoint : analysis.path("endpoints")) {
      out.append(String.format(Locale.ROOT, "  %-46s %,8d %8s %7s %9s %9s %9s%n",
          endpoint.path("endpoint").asString(""), endpoint.path("requests").asLong(0),
          number(endpoint.path("rps").asDouble(0)), percent(endpoint.path("errorRate").asDouble(0)),
          number(endpoint.path("p50Ms").asDouble(0)), number(endpoint.path("p95Ms").asDouble(0)),
          number(endpoint.path("p99Ms").asDouble(0))));
    }
    out.append("\n  SLOs\n");
    for (SloSpec slo : slos) {
      List<JsonNode> breaches = breachesOf(analysis, slo.id());
      out.append("    ").append(breaches.isEmpty() ? "✓ " : "✗ ").append(slo.id()).append("  ")
          .append(slo.describe()).append('\n');
      for (JsonNode breach : breaches) {
        out.append("        ").append(breach.path("state").asString("")).append(": observed ")
            .append(observed(breach)).append(" over ").append(breach.path("windowSeconds").asInt(0)).append(" s")
            .append(breach.path("endpoint").asString("").equals("*") ? "" : " on " + breach.path("endpoint").asString(""))
            .append('\n');
      }
    }
    JsonNode capacity = analysis.path("capacity");
    if (capacity.isObject()) {
      out.append(String.format(Locale.ROOT, "%n  capacity   %s req/s sustained at %d VUs with SLOs %s (p95 %s ms,"
              + " confidence %s)%n", number(capacity.path("maxSustainedRps").asDouble(0)),
          capacity.path("concurrencyAtSlo").asInt(0), capacity.path("sloHeld").asBoolean(false) ? "held" : "NOT held",
          number(capacity.path("p95AtCapacityMs").asDouble(0)), number(capacity.path("confidence").asDouble(0))));
    }
    List<String> costs = new ArrayList<>();
    for (JsonNode estimate : estimates) {
      costs.add(estimate.path("scenario").asString("") + " " + usd(estimate.path("monthlyUsd").asString("")) + "/month");
    }
    if (!costs.isEmpty()) {
      out.append("  cost       ").append(String.join("   ", costs)).append("  (catalog ")
          .append(estimates.get(0).path("catalogVersion").asString("")).append(")\n");
    }
    out.append("\n  result     ").append(ExitCodes.describe(exitCode)).append(" (exit ").append(exitCode)
        .append(")\n");
    return out.toString();
  }

  private static List<JsonNode> breachesOf(JsonNode analysis, String sloId) {
    List<JsonNode> breaches = new ArrayList<>();
    for (JsonNode breach : analysis.path("breaches")) {
      if (breach.path("sloId").asString("").equals(sloId)) {
        breaches.add(breach);
      }
    }
    return breaches;
  }

  private static String observed(JsonNode breach) {
    double value = breach.path("observed").asDouble(0);
    return "ratio".equals(breach.path("unit").asString("")) ? percent(value) : number(value) + " ms";
  }

  static String number(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }

  static String clock(long millis) {
    long seconds = millis / 1000;
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }

  /** Dollars to the cent with thousands separators; cost-service keeps six decimals for sums, not for reading. */
  private static String usd(String amount) {
    try {
      return String.format(Locale.ROOT, "$%,.2f", new BigDecimal(amount));
    } catch (NumberFormatException e) {
      return "$" + amount;
    }
  }
}
