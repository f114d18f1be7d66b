package io.perfplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start(null, 0);
    broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void createsEveryCatalogTopicIdempotently() {
    broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());

    assertThat(broker.topicNames()).containsAll(Topics.all().stream().map(Topic::name).toList());
  }

  @Test
  void newTopicsAcceptWritesAsSoonAsTheyAreCreated() throws Exception {
    // No retries: a write landing before the broker has applied the new topic (NOT_LEADER_OR_FOLLOWER) fails.
    List<org.apache.kafka.clients.admin.NewTopic> fresh = List.of(
        new org.apache.kafka.clients.admin.NewTopic("fresh-a", 6, (short) 1),
        new org.apache.kafka.clients.admin.NewTopic("fresh-b", 6, (short) 1));
    broker.createTopics(fresh);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
        new StringSerializer(), new StringSerializer())) {
      for (var topic : fresh) {
        for (int partition = 0; partition < topic.numPartitions(); partition++) {
          assertThat(producer.send(new ProducerRecord<>(topic.name(), partition, "k", "v")).get().offset())
              .as("%s-%d", topic.name(), partition).isZero();
        }
      }
    }
  }

  @Test
  void transactionsCommitOnTheSingleBroker() {
    // Streams exactly_once_v2 relies on transactions: they hang without the single-broker internal topic settings.
    String topic = Topics.RUN_EVENTS.name();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "runtime-test",
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000), new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "committed-run", "a"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted-run", "b"));
      producer.abortTransaction();
    }

    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "runtime-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (keys.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          keys.add(record.key());
        }
      }
    }
    assertThat(keys).containsExactly("committed-run");
  }
}
