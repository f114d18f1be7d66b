package io.perfplane.launcher.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.stack.RunningStack;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves the command's arguments into {@link Side}s: a results file, a saved summary with histograms, a run id of
 * the running stack ({@code GET /runs/{id}/histograms}) or a named baseline ({@code GET /baselines/{name}}), the
 * analyzer called with the stack's token as {@code runs} and {@code report} call it.
 */
final class Sides {

  /** The analyzer could not give a side (refused, failed, unreachable): exit 1, unlike an unreadable input. */
  static final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Supplier<Optional<RunningStack>> stack;
  private final ControlClient client = new ControlClient();

  /** @param stack looked up only when a side needs it: comparing two files never reads the stack's files */
  Sides(Supplier<Optional<RunningStack>> stack) {
    this.stack = stack;
  }

  /** An existing file, else a run id of the running stack; neither is a usage error. */
  Side positional(String argument) {
    Path path = Path.of(argument);
    if (Files.exists(path)) {
      return file(path);
    }
    Optional<RunningStack> running = stack.get();
    if (running.isEmpty()) {
      throw new ResultsFiles.UnreadableException(argument + ": no such file, and no running stack to find a run of "
          + "that id in (start one with `perfplane up`)");
    }
    return run(running.get(), argument);
  }

  /** A results file (native, k6) or a saved summary JSON with histograms. */
  Side file(Path path) {
    if (!isSummary(path)) {
      return Side.file(path, ResultsFiles.read(path));
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(Files.readString(path));
    } catch (IOException | JacksonException e) {
      throw new ResultsFiles.UnreadableException(path + ": not a results file nor a summary JSON: " + e.getMessage());
    }
    JsonNode histograms = doc.path("histograms");
    if (!histograms.isObject()) {
      throw new ResultsFiles.UnreadableException(path + ": this --summary-json has no histograms (written by an "
          + "older perfplane, or the analyzer's could not be fetched), so it holds percentiles, not the "
          + "distributions a comparison needs: compare the run's id, its results file or a newer summary");
    }
    String runId = histograms.path("runId").asString(doc.path("runId").asString(""));
    String label = "summary " + path.getFileName();
    RunSamples samples = HistogramSamples.read(histograms, path + ": histograms", label);
    return new Side("summary", label, runId.isEmpty() ? "histograms" : "run " + runId, path,
        runId.isEmpty() ? null : runId, null, null, samples);
  }

  /** A named baseline of the running stack's analyzer. */
  Side baseline(String name) {
    RunningStack running = stack.get().orElseThrow(() -> new ResultsFiles.UnreadableException("--baseline " + name
        + ": no running stack to read baselines from (start one with `perfplane up`)"));
    ControlClient.Answer answer = client.exchange("GET", analyzer(running).resolve("/baselines/" + encode(name)),
        running.token(), null);
    if (answer.status() == 404 || answer.status() == 400) {
      throw new ResultsFiles.UnreadableException("baseline '" + name + "': " + answer.problem()
          + " (`perfplane baseline list` lists them)");
    }
    if (!answer.ok()) {
      throw new UnavailableException("baseline '" + name + "': the analyzer answered " + answer.problem());
    }
    JsonNode entry = answer.json();
    JsonNode histograms = entry.path("histograms");
    if (!histograms.isObject()) {
      throw new UnavailableException("baseline '" + name + "': the analyzer's entry has no histograms");
    }
    int version = entry.path("version").asInt(0);
    String runId = entry.path("runId").asString(histograms.path("runId").asString(""));
    String label = "baseline " + name + " v" + version;
    return new Side("baseline", label, "run " + runId, null, runId, name, version,
        HistogramSamples.read(histograms, label, label));
  }

  private Side run(RunningStack running, String runId) {
    ControlClient.Answer answer = client.exchange("GET", analyzer(running).resolve("/runs/" + encode(runId)
        + "/histograms"), running.token(), null);
    if (answer.status() == 404) {
      throw new ResultsFiles.UnreadableException(runId + ": no such file, and the running stack's analyzer has no "
          + "run of that id (`perfplane runs` lists them)");
    }
    if (!answer.ok()) {
      throw new UnavailableException("run " + runId + ": the analyzer answered " + answer.problem());
    }
    JsonNode doc = answer.json();
    String label = "run " + runId;
    boolean finished = doc.path("finished").asBoolean(true);
    return new Side("run", label, finished ? "stack" : "stack, not finished", null, runId, null, null,
        HistogramSamples.read(doc, label, label));
  }

  private static URI analyzer(RunningStack running) {
    try {
      return running.uri(Service.ANALYZER);
    } catch (IllegalStateException e) {
      throw new UnavailableException(e.getMessage());
    }
  }

  /** Whether a file is a summary JSON document (pretty-printed, or one line with {@code schema}) rather than NDJSON. */
  static boolean isSummary(Path path) {
    if (path.getFileName().toString().endsWith(".gz") || !Files.isRegularFile(path)) {
      return false;
    }
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null && line.isBlank()) {
        // skips leading blank lines
      }
      if (line == null) {
        return false;
      }
      if (line.strip().equals("{")) {
        return true;
      }
      JsonNode first = JSON.readTree(line);
      return first.has("schema") && !first.has("type");
    } catch (IOException | JacksonException | java.io.UncheckedIOException notJson) {
      // ResultsFiles reports what is wrong with it, line and all.
      return false;
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
