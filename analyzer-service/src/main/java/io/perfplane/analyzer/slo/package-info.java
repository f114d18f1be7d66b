/** SLO evaluation over a window (the definitions are in contracts) (Spring- and Kafka-free). */
@NullMarked
package io.perfplane.analyzer.slo;

import org.jspecify.annotations.NullMarked;
