/**
 * The native NDJSON sample format: bounded line reading and per-line parsing and validation. Pure: no Spring, no
 * Kafka.
 */
@NullMarked
package io.perfplane.ingest.ndjson;

import org.jspecify.annotations.NullMarked;
