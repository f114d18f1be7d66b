package io.perfplane.analyzer.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code slo-breaches.json} (read_committed: only breaches of committed analyzer transactions) and hands each
 * event to {@link BreachWebhooks}, one record at a time, committing its offset only once every target took it or it
 * went to {@code webhook-dead-letters}. A receiver that is down therefore gets the events later, in order per breach
 * key, at least once; a redelivery after a crash repeats an event with the same CloudEvent {@code id}.
 */
final class BreachWebhookListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BreachWebhookListener.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final boolean enabled;
  private final BreachWebhooks webhooks;
  private final Map<String, Object> consumerConfig;
  private final Map<String, Object> producerConfig;
  private volatile boolean running;
  private @Nullable Thread thread;
  private @Nullable KafkaConsumer<String, String> consumer;

  /**
   * @param enabled false when no target is configured: the listener then never starts
   * @param consumerConfig Kafka consumer settings (bootstrap, security); group, isolation and commits are set here
   * @param startFrom {@code latest} (default: a new deployment does not replay old breaches) or {@code earliest}
   */
  BreachWebhookListener(boolean enabled, BreachWebhooks webhooks, Map<String, Object> consumerConfig,
      Map<String, Object> producerConfig, String groupId, String startFrom) {
    this.enabled = enabled;
    this.webhooks = webhooks;
    this.consumerConfig = new HashMap<>(consumerConfig);
    this.consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startFrom);
    // A record can take minutes of retries: keep the group membership meanwhile.
    this.consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    this.consumerConfig.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis());
    this.producerConfig = new HashMap<>(producerConfig);
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    running = true;
    Thread worker = Thread.ofPlatform().name("breach-webhooks").daemon().unstarted(this::run);
    thread = worker;
    worker.start();
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread worker = thread;
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig,
        Topics.SLO_BREACHES_JSON.keySerde().deserializer(), Topics.SLO_BREACHES_JSON.valueSerde().deserializer());
        KafkaProducer<String, String> deadLetters = new KafkaProducer<>(producerConfig,
            Topics.WEBHOOK_DEAD_LETTERS.keySerde().serializer(), Topics.WEBHOOK_DEAD_LETTERS.valueSerde().serializer())) {
      consumer = kafka;
      kafka.subscribe(List.of(Topics.SLO_BREACHES_JSON.name()));
      while (running) {
        for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
          for (BreachWebhooks.Failure failure : webhooks.deliver(record.value())) {
            deadLetters.send(new ProducerRecord<>(Topics.WEBHOOK_DEAD_LETTERS.name(), record.key(),
                deadLetter(failure, record.value()))).get();
          }
          kafka.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1)));
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stopping
    } catch (ExecutionException | RuntimeException e) {
      log.error("breach webhooks stopped: {}", e.toString());
    } finally {
      consumer = null;
      running = false;
    }
  }

  private static String deadLetter(BreachWebhooks.Failure failure, String event) {
    ObjectNode letter = JSON.createObjectNode();
    letter.put("target", failure.target());
    letter.put("attempts", failure.attempts());
    letter.put("error", failure.error());
    letter.set("event", JSON.readTree(event));
    return JSON.writeValueAsString(letter);
  }
}
