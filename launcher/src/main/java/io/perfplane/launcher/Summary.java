package io.perfplane.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Renders the live progress line from the services' JSON, and the number formats every command's output shares
 * (the demo's end-of-run summary is {@code demo.DemoSummary}).
 */
public final class Summary {

  private Summary() {
  }

  /**
   * One progress line: stage, load level (VUs active/target for closed scenarios, target arrival rate for open
   * ones), requests, rate, p95, errors and time. Rate and p95 are the analyzer's when given, else loadgen's own
   * over its last 10 s.
   *
   * @param load loadgen's run status ({@code GET /runs/{id}})
   * @param analysis analyzer's run view, or {@code null} without an analyzer or before its first sample
   */
  public static String progress(JsonNode load, @Nullable JsonNode analysis) {
    long requests = load.path("requests").asLong(0);
    double rps = analysis != null ? analysis.path("rps").asDouble(0) : load.path("requestsPerSecond").asDouble(0);
    // Nothing completed in the window (yet, or any more): no p95 to show, rather than a 0.
    JsonNode window = analysis != null ? analysis : load;
    double p95 = window.path("p95Ms").asDouble(0);
    boolean windowEmpty = rps == 0 && p95 == 0;
    String latency = requests == 0 || windowEmpty ? "p95 -" : "p95 " + number(p95) + " ms";
    long errors = load.path("errors").asLong(0);
    double errorRate = requests == 0 ? 0 : (double) errors / requests;
    return String.format(Locale.ROOT, "%s | %s | %,d req | %s rps | %s | errors %,d (%s) | %s elapsed, %s left",
        stages(load), level(load), requests, number(rps), latency, errors, percent(errorRate),
        clock(load.path("elapsedMs").asLong(0)), clock(roundUpToSecond(load.path("remainingMs").asLong(
            Math.max(0, load.path("plannedDurationMs").asLong(0) - load.path("elapsedMs").asLong(0))))));
  }

  /** Time left is shown rounded up, so elapsed + left add up to the plan while running (00:00 + 00:30, not 00:29). */
  private static long roundUpToSecond(long millis) {
    return (millis + 999) / 1000 * 1000;
  }

  /** {@code stage 2/4} of the only scenario, {@code stage browse 2/4, api 1/1} of several. */
  private static String stages(JsonNode load) {
    JsonNode scenarios = load.path("scenarios");
    if (scenarios.isEmpty()) {
      return "stage " + (load.path("stageIndex").asInt(0) + 1);
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode scenario : scenarios) {
      String position = (scenario.path("stageIndex").asInt(0) + 1) + "/" + scenario.path("stages").asInt(1);
      parts.add(scenarios.size() == 1 ? position : scenario.path("name").asString("") + " " + position);
    }
    return "stage " + String.join(", ", parts);
  }

  /** Closed scenarios: {@code VUs active/target}; open ones: {@code rate R/s (N in flight)}; both when mixed. */
  private static String level(JsonNode load) {
    double rate = 0;
    int inFlight = 0;
    boolean open = false;
    boolean closed = load.path("scenarios").isEmpty();
    int closedActive = 0;
    for (JsonNode scenario : load.path("scenarios")) {
      JsonNode target = scenario.path("targetRatePerSecond");
      if (target.isNumber()) {
        open = true;
        rate += target.asDouble();
        inFlight += scenario.path("active").asInt(0);
      } else {
        closed = true;
        closedActive += scenario.path("active").asInt(0);
      }
    }
    String vus = "VUs " + (load.path("scenarios").isEmpty() ? load.path("activeVus").asInt(0) : closedActive) + "/"
        + load.path("targetVus").asInt(0);
    String arrivals = String.format(Locale.ROOT, "rate %s/s (%d in flight)", number(rate), inFlight);
    if (open && closed) {
      return vus + " + " + arrivals;
    }
    return open ? arrivals : vus;
  }

  /** Two decimals below 100, whole numbers with separators from 100 on. */
  public static String number(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  /** A 0-1 ratio as a percentage with two decimals. */
  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }

  /** {@code mm:ss}. */
  public static String clock(long millis) {
    long seconds = millis / 1000;
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }
}
