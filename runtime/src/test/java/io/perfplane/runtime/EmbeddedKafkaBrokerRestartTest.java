package io.perfplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker closed and started again on its log directory keeps its cluster id, topics and records. */
class EmbeddedKafkaBrokerRestartTest {

  private static final String TOPIC = "restart-test";

  @TempDir
  Path workDir;

  @Test
  void restartsOnTheExistingLogDirectoryKeepingClusterIdTopicsAndRecords() throws Exception {
    Path logDir = workDir.resolve("kafka");
    String clusterId;
    int port;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(logDir, 0)) {
      port = Integer.parseInt(first.bootstrapServers().substring(first.bootstrapServers().lastIndexOf(':') + 1));
      first.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)));
      clusterId = clusterId(first);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()), new StringSerializer(),
          new StringSerializer())) {
        producer.send(new ProducerRecord<>(TOPIC, "k", "before-restart")).get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(logDir.resolve(EmbeddedKafkaBroker.META_PROPERTIES)).exists();

    try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(logDir, port)) {
      assertThat(restarted.bootstrapServers()).endsWith(":" + port);
      assertThat(clusterId(restarted)).isEqualTo(clusterId);
      assertThat(restarted.topicNames()).contains(TOPIC);
      assertThat(values(restarted)).containsExactly("before-restart");
    }
    // Not a temporary directory: the data survives close as well.
    assertThat(Files.exists(logDir.resolve(EmbeddedKafkaBroker.META_PROPERTIES))).isTrue();
  }

  private static String clusterId(EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin = broker.admin()) {
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> values(EmbeddedKafkaBroker broker) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "restart-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      // One more poll: a duplicate would show up here.
      consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
