package io.perfplane.launcher.pipeline;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the pipeline concluded about a finished run.
 *
 * @param analysis the analyzer's final {@code GET /runs/{id}} view (figures, SLO verdicts, breaches, capacity)
 * @param estimates cost-service's estimates for the run (an array, one per scenario and strategy)
 * @param report the saved HTML report, null when the analyzer did not serve it
 * @param timing when the pipeline became ready and first analyzed a sample; null outside {@link Pipeline}
 * @param histograms the analyzer's {@code GET /runs/{id}/histograms} document (whole-run latency histograms), null
 *     when it could not be fetched
 */
public record Outcome(JsonNode analysis, JsonNode estimates, @Nullable Path report, @Nullable Timing timing,
    @Nullable JsonNode histograms) {

  /** An outcome without the histograms document. */
  public Outcome(JsonNode analysis, JsonNode estimates, @Nullable Path report, @Nullable Timing timing) {
    this(analysis, estimates, report, timing, null);
  }
}
