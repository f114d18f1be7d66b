package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.perfplane.contracts.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads every record of one run from a topic of the embedded broker, for assertions. */
final class TopicRecords {

  private TopicRecords() {
  }

  /**
   * The values keyed {@code runId}, waiting until {@code expected} arrived (the service answered after Kafka's
   * acknowledgement, so they are there; the loop only waits for assignment and fetch), then one more poll so that
   * any record beyond the expected ones is seen too.
   */
  static <V> List<V> of(String brokers, Topic<String, V> topic, String runId, int expected) {
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // What the analyzer (Kafka Streams exactly-once) sees: only committed upload transactions.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      boolean assigned = false;
      while ((values.size() < expected || !assigned) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (record.key().equals(runId)) {
            values.add(record.value());
          }
        });
        assigned = !consumer.assignment().isEmpty();
      }
      consumer.poll(Duration.ofMillis(300)).forEach(record -> {
        if (record.key().equals(runId)) {
          values.add(record.value());
        }
      });
    }
    assertThat(values).as("%s of %s", topic.name(), runId).hasSize(expected);
    return values;
  }
}
