package io.perfplane.service;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares every catalog topic so whichever service starts first creates them with the catalog's settings. */
@AutoConfiguration
@EnableConfigurationProperties(PerfplaneKafkaProperties.class)
@ConditionalOnBooleanProperty(name = "perfplane.kafka.create-topics", matchIfMissing = true)
public class TopicsAutoConfiguration {

  @Bean
  KafkaAdmin.NewTopics perfplaneTopics(PerfplaneKafkaProperties properties) {
    return new KafkaAdmin.NewTopics(Topics.all().stream()
        .map(topic -> toNewTopic(topic, properties.replicationFactor()))
        .toArray(NewTopic[]::new));
  }

  private static NewTopic toNewTopic(Topic<?, ?> topic, short replicationFactor) {
    return topic.toNewTopic(replicationFactor);
  }
}
