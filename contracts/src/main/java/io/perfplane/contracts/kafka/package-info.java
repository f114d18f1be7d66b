/** Kafka-facing contracts: the topic catalog and registry-free Avro serdes. Spring-free. */
@NullMarked
package io.perfplane.contracts.kafka;

import org.jspecify.annotations.NullMarked;
