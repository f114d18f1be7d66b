package io.perfplane.service;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka settings shared by every service.
 *
 * @param replicationFactor replication factor for topics this service creates (1 on the embedded broker, 3 on MSK)
 * @param createTopics whether the service creates missing catalog topics at startup
 */
@ConfigurationProperties("perfplane.kafka")
public record PerfplaneKafkaProperties(short replicationFactor, boolean createTopics) {
}
