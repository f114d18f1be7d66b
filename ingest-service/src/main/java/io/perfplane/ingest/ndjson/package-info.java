/**
 * The native NDJSON sample format: per-line parsing and validation (the lines come from
 * {@link io.perfplane.ingest.lines.LineReader}, as every line-based format's do). Pure: no Spring, no Kafka.
 */
@NullMarked
package io.perfplane.ingest.ndjson;

import org.jspecify.annotations.NullMarked;
