package io.perfplane.service;

import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every catalog topic so whichever service starts first creates them with the catalog's settings, and holds
 * the Kafka clients back until the topics are served ({@link TopicLeadersGate}).
 */
@AutoConfiguration
@EnableConfigurationProperties(PerfplaneKafkaProperties.class)
@ConditionalOnBooleanProperty(name = "perfplane.kafka.create-topics", matchIfMissing = true)
public class TopicsAutoConfiguration {

  @Bean
  KafkaAdmin.NewTopics perfplaneTopics(PerfplaneKafkaProperties properties) {
    return new KafkaAdmin.NewTopics(newTopics(properties.replicationFactor()).toArray(NewTopic[]::new));
  }

  @Bean
  TopicLeadersGate perfplaneTopicLeadersGate(ObjectProvider<KafkaAdmin> kafkaAdmin) {
    return new TopicLeadersGate(kafkaAdmin, Topics.all().stream().map(Topic::name).toList(), Duration.ofSeconds(30));
  }

  static List<NewTopic> newTopics(short replicationFactor) {
    return Topics.all().stream().map(topic -> topic.toNewTopic(replicationFactor)).toList();
  }
}
