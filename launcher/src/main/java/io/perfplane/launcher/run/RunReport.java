package io.perfplane.launcher.run;

import static io.perfplane.launcher.Summary.clock;
import static io.perfplane.launcher.Summary.number;
import static io.perfplane.launcher.Summary.percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.perfplane.launcher.ExitCodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The k6-like end of a {@code perfplane run}, rendered from loadgen-service's final {@code GET /runs/{id}}: threshold
 * verdicts with measured values, totals, latency distribution overall and per endpoint, iterations, sample delivery,
 * steps skipped for a missing extracted variable, and the verdict with its exit code; and loadgen-service's refusals,
 * readably.
 */
final class RunReport {

  private static final String SKIPPED_ROW = "    %-20s %-12s %-44s %9s%n";
  private static final String ROW = "  %-44s %9s %8s %8s %8s %8s %8s %8s %8s%n";

  private RunReport() {
  }

  /** The exit code a run's final status stands for. */
  static int exitCode(JsonNode status) {
    return switch (status.path("state").asString("")) {
      case "FINISHED" -> status.path("thresholdsPassed").asBoolean(true) ? ExitCodes.OK : ExitCodes.THRESHOLDS_FAILED;
      case "ABORTED" -> ExitCodes.ABORTED;
      default -> ExitCodes.ERROR;
    };
  }

  /**
   * The end-of-run summary.
   *
   * @param status loadgen's final status of the run
   * @param exitCode the code the command exits with ({@link ExitCodes#INTERRUPTED} after Ctrl-C)
   */
  static String summary(JsonNode status, int exitCode) {
    return figures(status) + result(status, exitCode);
  }

  /** The result line. */
  static String result(JsonNode status, int exitCode) {
    return "\n  result       " + (exitCode == ExitCodes.OK ? "✓ " : "✗ ") + verdict(status, exitCode) + " (exit "
        + exitCode + ")\n";
  }

