package io.perfplane.loadgen.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /runs/{id}} reports.
 *
 * @param runId run id
 * @param name plan name
 * @param state RUNNING, FINISHED, ABORTED or FAILED
 * @param stageIndex 0-based index of the current (or last) stage
 * @param activeVus virtual users running now
 * @param targetVus target virtual users now (0 once the load stopped)
 * @param elapsedMs time since the load started (ms), frozen when it stopped
 * @param plannedDurationMs sum of the stage durations (ms)
 * @param requests requests completed
 * @param errors requests that failed (HTTP status &ge; 400, timeout, connect or I/O error)
 * @param samplesPublished samples acknowledged by Kafka
 * @param samplesDropped samples discarded because the publish buffer was full
 * @param samplesFailed samples Kafka refused or could not take
 * @param reason why the run was aborted or failed; null otherwise
 */
@JsonPropertyOrder({"runId", "name", "state", "stageIndex", "activeVus", "targetVus", "elapsedMs", "plannedDurationMs",
    "requests", "errors", "samplesPublished", "samplesDropped", "samplesFailed", "reason"})
record RunStatus(String runId, String name, RunState state, int stageIndex, int activeVus, int targetVus,
    long elapsedMs, long plannedDurationMs, long requests, long errors, long samplesPublished, long samplesDropped,
    long samplesFailed, @Nullable String reason) {
}
