package io.perfplane.analyzer.runs;

/**
 * One run in {@code GET /runs}.
 *
 * @param runId run id
 * @param requests samples received
 * @param errors samples with an error
 * @param finished true once the run is finalized (final SLO evaluation done, capacity published)
 */
record RunSummary(String runId, long requests, long errors, boolean finished) {
}
