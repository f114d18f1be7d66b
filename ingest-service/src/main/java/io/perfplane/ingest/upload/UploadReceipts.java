package io.perfplane.ingest.upload;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.perfplane.contracts.IngestReceipt;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Receipts of completed uploads that carried an {@code Idempotency-Key}, so a re-upload with the same key is
 * answered from the receipt instead of counting its samples twice. The compacted {@code ingest-receipts} topic is
 * the store; it is read whole (read_committed) into memory at start-up (in the background: until it is read, keyed
 * uploads are answered 503 rather than risk a double count). The receipt is written by the upload itself, in the
 * same Kafka transaction as its samples ({@link UploadTransaction}), so a receipt exists exactly when the samples
 * are committed; it is remembered here once the commit returned. A key being uploaded is held in memory, so a
 * concurrent upload with the same key is refused (409) instead of racing.
 */
@Component
class UploadReceipts implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(UploadReceipts.class);

  private final Map<String, IngestReceipt> receipts = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Thread loader;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private volatile boolean stopping;

  UploadReceipts(KafkaProperties kafka) {
    Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
    consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Receipts of aborted upload attempts must not count: only committed uploads are replayed.
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    this.loader = Thread.ofVirtual().name("ingest-receipts-loader").start(() -> load(consumer));
  }

  /**
   * Waits (briefly: start-up races) until the receipts topic has been read and keyed uploads can be answered.
   *
   * @return whether it has been read
   */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Optional<IngestReceipt> find(String key) {
    return Optional.ofNullable(receipts.get(key));
  }

  /** Claims {@code key} for an upload; {@code false} if an upload with it is already running. */
  boolean claim(String key) {
    return inFlight.add(key);
  }

  void release(String key) {
    inFlight.remove(key);
  }

  /** Remembers the receipt of an upload whose transaction (receipt included) committed. */
  void remember(String key, IngestReceipt receipt) {
    receipts.put(key, receipt);
  }

  private void load(Map<String, Object> config) {
    while (!stopping) {
      try (KafkaConsumer<String, IngestReceipt> consumer = new KafkaConsumer<>(config,
          Topics.INGEST_RECEIPTS.keySerde().deserializer(), Topics.INGEST_RECEIPTS.valueSerde().deserializer())) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.INGEST_RECEIPTS.name(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
          Thread.sleep(1000); // the topic is being created by service-support's KafkaAdmin
          continue;
        }
        List<TopicPartition> partitions = infos.stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!stopping && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
          for (ConsumerRecord<String, IngestReceipt> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.value() == null) {
              receipts.remove(record.key());
            } else {
              receipts.put(record.key(), record.value());
            }
          }
        }
        loaded.countDown();
        log.info("Read {} upload receipts from {}", receipts.size(), Topics.INGEST_RECEIPTS.name());
        return;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Cannot read {} yet ({}); keyed uploads are answered 503 until it is read",
            Topics.INGEST_RECEIPTS.name(), e.toString());
        try {
          Thread.sleep(2000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void destroy() {
    stopping = true;
    loader.interrupt();
  }
}
