package io.perfplane.ingest.upload;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import io.perfplane.contracts.kafka.Topic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka transaction of one upload attempt, on a producer of its own: every record of the attempt (samples, dead
 * letters, run events, the receipt) is sent inside it, so read_committed consumers see all of them or none. Opened
 * by {@link UploadTransactions}; {@link #close()} aborts it unless {@link #commit()} returned, closes the producer
 * and frees the upload slot.
 */
final class UploadTransaction implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UploadTransaction.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String transactionalId;
  private final Producer<String, Object> producer;
  private final Semaphore slots;
  private boolean begun;
  private boolean committed;

  UploadTransaction(String transactionalId, Producer<String, Object> producer, Semaphore slots) {
    this.transactionalId = transactionalId;
    this.producer = producer;
    this.slots = slots;
  }

  /**
   * Registers the transactional id with the coordinator (which fences an earlier producer with the same id, an
   * attempt of the same keyed upload, and aborts its open transaction) and begins the transaction.
   *
   * @throws SamplesNotAcknowledgedException if Kafka is unreachable within {@code max.block.ms} or refuses
   */
  void begin() {
    try {
      producer.initTransactions();
      producer.beginTransaction();
      begun = true;
    } catch (KafkaException e) {
      throw new SamplesNotAcknowledgedException("cannot begin upload transaction " + transactionalId, e);
    }
  }

  /** Sends inside the transaction; may throw like {@link Producer#send} (buffer full, metadata unavailable). */
  <V> void send(Topic<String, V> topic, String key, V value, Callback callback) {
    producer.send(new ProducerRecord<>(topic.name(), key, value), callback);
  }

  /**
   * Commits: flushes what is still buffered and makes the whole attempt visible to read_committed consumers.
   *
   * @throws SamplesNotAcknowledgedException if a send failed or the commit did not complete (Kafka down, fenced)
   */
  void commit() {
    try {
      producer.commitTransaction();
      committed = true;
    } catch (KafkaException e) {
      throw new SamplesNotAcknowledgedException("cannot commit upload transaction " + transactionalId, e);
    }
  }

  @Override
  public void close() {
    try {
      if (begun && !committed) {
        abort();
      }
      // Nothing left to send once committed; after a failed abort, do not wait for a broker that is gone.
      producer.close(committed ? CLOSE_TIMEOUT : Duration.ZERO);
    } finally {
      slots.release();
    }
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) { // KafkaException, or an invalid transition after a commit that timed out
      // Kafka is unreachable or the producer was fenced. The open transaction is aborted anyway: by the
      // coordinator once transaction.timeout.ms passed, or at once by a retry with the same id (initTransactions).
      log.warn("Upload transaction {} not aborted ({}); Kafka aborts it on timeout or when the upload is retried",
          transactionalId, e.toString());
    }
  }
}
