/** SLO definitions and their evaluation over a window (Spring- and Kafka-free). */
@NullMarked
package io.perfplane.analyzer.slo;

import org.jspecify.annotations.NullMarked;
