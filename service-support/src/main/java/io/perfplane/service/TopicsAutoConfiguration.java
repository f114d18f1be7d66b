package io.perfplane.service;

import java.util.List;

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
    return new KafkaAdmin.NewTopics(newTopics(properties.replicationFactor()).toArray(NewTopic[]::new));
  }

  static List<NewTopic> newTopics(short replicationFactor) {
    return Topics.all().stream().map(topic -> topic.toNewTopic(replicationFactor)).toList();
  }
}
