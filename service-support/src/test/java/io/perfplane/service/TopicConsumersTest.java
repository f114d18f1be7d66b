package io.perfplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients built from a typed topic ({@code Topic.producer}, {@code Topic.consumer}, {@link TopicConsumers}) against a
 * real broker: what one writes the other reads, and an undecodable value reaches the listener as null. Each test
 * writes its own topic, with run-events' serdes.
 */
class TopicConsumersTest {

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(null, 0);
    broker.createTopics(List.of(new NewTopic("tolerant-events", 1, (short) 1),
        new NewTopic("plain-events", 1, (short) 1)));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static RunEvent event(String runId) {
    return RunEvent.newBuilder().setRunId(runId).setType(RunEventType.STARTED).setAtUs(1L).setGeneratorId("gen-1")
        .build();
  }

  private static Map<String, Object> consumerConfig(String group) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  private static <V> List<ConsumerRecord<String, V>> read(Consumer<String, V> consumer, String topic, int count) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    consumer.subscribe(List.of(topic));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  @Test
  void aTopicsProducerWritesWhatItsTolerantConsumerReadsAndUndecodableValuesArriveAsNull() throws Exception {
    Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Producer<String, RunEvent> producer = Topics.RUN_EVENTS.producer(producerConfig);
        KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerConfig, new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("tolerant-events", "run-1", event("run-1"))).get();
      raw.send(new ProducerRecord<>("tolerant-events", "run-2", new byte[] {1, 2, 3})).get();
    }

    List<ConsumerRecord<String, RunEvent>> records;
    try (Consumer<String, RunEvent> consumer = TopicConsumers.tolerant(Topics.RUN_EVENTS,
        consumerConfig("tolerant-test")).createConsumer()) {
      records = read(consumer, "tolerant-events", 2);
    }

    assertThat(records).extracting(ConsumerRecord::key).containsExactly("run-1", "run-2");
    assertThat(records.get(0).value()).isEqualTo(event("run-1"));
    assertThat(records.get(1).value()).isNull();
  }

  @Test
  void aTopicsPlainConsumerDecodesWithTheTopicsSerdes() throws Exception {
    try (Producer<String, RunEvent> producer = Topics.RUN_EVENTS.producer(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      producer.send(new ProducerRecord<>("plain-events", "run-9", event("run-9"))).get();
    }

    List<ConsumerRecord<String, RunEvent>> records;
    try (Consumer<String, RunEvent> consumer = Topics.RUN_EVENTS.consumer(consumerConfig("plain-test"))) {
      records = read(consumer, "plain-events", 1);
    }

    assertThat(records).extracting(ConsumerRecord::value).containsExactly(event("run-9"));
  }
}
