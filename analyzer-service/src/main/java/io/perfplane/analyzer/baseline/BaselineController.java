package io.perfplane.analyzer.baseline;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.perfplane.analyzer.runs.RunHistograms;
import io.perfplane.analyzer.runs.RunHistogramsLookup;
import io.perfplane.analyzer.runs.RunNotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Baselines (docs/analyzer-service.md): {@code PUT /baselines/{name}} (scope {@code admin}) snapshots a finished run's
 * histograms as the name's next version; {@code GET /baselines}, {@code /baselines/{name}} and
 * {@code /baselines/{name}/history} ({@code runs:read}) read them back.
 */
@RestController
class BaselineController {

  /** The longest note kept (characters). */
  static final int MAX_NOTE = 2000;

  private final BaselineRepository baselines;
  private final RunHistogramsLookup runs;
  private final JsonMapper json;

  BaselineController(BaselineRepository baselines, RunHistogramsLookup runs, JsonMapper json) {
    this.baselines = baselines;
    this.runs = runs;
    this.json = json;
  }

  /**
   * Sets {@code name} to a finished run: 201 with the new entry.
   *
   * @param authorization passed on when another analyzer instance owns the run
   */
  @PutMapping("/baselines/{name}")
  ResponseEntity<EntryView> put(@PathVariable String name, @RequestBody(required = false) @Nullable PutBaseline body,
      Principal principal, @RequestHeader(name = "Authorization", required = false) @Nullable String authorization)
      throws IOException {
    checkName(name);
    String runId = body == null || body.runId() == null ? "" : body.runId().strip();
    if (runId.isEmpty()) {
      throw new BadFieldException("runId", "runId is required: the id of the finished run to use as baseline");
    }
    String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
    if (note != null && note.length() > MAX_NOTE) {
      throw new BadFieldException("note", "note is " + note.length() + " characters long; at most " + MAX_NOTE);
    }
    RunHistograms histograms = runs.find(runId, authorization).orElseThrow(() -> new RunNotFoundException(runId));
    if (!histograms.finished()) {
      throw new RunNotFinishedException(runId);
    }
    BaselineEntry entry = baselines.add(name, runId, principal.getName(), note, json.writeValueAsString(histograms));
    return ResponseEntity.created(URI.create("/baselines/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8)))
        .body(EntryView.of(entry));
  }

  /** The current entry of every name, sorted by name. */
  @GetMapping("/baselines")
  List<EntryView> list() {
    return baselines.current().stream().map(EntryView::of).toList();
  }

  /** The current entry of {@code name} with the histograms document it snapshotted. */
  @GetMapping("/baselines/{name}")
  CurrentView current(@PathVariable String name) {
    checkName(name);
    BaselineRepository.Snapshot snapshot = baselines.current(name)
        .orElseThrow(() -> new BaselineNotFoundException(name));
    return CurrentView.of(snapshot.entry(), json.readTree(snapshot.histogramsJson()));
  }

  /** Every entry of {@code name}, newest first. */
  @GetMapping("/baselines/{name}/history")
  List<EntryView> history(@PathVariable String name) {
    checkName(name);
    List<BaselineEntry> history = baselines.history(name);
    if (history.isEmpty()) {
      throw new BaselineNotFoundException(name);
    }
    return history.stream().map(EntryView::of).toList();
  }

  private static void checkName(String name) {
    if (!BaselineEntry.NAME.matcher(name).matches()) {
      throw new BadFieldException("name", "baseline name '" + name + "' is not 1 to 64 of A-Z a-z 0-9 . _ -");
    }
  }

  @ExceptionHandler(BadFieldException.class)
  ProblemDetail badField(BadFieldException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid baseline request");
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(RunNotFinishedException.class)
  ProblemDetail runNotFinished(RunNotFinishedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Run not finished");
    problem.setProperty("field", "runId");
    problem.setProperty("runId", e.runId());
    return problem;
  }

  @ExceptionHandler(BaselineNotFoundException.class)
  ProblemDetail baselineNotFound(BaselineNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Baseline not found");
    problem.setProperty("field", "name");
    return problem;
  }

  /**
   * The body of {@code PUT /baselines/{name}}.
   *
   * @param runId the finished run to use (required)
   * @param note free text, at most {@value #MAX_NOTE} characters
   */
  record PutBaseline(@Nullable String runId, @Nullable String note) {
  }

  /**
   * A baseline entry as the API shows it.
   *
   * @param setAt ISO-8601 UTC, e.g. {@code 2026-12-07T10:15:30.123456Z}
   */
  record EntryView(String name, String runId, int version, String setAt, String setBy, @Nullable String note) {

    static EntryView of(BaselineEntry entry) {
      return new EntryView(entry.name(), entry.runId(), entry.version(),
          DateTimeFormatter.ISO_INSTANT.format(entry.setAt()), entry.setBy(), entry.note());
    }
  }

  /** The current entry of a name with its snapshot: {@link EntryView}'s fields plus {@code histograms}. */
  record CurrentView(String name, String runId, int version, String setAt, String setBy, @Nullable String note,
      JsonNode histograms) {

    static CurrentView of(BaselineEntry entry, JsonNode histograms) {
      EntryView view = EntryView.of(entry);
      return new CurrentView(view.name(), view.runId(), view.version(), view.setAt(), view.setBy(), view.note(),
          histograms);
    }
  }

  /** A request field that is missing or malformed. */
  static final class BadFieldException extends RuntimeException {

    private final String field;

    BadFieldException(String field, String message) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The run is still running (or finishing): its figures are not final, so it cannot be a baseline yet. */
  static final class RunNotFinishedException extends RuntimeException {

    private final String runId;

    RunNotFinishedException(String runId) {
      super("run " + runId + " is not finished");
      this.runId = runId;
    }

    String runId() {
      return runId;
    }
  }

  /** A baseline name that was never set. */
  static final class BaselineNotFoundException extends RuntimeException {

    BaselineNotFoundException(String name) {
      super("no baseline named '" + name + "'");
    }
  }
}
