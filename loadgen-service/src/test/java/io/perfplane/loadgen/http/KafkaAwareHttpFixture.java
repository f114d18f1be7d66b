package io.perfplane.loadgen.http;

import org.apache.kafka.clients.producer.Producer;

/** Breaks the HTTP client's no-Spring-no-Kafka rule on purpose (ArchitectureTest shows the rule catches it). */
public final class KafkaAwareHttpFixture {

  Producer<String, String> producer;
}
