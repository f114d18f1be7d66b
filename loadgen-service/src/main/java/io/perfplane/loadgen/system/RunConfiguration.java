package io.perfplane.loadgen.system;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunShard;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.engine.DistributedRuns;
import io.perfplane.loadgen.engine.LoadRun;
import io.perfplane.loadgen.engine.LoadgenMetrics;
import io.perfplane.loadgen.engine.RunRegistry;
import io.perfplane.loadgen.http.HttpTransports;
import io.perfplane.loadgen.kafka.AbortRequestListener;
import io.perfplane.loadgen.kafka.KafkaRunEventPublisher;
import io.perfplane.loadgen.kafka.KafkaSamplePublisher;
import io.perfplane.loadgen.kafka.KafkaShardPublisher;
import io.perfplane.loadgen.kafka.SampleSerializer;
import io.perfplane.loadgen.kafka.ShardListener;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.service.TopicConsumers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * Wires the engine to its edges: the HTTP/1.1 client, producers for samples, run events, abort requests and run
 * shards, the abort-requests consumer (one group per instance; until 0.2.0 also the legacy ABORT_REQUESTED one on
 * run-events) and the run-shards consumer (one group shared by all instances). Every Kafka client is built from its
 * typed topic.
 */
@Configuration(proxyBeanMethods = false)
class RunConfiguration {

  @Bean
  LoadgenMetrics loadgenMetrics(MeterRegistry registry) {
    return new LoadgenMetrics(registry);
  }

  @Bean
  PlanValidator planValidator(LoadgenProperties properties) {
    return new PlanValidator(new PlanValidator.Limits(new TargetAllowList(properties.allowedTargets()),
        properties.maxVus(), properties.maxDuration(), properties.maxRate()), () -> UUID.randomUUID().toString());
  }

  @Bean
  KafkaSamplePublisher samplePublisher(KafkaProperties kafka, LoadgenProperties properties, LoadgenMetrics metrics) {
    Map<String, Object> config = producerConfig(kafka, "loadgen-samples-" + properties.resolvedGeneratorId());
    KafkaSamplePublisher.tune(config);
    return new KafkaSamplePublisher(Topics.REQUEST_SAMPLES.producer(config, new SampleSerializer()), metrics,
        properties.sampleBufferCapacity());
  }

  @Bean
  KafkaRunEventPublisher runEventPublisher(KafkaProperties kafka, LoadgenProperties properties) {
    String id = properties.resolvedGeneratorId();
    return new KafkaRunEventPublisher(
        Topics.RUN_EVENTS.producer(controlPlaneProducerConfig(kafka, "loadgen-events-" + id)),
        Topics.ABORT_REQUESTS.producer(controlPlaneProducerConfig(kafka, "loadgen-abort-requests-" + id)));
  }

  @Bean
  KafkaShardPublisher shardPublisher(KafkaProperties kafka, LoadgenProperties properties) {
    Map<String, Object> config = controlPlaneProducerConfig(kafka, "loadgen-shards-" + properties.resolvedGeneratorId());
    return new KafkaShardPublisher(Topics.RUN_SHARDS.producer(config));
  }

  private static Map<String, Object> producerConfig(KafkaProperties kafka, String clientId) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    // Pinned here, not left to shared defaults: sample counts are only exact with idempotent, fully-acked writes.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** Run events and shards: rare and latency-relevant (aborts, a caller waiting for the ack). */
  private static Map<String, Object> controlPlaneProducerConfig(KafkaProperties kafka, String clientId) {
    Map<String, Object> config = producerConfig(kafka, clientId);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return config;
  }

  @Bean
  RunRegistry runRegistry(LoadgenProperties properties, Clock clock, KafkaSamplePublisher samples,
      KafkaRunEventPublisher events, LoadgenMetrics metrics) {
    return new RunRegistry(properties.resolvedGeneratorId(), clock, samples, events, new HttpTransports(), metrics,
        new LoadRun.Settings(properties.controlInterval(), properties.drainTimeout()));
  }

  @Bean
  RunRegistryLifecycle runRegistryLifecycle(RunRegistry registry) {
    return new RunRegistryLifecycle(registry);
  }

  @Bean
  DistributedRuns distributedRuns(RunRegistry registry, KafkaShardPublisher shards, KafkaRunEventPublisher events,
      PlanValidator validator, Clock clock, LoadgenProperties properties) {
    return new DistributedRuns(registry, shards, events, validator, clock, properties.shardStartTimeout());
  }

  @Bean
  KafkaMessageListenerContainer<String, RunShard> shardContainer(KafkaProperties kafka, LoadgenProperties properties,
      DistributedRuns runs) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    // One group for all instances: Kafka's assignment is what spreads shards over them.
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.shardGroup());
    // A new group must not miss shards submitted before its first assignment; stale ones are skipped by deadline.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "loadgen-shards-" + properties.resolvedGeneratorId());
    // Range assignment gives each member a contiguous block of partitions; shards of a run are spread over the
    // partition range (DistributedRuns.submit), so with as many members as shards each member gets one.
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
    // One record per poll: a member never holds a second shard back while it starts the first.
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    ContainerProperties container = new ContainerProperties(Topics.RUN_SHARDS.name());
    container.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    container.setMessageListener(new ShardListener(runs));
    return new KafkaMessageListenerContainer<>(TopicConsumers.tolerant(Topics.RUN_SHARDS, config), container);
  }

  @Bean
  KafkaMessageListenerContainer<String, AbortRequest> abortRequestContainer(KafkaProperties kafka,
      LoadgenProperties properties, RunRegistry registry) {
    String id = "loadgen-aborts-" + properties.resolvedGeneratorId();
    return everyInstance(kafka, id, id, Topics.ABORT_REQUESTS, new AbortRequestListener(registry));
  }

  /**
   * ABORT_REQUESTED on run-events, as analyzers and loadgen instances before the command/fact split write it, so a
   * rolling upgrade loses no stop. Keeps the group the only abort consumer had before.
   *
   * @deprecated removed in 0.2.0 with {@link AbortRequestListener#legacyRunEvents()} (ADR 6)
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  @Bean
  @SuppressWarnings("removal")
  KafkaMessageListenerContainer<String, RunEvent> legacyAbortRequestContainer(KafkaProperties kafka,
      LoadgenProperties properties, RunRegistry registry) {
    return everyInstance(kafka, "loadgen-" + properties.resolvedGeneratorId(),
        "loadgen-legacy-aborts-" + properties.resolvedGeneratorId(), Topics.RUN_EVENTS,
        new AbortRequestListener(registry).legacyRunEvents());
  }

  /** A consumer of {@code topic} in a group of this instance's own: every generator must see every abort request. */
  private static <V> KafkaMessageListenerContainer<String, V> everyInstance(KafkaProperties kafka, String group,
      String clientId, Topic<String, V> topic, MessageListener<String, V> listener) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // A request matters only to runs going now: one published before this instance started concerns none of its.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    ContainerProperties container = new ContainerProperties(topic.name());
    container.setMessageListener(listener);
    return new KafkaMessageListenerContainer<>(TopicConsumers.tolerant(topic, config), container);
  }
}
