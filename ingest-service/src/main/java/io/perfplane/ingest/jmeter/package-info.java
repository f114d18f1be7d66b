/** JMeter results: JTL files in CSV form, read by their header row. Pure: no Spring, no Kafka. */
@NullMarked
package io.perfplane.ingest.jmeter;

import org.jspecify.annotations.NullMarked;
