/**
 * The format-neutral side of ingestion: the validated sample every format is mapped to, the push-style reader and
 * sink every format implements, and the rules every sample must pass whatever its format. Pure: no Spring, no Kafka.
 */
@NullMarked
package io.perfplane.ingest.format;

import org.jspecify.annotations.NullMarked;
