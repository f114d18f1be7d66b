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
import org.junit.jupiter.api.Test;

/** Clients built from a typed topic, against a real broker: what one writes the other reads, garbage included. */
class TopicConsumersTest {

  @Test
  void aTopicsProducerWritesWhatItsTolerantConsumerReadsAndUndecodableValuesArriveAsNull() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      String topic = Topics.RUN_EVENTS.name();
      broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
      RunEvent event = RunEvent.newBuilder().setRunId("run-1").setType(RunEventType.STARTED).setAtUs(1L)
          .setGeneratorId("gen-1").build();
      try (Producer<String, RunEvent> producer = Topics.RUN_EVENTS.producer(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
          KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
              new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(topic, "run-1", event)).get();
        raw.send(new ProducerRecord<>(topic, "run-2", new byte[] {1, 2, 3})).get();
      }

      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-consumers-test");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      List<ConsumerRecord<String, RunEvent>> records = new ArrayList<>();
      try (Consumer<String, RunEvent> consumer = TopicConsumers.tolerant(Topics.RUN_EVENTS, config).createConsumer()) {
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < 2 && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
      }

      assertThat(records).extracting(ConsumerRecord::key).containsExactly("run-1", "run-2");
      assertThat(records.get(0).value()).isEqualTo(event);
      assertThat(records.get(1).value()).isNull();
    }
  }

  @Test
  void aTopicsPlainConsumerDecodesWithTheTopicsSerdes() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      String topic = Topics.RUN_EVENTS.name();
      broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
      RunEvent event = RunEvent.newBuilder().setRunId("run-9").setType(RunEventType.FINISHED).setAtUs(2L)
          .setGeneratorId("gen-1").build();
      try (Producer<String, RunEvent> producer = Topics.RUN_EVENTS.producer(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        producer.send(new ProducerRecord<>(topic, "run-9", event)).get();
      }
      List<RunEvent> values = new ArrayList<>();
      try (Consumer<String, RunEvent> consumer = Topics.RUN_EVENTS.consumer(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "topic-plain-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
        }
      }
      assertThat(values).containsExactly(event);
    }
  }
}
