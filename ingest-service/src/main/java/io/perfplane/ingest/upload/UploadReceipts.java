package io.perfplane.ingest.upload;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.perfplane.contracts.IngestReceipt;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.system.IngestProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Receipts of completed uploads that carried an {@code Idempotency-Key}, so a re-upload with the same key is
 * answered from the receipt instead of counting its samples twice. The compacted {@code ingest-receipts} topic is
 * the store; it is read whole into memory at start-up (in the background: until it is read, keyed uploads are
 * answered 503 rather than risk a double count) and written after each keyed upload completes. A key being
 * uploaded is held in memory, so a concurrent upload with the same key is refused (409) instead of racing.
 *
 * <p>Window: if the service dies after Kafka acknowledged an upload's samples but before its receipt was written,
 * a retry counts them again (at-least-once, like every non-transactional producer).
 */
@Component
class UploadReceipts implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(UploadReceipts.class);

  private final Map<String, IngestReceipt> receipts = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final KafkaTemplate<String, IngestReceipt> template;
  private final Duration ackTimeout;
  private final Thread loader;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private volatile boolean stopping;

  UploadReceipts(KafkaTemplate<String, IngestReceipt> template, KafkaProperties kafka,
      IngestProperties properties) {
    this.template = template;
    this.ackTimeout = properties.ackTimeout();
    Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
    consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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

  /**
   * Records a completed upload: in memory at once (so retries to this instance are deduplicated even if Kafka is
   * now failing), then on the topic, waiting for the acknowledgement. A failed write is logged, not thrown: the
   * samples are stored, and answering an error would only invite the retry that double-counts.
   */
  void record(String key, IngestReceipt receipt) throws InterruptedException {
    receipts.put(key, receipt);
    try {
      template.send(Topics.INGEST_RECEIPTS.name(), key, receipt).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Receipt of upload {} not stored on {}; only this instance will deduplicate it", key,
          Topics.INGEST_RECEIPTS.name(), e);
    }
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
