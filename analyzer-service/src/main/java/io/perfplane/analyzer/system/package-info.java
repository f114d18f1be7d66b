/** Spring wiring: configuration properties, Kafka Streams set-up, metrics. */
@NullMarked
package io.perfplane.analyzer.system;

import org.jspecify.annotations.NullMarked;
