package io.perfplane.ingest.k6;

import java.util.Map;

/**
 * One valid {@code "type":"Point"} line of k6's JSON output.
 *
 * @param line 1-based line number
 * @param metric the metric's name
 * @param time {@code data.time} as written (points of one request share it)
 * @param endUs {@code data.time} in µs since the epoch
 * @param value {@code data.value}: ms for time metrics, 0/1 for Rates, the figure for others; finite
 * @param tags {@code data.tags}
 * @param text the line, kept for a rejection's payload
 */
record K6Point(long line, String metric, String time, long endUs, double value, Map<String, String> tags,
    String text) {
}
