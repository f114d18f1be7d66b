package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized.StoreType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Breach detection latency: from the event time (end) of the first violating sample to the OPENED breach's arrival
 * at a read_committed consumer, on the in-process broker with the production topology (EOS v2, 200 ms commits,
 * RocksDB).
 *
 * <p>{@code bench.runs} runs publish live samples at {@code bench.rate} samples/s each (event time = now; 20 ms
 * requests, 300 ms while violating). Each run violates for {@code bench.slow-ms} once per {@code bench.period-ms},
 * phases staggered across runs, for {@code bench.seconds}; the SLO is p95 &lt; 100 ms over 2 s windows, so the
 * first violating sample is followed by a breach once 5 % of a window is slow (about 100 ms at 200 samples/s).
 * The SLO has {@code for: 0} and {@code keepFiringFor: 0}: this measures how late a breach arrives after it is due.
 * With {@code for: F} a breach is due F after the first violating sample and is published by the same evaluation
 * machinery, so its arrival is F plus the latency measured here.
 * Every violation episode is one measurement; episodes without a breach and breaches without an episode are
 * counted. Violations start after {@code bench.warm-up-ms} (10 s) of fast samples. Tunables also:
 * {@code bench.check-ms} (early breach check period), {@code bench.threads}.
 */
@Tag("benchmark")
class BreachLatencyBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 20);
  private static final int RATE = Integer.getInteger("bench.rate", 200);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
  private static final int PERIOD_MS = Integer.getInteger("bench.period-ms", 6_000);
  private static final int SLOW_MS = Integer.getInteger("bench.slow-ms", 1_000);
  private static final int CHECK_MS = Integer.getInteger("bench.check-ms", 200);
  private static final int THREADS = Integer.getInteger("bench.threads", 1);
  /** Fast samples only, before the first violation: JIT and RocksDB warm-up are not detection latency. */
  private static final long WARM_UP_MS = Long.getLong("bench.warm-up-ms", 10_000);
  private static final long FAST_US = 20_000;
  private static final long SLOW_US = 300_000;

  @Test
  void firstViolatingSampleToBreachOnTopic() throws Exception {
    Path stateDir = Files.createTempDirectory("analyzer-breach-bench");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
      AnalysisSettings settings = new AnalysisSettings(
          List.of(new Slo("p95", Slo.ALL_ENDPOINTS, Indicator.LATENCY_P95, 100, Duration.ofSeconds(2), 20)
              .withLifecycle(Duration.ZERO, Duration.ZERO)),
          Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1),
          Duration.ofMillis(CHECK_MS));
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analyzer-breach-bench");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200); // as in application.yml
      props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L); // as in application.yml
      props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, THREADS);
      props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);

      Map<String, Deque<Long>> violations = new ConcurrentHashMap<>(); // run -> unmatched violation starts (µs)
      List<Long> latenciesUs = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger spurious = new AtomicInteger();
      AtomicInteger episodes = new AtomicInteger();
      AtomicBoolean consuming = new AtomicBoolean(true);
      try (KafkaStreams streams = new KafkaStreams(
          AnalyzerTopology.build(settings, AnalyzerMetrics.NONE, StoreType.ROCKS_DB), props);
          KafkaConsumer<String, SloBreach> consumer = new KafkaConsumer<>(Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
              ConsumerConfig.GROUP_ID_CONFIG, "breach-bench", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
              ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
              Topics.SLO_BREACHES.keySerde().deserializer(), Topics.SLO_BREACHES.valueSerde().deserializer())) {
        streams.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (streams.state() != KafkaStreams.State.RUNNING) {
          assertThat(System.nanoTime()).as("streams start timeout").isLessThan(deadline);
          Thread.sleep(50);
        }
        consumer.subscribe(List.of(Topics.SLO_BREACHES.name()));
        while (consumer.assignment().isEmpty()) {
          consumer.poll(Duration.ofMillis(100));
          assertThat(System.nanoTime()).as("consumer assignment timeout").isLessThan(deadline);
        }
        Thread reader = Thread.ofPlatform().start(() -> {
          while (consuming.get()) {
            for (var record : consumer.poll(Duration.ofMillis(20))) {
              long arrivedUs = nowUs();
              SloBreach breach = record.value();
              if (breach.getState() != BreachState.OPENED) {
                continue;
              }
              Deque<Long> starts = violations.get(breach.getRunId());
              Long start = starts == null ? null : starts.pollFirst();
              if (start == null || start > arrivedUs) {
                spurious.incrementAndGet();
              } else {
                latenciesUs.add(arrivedUs - start);
              }
            }
          }
        });

        produce(broker, violations, episodes);
        Thread.sleep(5_000); // the last episodes' breaches
        consuming.set(false);
        reader.join();
      }

      List<Long> sorted = latenciesUs.stream().sorted().toList();
      int missed = violations.values().stream().mapToInt(Deque::size).sum();
      System.out.println();
      System.out.printf("== breach detection latency (%d runs x %d samples/s, %d s, violation %d ms every %d ms,"
          + " p95 < 100 ms over 2 s, early check %d ms, EOS commit 200 ms, %d stream thread(s))%n",
          RUNS, RATE, SECONDS, SLOW_MS, PERIOD_MS, CHECK_MS, THREADS);
      System.out.printf("episodes %d, measured %d, missed %d, breaches without an episode %d%n",
          episodes.get(), sorted.size(), missed, spurious.get());
      if (!sorted.isEmpty()) {
        System.out.printf("first violating sample -> breach on topic: p50 %.0f ms, p99 %.0f ms, max %.0f ms"
            + " (target p99 <= 1000 ms)%n", at(sorted, 50) / 1000.0, at(sorted, 99) / 1000.0,
            sorted.getLast() / 1000.0);
        System.out.printf("p90 %.0f ms; in arrival order (ms): %s%n", at(sorted, 90) / 1000.0,
            latenciesUs.stream().map(us -> Long.toString(us / 1000)).toList());
      }
      assertThat(sorted).as("no breach measured").isNotEmpty();
    }
  }

  /** Live samples for every run until the end; records the event time of each episode's first violating sample. */
  private static void produce(EmbeddedKafkaBroker broker, Map<String, Deque<Long>> violations,
      AtomicInteger episodes) throws InterruptedException {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all");
    Map<String, Boolean> wasSlow = new HashMap<>();
    Map<String, Long> sent = new HashMap<>();
    try (KafkaProducer<String, RequestSample> producer = new KafkaProducer<>(config,
        Topics.REQUEST_SAMPLES.keySerde().serializer(), Topics.REQUEST_SAMPLES.valueSerde().serializer())) {
      long startMs = System.currentTimeMillis();
      long endMs = startMs + SECONDS * 1000L;
      while (System.currentTimeMillis() < endMs) {
        long nowMs = System.currentTimeMillis();
        for (int r = 0; r < RUNS; r++) {
          String runId = "breach-bench-" + r;
          long due = (nowMs - startMs) * RATE / 1000; // samples this run should have published by now
          long done = sent.getOrDefault(runId, 0L);
          if (done >= due) {
            continue;
          }
          long phase = (long) r * PERIOD_MS / RUNS;
          long sinceStart = nowMs - startMs;
          long intoEpisode = (sinceStart - WARM_UP_MS - phase) % PERIOD_MS;
          // Only whole episodes: one cut short by the end (e.g. 100 ms of slow samples, 5% of a 2 s window) has
          // windows on both sides of the p95 objective, and its breach may legitimately resolve and reopen.
          boolean slow = sinceStart >= WARM_UP_MS + phase
              && intoEpisode < SLOW_MS
              && nowMs - intoEpisode + SLOW_MS < endMs;
          for (long i = done; i < due; i++) {
            long endUs = nowUs();
            if (slow && !wasSlow.getOrDefault(runId, false)) {
              violations.computeIfAbsent(runId, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(endUs);
              episodes.incrementAndGet();
            }
            wasSlow.put(runId, slow);
            long latencyUs = slow ? SLOW_US : FAST_US;
            RequestSample sample = RequestSample.newBuilder().setRunId(runId).setGeneratorId("gen-1")
                .setScenario("default").setEndpoint("GET /a").setMethod("GET").setStatus(200)
                .setErrorKind(ErrorKind.NONE).setIntendedStartUs(endUs - latencyUs)
                .setActualStartUs(endUs - latencyUs).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs).build();
            producer.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, sample));
          }
          sent.put(runId, due);
        }
        Thread.sleep(2);
      }
    }
  }

  private static long nowUs() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  private static long at(List<Long> sorted, double percentile) {
    return sorted.get((int) Math.max(0, Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }
}
