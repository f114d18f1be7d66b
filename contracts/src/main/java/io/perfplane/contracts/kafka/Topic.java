package io.perfplane.contracts.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka topic with its key and value serdes and the settings it must be created with.
 *
 * @param name kebab-case topic name
 * @param keySerde serde of record keys
 * @param valueSerde serde of record values
 * @param partitions partition count (keys hash to partitions, so changing it reorders keys)
 * @param retention how long records are kept; {@code null} keeps them forever
 * @param compacted {@code true} for {@code cleanup.policy=compact} (latest value per key survives)
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions,
    @Nullable Duration retention, boolean compacted) {

  public Topic {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.json)?")) {
      throw new IllegalArgumentException("topic names are kebab-case, JSON siblings end in .json: " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
    }
  }

  /** Topic-level configs to create the topic with. */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    configs.put(TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()));
    return configs;
  }

  /** An admin-client definition of this topic at the given replication factor. */
  public NewTopic toNewTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs());
  }

  /**
   * A producer of this topic's key and value types, with its serdes. The caller owns (and closes) it.
   *
   * @param config producer configs; key and value serializer settings in it are ignored
   */
  public Producer<K, V> producer(Map<String, Object> config) {
    return producer(config, valueSerde.serializer());
  }

  /**
   * As {@link #producer(Map)}, with a faster value serializer. It must write the bytes this topic's serde writes:
   * readers decode with the topic's deserializer.
   */
  public Producer<K, V> producer(Map<String, Object> config, Serializer<V> valueSerializer) {
    return new KafkaProducer<>(config, keySerde.serializer(), valueSerializer);
  }

  /**
   * A consumer of this topic's key and value types, with its serdes. The caller owns (and closes) it.
   *
   * @param config consumer configs; key and value deserializer settings in it are ignored
   */
  public Consumer<K, V> consumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, keySerde.deserializer(), valueSerde.deserializer());
  }
}
