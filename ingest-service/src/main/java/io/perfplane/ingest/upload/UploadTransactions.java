package io.perfplane.ingest.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.system.IngestProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Opens the per-upload {@link UploadTransaction}s: one transactional producer per upload attempt, with the
 * {@code spring.kafka.producer} settings (acks=all, idempotence) plus {@code transactional.id} and
 * {@code transaction.timeout.ms}. The id of a keyed upload is derived from its receipt key (run, format,
 * Idempotency-Key), so a retry fences the failed attempt and Kafka aborts what that attempt wrote; an unkeyed upload
 * gets a random id. A producer costs threads, connections and up to {@code buffer.memory}, so at most
 * {@code max-concurrent-uploads} are open at once.
 */
@Component
class UploadTransactions {

  static final String ID_PREFIX = "perfplane-ingest-";

  private final Map<String, Object> config;
  private final Semaphore slots;

  UploadTransactions(KafkaProperties kafka, IngestProperties properties) {
    this.config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) properties.transactionTimeout().toMillis());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    this.slots = new Semaphore(properties.maxConcurrentUploads());
  }

  /** The transactional id of a keyed upload: stable across its attempts, bounded in length, no raw client key. */
  static String keyedId(String receiptKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(receiptKey.getBytes(StandardCharsets.UTF_8));
      return ID_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A fresh transactional id for an upload without Idempotency-Key (nothing to fence: it is never retried as such). */
  static String unkeyedId() {
    return ID_PREFIX + "upload-" + UUID.randomUUID();
  }

  /**
   * Opens a producer for one upload attempt and begins its transaction.
   *
   * @return empty if {@code max-concurrent-uploads} uploads are already running (answered 429)
   * @throws SamplesNotAcknowledgedException if Kafka cannot begin the transaction (answered 503)
   */
  Optional<UploadTransaction> open(String transactionalId) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    UploadTransaction transaction;
    try {
      Map<String, Object> producerConfig = new HashMap<>(config);
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
      transaction = new UploadTransaction(transactionalId, new KafkaProducer<>(producerConfig,
          Topics.REQUEST_SAMPLES.keySerde().serializer(), new TopicValueSerializer()), slots);
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    try {
      transaction.begin();
    } catch (RuntimeException e) {
      transaction.close();
      throw e;
    }
    return Optional.of(transaction);
  }

  /** One producer writes several topics in one transaction: each value with its topic's serializer. */
  private static final class TopicValueSerializer implements Serializer<Object> {

    private final Map<String, Serializer<Object>> byTopic = new HashMap<>();

    @SuppressWarnings("unchecked")
    TopicValueSerializer() {
      for (Topic<?, ?> topic : Topics.all()) {
        byTopic.put(topic.name(), (Serializer<Object>) topic.valueSerde().serializer());
      }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
      Serializer<Object> serializer = byTopic.get(topic);
      if (serializer == null) {
        throw new IllegalArgumentException("not a catalog topic: " + topic);
      }
      return serializer.serialize(topic, data);
    }
  }
}
