/** Per-second latency slices and their merging into rolling windows (Spring- and Kafka-free). */
@NullMarked
package io.perfplane.analyzer.window;

import org.jspecify.annotations.NullMarked;
