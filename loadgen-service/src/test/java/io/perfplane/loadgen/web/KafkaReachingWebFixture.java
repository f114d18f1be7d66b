package io.perfplane.loadgen.web;

import io.perfplane.loadgen.kafka.SampleSerializer;

/** Breaks the control API's no-Kafka rule on purpose (ArchitectureTest shows the rule catches it); never used. */
public final class KafkaReachingWebFixture {

  SampleSerializer serializer;
}
