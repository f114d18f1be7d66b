package io.perfplane.launcher.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the load plan the demo submits to loadgen-service (its JSON shape, as maps). */
final class Plans {

  static final String OVERVIEW = "GET /api/dashboards/{slug}/overview";
  static final String DETAIL = "GET /api/dashboards/{slug}";
  static final String LIST = "GET /api/dashboards";
  static final String MISSING = "GET /api/dashboards/{slug}/overview (missing)";
  static final String DEMO_API_KEY = "ccl-demo-key";

  private Plans() {
  }

  /**
   * A staged closed-model plan: ramp to half the peak, hold, ramp to the peak, hold, ramp down.
   *
   * @param runId run id to use
   * @param targetBaseUrl api-service base URL
   * @param peakVus peak virtual users (at least 2)
   * @param duration total planned duration (at least 5 s)
   * @param includeMissing also request a dashboard that does not exist (every such request fails with 404)
   */
  static Map<String, Object> demo(String runId, String targetBaseUrl, int peakVus, Duration duration,
      boolean includeMissing) {
    if (peakVus < 2) {
      throw new IllegalArgumentException("--vus must be at least 2");
    }
    if (duration.toSeconds() < 5) {
      throw new IllegalArgumentException("--duration must be at least 5s");
    }
    List<Map<String, Object>> requests = new ArrayList<>(List.of(
        request(OVERVIEW, "/api/dashboards/engineering/overview"),
        request(DETAIL, "/api/dashboards/engineering"),
        request(LIST, "/api/dashboards?page=0&size=20")));
    if (includeMissing) {
      requests.add(request(MISSING, "/api/dashboards/no-such-dashboard/overview"));
    }
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("runId", runId);
    plan.put("name", "demo");
    plan.put("targetService", "api-service");
    plan.put("targetBaseUrl", targetBaseUrl);
    plan.put("stages", stages(peakVus, duration.toMillis()));
    plan.put("requests", requests);
    plan.put("thinkTimeMs", 50);
    plan.put("requestTimeoutMs", 5000);
    return plan;
  }

  /** Fractions of the duration per stage and the share of the peak each stage ends at. */
  static List<Map<String, Object>> stages(int peakVus, long durationMs) {
    double[][] shape = {{0.20, 0.5}, {0.25, 0.5}, {0.15, 1.0}, {0.30, 1.0}, {0.10, 0.0}};
    List<Map<String, Object>> stages = new ArrayList<>();
    long assigned = 0;
    for (int i = 0; i < shape.length; i++) {
      long stageMs = i == shape.length - 1 ? durationMs - assigned : Math.round(durationMs * shape[i][0]);
      assigned += stageMs;
      stages.add(Map.of("durationMs", stageMs, "targetVus", (int) Math.round(peakVus * shape[i][1])));
    }
    return stages;
  }

  private static Map<String, Object> request(String name, String path) {
    return Map.of("name", name, "method", "GET", "path", path, "headers", Map.of("X-Api-Key", DEMO_API_KEY));
  }
}
