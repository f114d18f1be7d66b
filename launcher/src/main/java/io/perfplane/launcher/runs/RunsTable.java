package io.perfplane.launcher.runs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The table of {@code perfplane runs} (docs/local-stack.md): one row per run from the analyzer's {@code GET /runs}
 * entry and its {@code GET /runs/{id}} view. Duration is the span of the run's requests, p95 the whole run's
 * corrected latency in milliseconds, SLOs the verdict: {@code held}, {@code FAILED} (with its breaches),
 * {@code -} without an SLO in scope; a run the analyzer has not finalized yet says {@code running}.
 */
final class RunsTable {

  static final String HEADER = String.format(Locale.ROOT, "%-36s %-8s %-20s %9s %10s %8s %10s  %s",
      "RUN", "SOURCE", "START (UTC)", "DURATION", "REQUESTS", "ERRORS", "P95", "SLOS");

  private RunsTable() {
  }

  /**
   * One run.
   *
   * @param summary its {@code GET /runs} entry
   * @param view its {@code GET /runs/{id}} view, null when the analyzer did not answer for it
   */
  record Run(JsonNode summary, @Nullable JsonNode view) {
  }

  static String render(List<Run> runs) {
    if (runs.isEmpty()) {
      return "no runs yet: `perfplane analyze` or `perfplane run` against the stack adds one\n";
    }
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    for (Run run : runs) {
      table.append(row(run)).append('\n');
    }
    return table.toString();
  }

  static String row(Run run) {
    JsonNode summary = run.summary();
    JsonNode view = run.view();
    long requests = summary.path("requests").asLong(0);
    JsonNode started = summary.path("startedAtUs");
    String start = started.isNumber()
        ? Instant.EPOCH.plus(started.asLong(), ChronoUnit.MICROS).truncatedTo(ChronoUnit.SECONDS).toString()
            .replace('T', ' ').replace("Z", "")
        : "-";
    String duration = view == null ? "-" : duration(Duration.ofMillis(Math.round(view.path("durationMs")
        .asDouble(0))));
    String errors = requests == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%",
        100.0 * summary.path("errors").asLong(0) / requests);
    String p95 = view == null || requests == 0 ? "-" : ms(view.path("p95Ms").asDouble(0));
    return String.format(Locale.ROOT, "%-36s %-8s %-20s %9s %,10d %8s %10s  %s", summary.path("runId").asString(""),
        summary.path("source").asString("-"), start, duration, requests, errors, p95, verdict(summary, view));
  }

  static String verdict(JsonNode summary, @Nullable JsonNode view) {
    String state = summary.path("finished").asBoolean(false) ? "" : " (running)";
    if (view == null) {
      return "-" + state;
    }
    int breaches = view.path("breaches").size();
    boolean failed = false;
    boolean held = false;
    for (JsonNode slo : view.path("slos")) {
      JsonNode verdict = slo.path("held");
      failed |= verdict.isBoolean() && !verdict.asBoolean();
      held |= verdict.isBoolean() && verdict.asBoolean();
    }
    if (failed || breaches > 0) {
      return "FAILED, " + breaches + (breaches == 1 ? " breach" : " breaches") + state;
    }
    return (held ? "held" : "-") + state;
  }

  static String ms(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : value < 100 ? "%.1f ms" : "%.0f ms", value);
  }

  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 3600 ? String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
