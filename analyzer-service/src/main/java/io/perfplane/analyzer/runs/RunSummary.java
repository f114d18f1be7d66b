package io.perfplane.analyzer.runs;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One run in {@code GET /runs}.
 *
 * @param runId run id
 * @param requests samples received
 * @param errors samples with an error
 * @param finished true once the run is finalized (final SLO evaluation done, capacity published)
 * @param startedAtUs earliest request start (µs epoch, the samples' clock), null before the first sample
 * @param source what produced the run: {@code loadgen}, the imported format ({@code k6}, {@code jmeter},
 *     {@code gatling}, {@code native}, {@code ingest} when the upload did not say), several joined by {@code +}, or
 *     {@code unknown} before a generator announced itself
 */
record RunSummary(String runId, long requests, long errors, boolean finished, @Nullable Long startedAtUs,
    String source) {

  /** The part of ingest-service's generator ids that names the upload's parts, not a format. */
  private static final String INGEST_PARTS = "ingest/parts";

  /**
   * The source named by the generators that started a run: ingest-service names each upload
   * {@code ingest/<format>/<key>} (or {@code ingest/upload-<uuid>}), loadgen-service its instances and shards.
   */
  static String source(Collection<String> generators) {
    Set<String> sources = new LinkedHashSet<>();
    for (String generator : generators) {
      if (generator.equals(INGEST_PARTS)) {
        continue;
      }
      if (generator.startsWith("ingest/")) {
        String[] parts = generator.split("/", 3);
        sources.add(parts.length == 3 ? parts[1] : "ingest");
      } else {
        sources.add("loadgen");
      }
    }
    return sources.isEmpty() ? "unknown" : String.join("+", sources);
  }
}
