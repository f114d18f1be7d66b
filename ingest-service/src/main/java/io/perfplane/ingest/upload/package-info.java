/**
 * {@code POST /ingest/native}: streams an NDJSON body line by line into {@code request-samples} and answers only
 * once Kafka has acknowledged every accepted sample.
 */
@NullMarked
package io.perfplane.ingest.upload;

import org.jspecify.annotations.NullMarked;
