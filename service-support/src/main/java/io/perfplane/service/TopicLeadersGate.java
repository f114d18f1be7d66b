package io.perfplane.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.perfplane.contracts.kafka.TopicLeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Holds back the Kafka clients that start in later lifecycle phases (listener containers, Kafka Streams, producers
 * used once the service is up) until every partition of the catalog topics is served by its leader. The controller
 * acknowledges a topic it has just created before the broker serves it; an idempotent producer writing in that gap
 * gets NOT_LEADER_OR_FOLLOWER and was seen to retry into OUT_OF_ORDER_SEQUENCE_NUMBER for good (see
 * {@link TopicLeaders}). Topics that existed already cost two round trips; when the broker cannot be reached or a
 * topic is missing the gate opens at once, so the service starts and reports Kafka's health as before.
 */
final class TopicLeadersGate implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicLeadersGate.class);
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final ObjectProvider<KafkaAdmin> kafkaAdmin;
  private final List<String> topics;
  private final Duration maxWait;
  private volatile boolean running;

  TopicLeadersGate(ObjectProvider<KafkaAdmin> kafkaAdmin, List<String> topics, Duration maxWait) {
    this.kafkaAdmin = kafkaAdmin;
    this.topics = topics;
    this.maxWait = maxWait;
  }

  @Override
  public void start() {
    running = true;
    KafkaAdmin admin = kafkaAdmin.getIfAvailable();
    if (admin == null) {
      return;
    }
    Map<String, Object> config = new HashMap<>(admin.getConfigurationProperties());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
    try (Admin client = Admin.create(config)) {
      try {
        client.describeTopics(topics).allTopicNames().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        log.info("not waiting for topic leaders: cannot describe the topics ({})",
            e.getCause() == null ? e : e.getCause());
        return;
      }
      if (!TopicLeaders.awaitServed(client, topics, maxWait)) {
        log.warn("the leaders of {} do not serve after {}; starting anyway", topics, maxWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before every Kafka client: listener containers and Kafka Streams start in phases near Integer.MAX_VALUE. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