  /** The summary without its result line: loadgen's own figures, thresholds and endpoints. */
  static String figures(JsonNode status) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nperfplane run %s (%s) — %s after %s of %s%n",
        status.path("runId").asString(""), status.path("name").asString(""), status.path("state").asString(""),
        clock(status.path("elapsedMs").asLong(0)), clock(status.path("plannedDurationMs").asLong(0))));
    thresholds(status, out);

    JsonNode overall = status.path("overall");
    long requests = status.path("requests").asLong(0);
    long errors = status.path("errors").asLong(0);
    double seconds = status.path("elapsedMs").asLong(0) / 1000.0;
    out.append('\n');
    out.append(String.format(Locale.ROOT, "  requests     %,d   %s/s%n", requests,
        number(seconds <= 0 ? 0 : requests / seconds)));
    out.append(String.format(Locale.ROOT, "  errors       %,d   %s%n", errors,
        percent(requests == 0 ? 0 : (double) errors / requests)));
    out.append(String.format(Locale.ROOT,
        "  latency      avg %s ms   p50 %s ms   p90 %s ms   p95 %s ms   p99 %s ms   max %s ms%n",
        ms(overall, "meanMs"), ms(overall, "p50Ms"), ms(overall, "p90Ms"), ms(overall, "p95Ms"), ms(overall, "p99Ms"),
        ms(overall, "maxMs")));
    out.append("  iterations   ").append(iterations(status)).append('\n');
    samples(status, out);
    skipped(status, out);

    JsonNode endpoints = status.path("endpoints");
    if (!endpoints.isEmpty()) {
      out.append('\n').append(String.format(Locale.ROOT, ROW, "endpoint (latency in ms)", "requests", "errors", "avg",
          "p50", "p90", "p95", "p99", "max"));
      for (JsonNode endpoint : endpoints) {
        long count = endpoint.path("requests").asLong(0);
        out.append(String.format(Locale.ROOT, ROW, endpoint.path("endpoint").asString(""),
            String.format(Locale.ROOT, "%,d", count),
            percent(count == 0 ? 0 : (double) endpoint.path("errors").asLong(0) / count), ms(endpoint, "meanMs"),
            ms(endpoint, "p50Ms"), ms(endpoint, "p90Ms"), ms(endpoint, "p95Ms"), ms(endpoint, "p99Ms"),
            ms(endpoint, "maxMs")));
      }
    }
    return out.toString();
  }

  private static void thresholds(JsonNode status, StringBuilder out) {
    JsonNode thresholds = status.path("thresholds");
    if (thresholds.isEmpty()) {
      return;
    }
    String abortedBy = abortingThreshold(status);
    out.append("\n  thresholds\n");
    for (JsonNode t : thresholds) {
      String expression = t.path("threshold").asString("");
      String endpoint = t.path("endpoint").isString() ? t.path("endpoint").asString() : null;
      String label = expression + (endpoint == null ? "" : "  on " + endpoint);
      boolean passed = t.path("passed").asBoolean(true);
      String value;
      if (t.path("pending").asBoolean(false)) {
        value = "no samples";
      } else if ("ratio".equals(t.path("unit").asString(""))) {
        value = percent(t.path("value").asDouble(0));
      } else {
        value = number(t.path("value").asDouble(0)) + " ms";
      }
      out.append(String.format(Locale.ROOT, "    %s %-50s %12s", passed ? "✓" : "✗", label, value));
      if (!passed && label.equals(abortedBy)) {
        out.append("   aborted the run");
      }
      out.append('\n');
    }
  }

  /**
   * The threshold (as labelled in the table) whose failure aborted the run, from loadgen's reason
   * ({@code threshold 'p(95) < 1ms' on GET /x failed: ...}); null when the run was not aborted by one.
   */
  private static @Nullable String abortingThreshold(JsonNode status) {
    String reason = status.path("reason").asString("");
    if (!"ABORTED".equals(status.path("state").asString("")) || !reason.startsWith("threshold '")) {
      return null;
    }
    int end = reason.indexOf("' ", "threshold '".length());
    if (end < 0) {
      return null;
    }
    String expression = reason.substring("threshold '".length(), end);
    String tail = reason.substring(end + 1); // " failed: ..." or " on <endpoint> failed: ..."
    int failed = tail.lastIndexOf(" failed: ");
    return tail.startsWith(" on ") && failed > 4 ? expression + "  on " + tail.substring(4, failed) : expression;
  }

  private static String iterations(JsonNode status) {
    long total = 0;
    List<String> perScenario = new ArrayList<>();
    for (JsonNode scenario : status.path("scenarios")) {
      long iterations = scenario.path("iterations").asLong(0);
      total += iterations;
      perScenario.add(String.format(Locale.ROOT, "%s %,d", scenario.path("name").asString(""), iterations));
    }
    String text = String.format(Locale.ROOT, "%,d", total);
    if (perScenario.size() > 1) {
      text += " (" + String.join(", ", perScenario) + ")";
    }
    long dropped = status.path("droppedIterations").asLong(0);
    return text + String.format(Locale.ROOT, "   dropped %,d%s", dropped,
        dropped > 0 ? " (open model at its maxConcurrency: the target could not keep up)" : "");
  }

  private static void samples(JsonNode status, StringBuilder out) {
    long requests = status.path("requests").asLong(0);
    long published = status.path("samplesPublished").asLong(0);
    long dropped = status.path("samplesDropped").asLong(0);
    long failed = status.path("samplesFailed").asLong(0);
    out.append(String.format(Locale.ROOT, "  samples      %,d published, %,d dropped, %,d failed%n", published,
        dropped, failed));
    if (dropped > 0 || failed > 0 || published < requests) {
      out.append(String.format(Locale.ROOT, "  ⚠ WARNING    %,d of %,d samples did not reach Kafka (%,d dropped: publish"
              + " buffer full, %,d failed, %,d unacknowledged): downstream analysis misses them%n",
          requests - published, requests, dropped, failed, Math.max(0, requests - published - dropped - failed)));
    }
  }

  /**
   * Steps loadgen did not send because a variable extracted from an earlier response was unset: a line with the total
   * and why, then one row per step; nothing when none was skipped.
   */
  private static void skipped(JsonNode status, StringBuilder out) {
    long total = status.path("skippedSteps").asLong(0);
    if (total <= 0) {
      return;
    }
    out.append(String.format(Locale.ROOT, "  ⚠ skipped    %,d step%s not sent: %s used a variable whose extraction"
        + " failed (or whose request got no response); the CHECK_FAILED samples name the extraction in their check"
        + " tag%n", total, total == 1 ? "" : "s", total == 1 ? "it" : "they"));
    JsonNode steps = status.path("skipped");
    if (steps.isEmpty()) {
      return;
    }
    out.append(String.format(Locale.ROOT, SKIPPED_ROW, "scenario", "step", "endpoint", "skipped"));
    for (JsonNode step : steps) {
      out.append(String.format(Locale.ROOT, SKIPPED_ROW, step.path("scenario").asString(""),
          step.path("step").asString(""), step.path("endpoint").asString(""),
          String.format(Locale.ROOT, "%,d", step.path("count").asLong(0))));
    }
  }

  private static String verdict(JsonNode status, int exitCode) {
    String reason = status.path("reason").asString("");
    return switch (exitCode) {
      case ExitCodes.OK -> "finished, all thresholds passed";
      case ExitCodes.THRESHOLDS_FAILED -> "finished, thresholds FAILED";
      case ExitCodes.ABORTED -> "ABORTED: " + reason;
      case ExitCodes.INTERRUPTED -> "interrupted (Ctrl-C): run stopped, " + status.path("state").asString("")
          .toLowerCase(Locale.ROOT);
      default -> "run " + status.path("state").asString("") + (reason.isEmpty() ? "" : ": " + reason);
    };
  }

  private static String ms(JsonNode figures, String field) {
    return number(figures.path(field).asDouble(0));
  }

  /**
   * loadgen-service's answer to a rejected submission, as lines for the terminal: the title, then every offending
   * field with the file and line it is on when loadgen knows it ({@code smoke.yml:12: steps[0].path must ...}).
   *
   * @param file the submitted file's name, or null for a profile
   */
  static String rejection(LoadgenClient.Rejected rejected, @Nullable String file, List<String> profiles) {
    JsonNode problem = rejected.problem();
    int status = rejected.status();
    StringBuilder out = new StringBuilder("perfplane run: ");
    out.append(switch (status) {
      case 400 -> "loadgen-service rejected the definition as invalid";
      case 422 -> "loadgen-service refused to run it";
      case 401, 403 -> "loadgen-service refused the control token";
      case 404 -> "loadgen-service does not know it";
      case 409 -> "loadgen-service already has this run";
      default -> "loadgen-service answered " + status;
    });
    String title = problem.path("title").asString("");
    out.append(" (").append(status).append(title.isEmpty() ? "" : " " + title).append(")");
    JsonNode errors = problem.path("errors");
    if (errors.isEmpty()) {
      String detail = problem.path("detail").asString("");
      out.append(detail.isEmpty() ? "" : ": " + detail).append('\n');
    } else {
      out.append(":\n");
      for (JsonNode error : errors) {
        out.append("  ");
        if (file != null && error.path("line").isNumber()) {
          out.append(file).append(':').append(error.path("line").asInt()).append(": ");
        }
        out.append(error.path("field").asString("")).append(' ').append(error.path("message").asString(""))
            .append('\n');
      }
    }
    if (status == 422) {
      out.append("  (allow-list and limits are loadgen-service's: PERFPLANE_LOADGEN_ALLOWED_TARGETS, _MAX_VUS,"
          + " _MAX_RATE, _MAX_DURATION; a local one started by this command inherits your environment)\n");
    }
    if (status == 401 || status == 403) {
      out.append("  (with --loadgen, set PERFPLANE_CONTROL_TOKEN to that service's control token)\n");
    }
    if (status == 404 && !profiles.isEmpty()) {
      out.append("  built-in profiles: ").append(String.join(", ", profiles)).append('\n');
    }
    return out.toString();
  }

  /** Exit code for a rejected submission: the definition or the command must change (2), else an error (1). */
  static int exitCode(LoadgenClient.Rejected rejected) {
    return switch (rejected.status()) {
      case 400, 404, 409, 422 -> ExitCodes.USAGE;
      default -> ExitCodes.ERROR;
    };
  }
}
