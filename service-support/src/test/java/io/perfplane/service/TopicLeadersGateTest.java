package io.perfplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.KafkaAdmin;

class TopicLeadersGateTest {

  @Test
  void afterTheGateEveryPartitionOfJustCreatedTopicsAcceptsWrites() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
      List<NewTopic> topics = List.of(new NewTopic("gate-a", 6, (short) 1), new NewTopic("gate-b", 6, (short) 1));
      // No retries: a write the leader does not serve yet (NOT_LEADER_OR_FOLLOWER) fails the test. The producer is
      // connected before the topics exist, so nothing but the gate stands between creation and the first write.
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
          new StringSerializer(), new StringSerializer());
          Admin client = Admin.create(admin.getConfigurationProperties())) {
        client.createTopics(List.of(new NewTopic("warm-up", 1, (short) 1))).all().get();
        gate(admin, List.of("warm-up")).start();
        producer.send(new ProducerRecord<>("warm-up", "k", "v")).get();
        client.createTopics(topics).all().get(); // acknowledged by the controller, not yet served by the broker

        gate(admin, topics.stream().map(NewTopic::name).toList()).start();

        for (NewTopic topic : topics) {
          for (int partition = 0; partition < topic.numPartitions(); partition++) {
            assertThat(producer.send(new ProducerRecord<>(topic.name(), partition, "k", "v")).get().offset())
                .as("%s-%d", topic.name(), partition).isZero();
          }
        }
      }
    }
  }

  @Test
  void opensWhenTheTopicsCannotBeDescribed() {
    // Nothing listens on port 1: the service must still start (and report Kafka unhealthy), not hang here.
    KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"));
    TopicLeadersGate gate = gate(admin, List.of("request-samples"));

    gate.start();

    assertThat(gate.isRunning()).isTrue();
  }

  @Test
  void withoutAKafkaAdminThereIsNothingToWaitFor() {
    TopicLeadersGate gate = new TopicLeadersGate(new StaticListableBeanFactory().getBeanProvider(KafkaAdmin.class),
        List.of("request-samples"), Duration.ofSeconds(30));
    gate.start();
    assertThat(gate.isRunning()).isTrue();
  }

  private static TopicLeadersGate gate(KafkaAdmin admin, List<String> topics) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("kafkaAdmin", admin));
    return new TopicLeadersGate(beans.getBeanProvider(KafkaAdmin.class), topics, Duration.ofSeconds(30));
  }
}
