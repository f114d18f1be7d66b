package io.perfplane.analyzer.runs;

import java.util.Map;

import io.perfplane.analyzer.window.WindowStats;

/**
 * {@code GET /runs/{id}/endpoints/{endpoint}}: one endpoint ({@code *} = all endpoints together) of a run over the
 * requested windows. Trailing windows end with the newest second of the run that has samples.
 *
 * @param windows by window id ({@code 10s}, {@code 1m}, {@code 5m}, {@code run}); latencies in ms, rps in requests/s
 * @param lastSecond newest second of the run (epoch seconds) the trailing windows end with
 */
record EndpointWindows(String runId, String endpoint, long lastSecond, Map<String, WindowStats> windows) {
}
