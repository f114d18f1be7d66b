package io.perfplane.analyzer.system;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP only while the topology is RUNNING. Part of the readiness group: while Streams is still assigning partitions or
 * restoring state from changelogs, the REST views cannot be served, so the instance must not take traffic yet.
 */
@Component("kafkaStreams")
class KafkaStreamsHealthIndicator implements HealthIndicator {

  private final StreamsBuilderFactoryBean streams;

  KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    KafkaStreams kafkaStreams = streams.getKafkaStreams();
    if (kafkaStreams == null) {
      return Health.down().withDetail("state", "NOT_STARTED").build();
    }
    KafkaStreams.State state = kafkaStreams.state();
    return (state == KafkaStreams.State.RUNNING ? Health.up() : Health.down()).withDetail("state", state.name())
        .build();
  }
}
