/** Gatling results: the tab-separated {@code simulation.log} written before Gatling 3.13. Pure: no Spring, no Kafka. */
@NullMarked
package io.perfplane.ingest.gatling;

import org.jspecify.annotations.NullMarked;
