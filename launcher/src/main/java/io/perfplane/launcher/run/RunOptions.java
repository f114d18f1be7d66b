package io.perfplane.launcher.run;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Options of one {@code perfplane run}. The control token is not among them: it never leaves the session.
 *
 * @param source what to run
 * @param target replaces the definition's {@code targetBaseUrl}; null keeps it
 * @param kafka bootstrap servers of an existing broker for the local loadgen-service; null starts one in-process
 * @param loadgen base URL of a loadgen-service already running; null starts one locally
 * @param runId run id; null keeps the definition's, or lets loadgen-service generate one
 * @param logDir where the local services' console output goes
 * @param analysis run the whole pipeline (analyzer, cost service, report) rather than loadgen alone
 * @param sloFile SLOs that replace the definition's {@code slos:} (checked before anything starts), or null
 * @param summaryJson where to write the end-of-run summary JSON, or null
 */
record RunOptions(Source source, @Nullable String target, @Nullable String kafka, @Nullable URI loadgen,
    @Nullable String runId, Path logDir, boolean analysis, @Nullable Path sloFile, @Nullable Path summaryJson) {

  /** Loadgen only (the mode before the whole pipeline was the default). */
  RunOptions(Source source, @Nullable String target, @Nullable String kafka, @Nullable URI loadgen,
      @Nullable String runId, Path logDir) {
    this(source, target, kafka, loadgen, runId, logDir, false, null, null);
  }

  /** Where HTML reports are saved: beside the logs. */
  Path reportDir() {
    Path parent = logDir.toAbsolutePath().getParent();
    return (parent == null ? logDir : parent).resolve("reports");
  }

  /** What to run. */
  sealed interface Source permits DefinitionFile, Profile {
  }

  /**
   * A test definition file, sent as it is.
   *
   * @param file the YAML or JSON document
   * @param contentType {@code application/yaml} or {@code application/json}, from the file name
   */
  record DefinitionFile(Path file, String contentType) implements Source {
  }

  /**
   * A built-in profile of loadgen-service ({@code GET /runs/profiles}).
   *
   * @param name profile name
   */
  record Profile(String name) implements Source {
  }
}
