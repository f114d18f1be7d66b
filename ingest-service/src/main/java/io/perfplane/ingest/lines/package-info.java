/**
 * Bounded line reading shared by every line-based format (native and k6 NDJSON, JMeter CSV, Gatling's log): one line
 * in memory at a time, and the rejections all of them share (over-long lines, invalid UTF-8). Pure: no Spring, no
 * Kafka.
 */
@NullMarked
package io.perfplane.ingest.lines;

import org.jspecify.annotations.NullMarked;
