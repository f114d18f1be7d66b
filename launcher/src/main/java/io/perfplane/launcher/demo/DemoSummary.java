package io.perfplane.launcher.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Summary;
import io.perfplane.launcher.pipeline.CapacityWords;
import io.perfplane.launcher.pipeline.CostWords;
import tools.jackson.databind.JsonNode;

/** The demo's end-of-run summary: totals, endpoints, the SLOs it was held to, capacity and cost. */
final class DemoSummary {

  private DemoSummary() {
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
        .append(" after ").append(Summary.clock(load.path("elapsedMs").asLong(0))).append('\n');
    out.append(String.format(Locale.ROOT, "  requests   %,d  (%s req/s)%n", analysis.path("requests").asLong(0),
        Summary.number(analysis.path("rps").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  errors     %,d  (%s)%n", analysis.path("errors").asLong(0),
        Summary.percent(analysis.path("errorRate").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  latency    p50 %s ms   p95 %s ms   p99 %s ms   max %s ms%n",
        Summary.number(analysis.path("p50Ms").asDouble(0)), Summary.number(analysis.path("p95Ms").asDouble(0)),
        Summary.number(analysis.path("p99Ms").asDouble(0)), Summary.number(analysis.path("maxMs").asDouble(0))));
    out.append(String.format(Locale.ROOT, "  samples    %,d published, %,d dropped%n",
        load.path("samplesPublished").asLong(0), load.path("samplesDropped").asLong(0)));
    out.append('\n').append(String.format(Locale.ROOT, "  %-46s %8s %8s %7s %9s %9s %9s%n",
        "endpoint", "requests", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms"));
    for (JsonNode endpoint : analysis.path("endpoints")) {
      out.append(String.format(Locale.ROOT, "  %-46s %,8d %8s %7s %9s %9s %9s%n",
          endpoint.path("endpoint").asString(""), endpoint.path("requests").asLong(0),
          Summary.number(endpoint.path("rps").asDouble(0)), Summary.percent(endpoint.path("errorRate").asDouble(0)),
          Summary.number(endpoint.path("p50Ms").asDouble(0)), Summary.number(endpoint.path("p95Ms").asDouble(0)),
          Summary.number(endpoint.path("p99Ms").asDouble(0))));
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
      out.append('\n').append(CapacityWords.lines(capacity));
    }
    List<String> costs = new ArrayList<>();
    for (JsonNode estimate : estimates) {
      costs.add(estimate.path("scenario").asString("") + " " + CostWords.monthly(estimate) + "/month");
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
    return "ratio".equals(breach.path("unit").asString("")) ? Summary.percent(value) : Summary.number(value) + " ms";
  }
}
