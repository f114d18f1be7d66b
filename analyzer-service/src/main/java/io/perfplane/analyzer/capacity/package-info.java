/** Capacity knee detection over a run's rolling windows (Spring- and Kafka-free). */
@NullMarked
package io.perfplane.analyzer.capacity;

import org.jspecify.annotations.NullMarked;
