/**
 * k6 results: the {@code --out json} NDJSON stream (joined into one sample per HTTP request) and the end-of-test
 * summary JSON. Pure: no Spring, no Kafka.
 */
@NullMarked
package io.perfplane.ingest.k6;

import org.jspecify.annotations.NullMarked;
