package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized.StoreType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End-to-end samples/s through the analyzer topology (exactly_once_v2, RocksDB stores, changelogs) next to a raw
 * Kafka consumer draining the same topic from the same in-process broker in the same run.
 *
 * <p>Two phases. <b>Drain</b>: {@code N} samples are produced first; then, in each of {@code bench.rounds} rounds,
 * the raw consumer (bytes only; decoding the analyzer's fields with its decoder; decoding whole Avro records), a no-op
 * Kafka Streams application and the analyzer each read all of them from the beginning; the medians of the rounds are
 * compared. <b>Live</b>: the last round's
 * analyzer runs on while a producer publishes {@code N/2} more samples as fast as it can; lag (produced minus
 * aggregated) is sampled every 100 ms and must stay bounded. Tunables: {@code -Dbench.samples},
 * {@code -Dbench.threads}, {@code -Dbench.rounds}, {@code -Dbench.commitMs}, {@code -Dbench.jfr} (a JFR file: CPU and
 * allocation profile of the last round's analyzer drain).
 */
@Tag("benchmark")
class AnalyzerThroughputBenchmark {

  private static final int SAMPLES = Integer.getInteger("bench.samples", 2_000_000);
  private static final int STREAM_THREADS = Integer.getInteger("bench.threads", 2);
  private static final String PROFILE = System.getProperty("bench.jfr");
  /** application.yml's commit interval by default; each commit writes back (encodes) every slice updated since. */
  private static final int COMMIT_MS = Integer.getInteger("bench.commitMs", 200);
  /** Rounds of (raw bytes, raw decoded, no-op Streams, analyzer), compared by their medians. */
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final int RUNS = 12;
  private static final String[] ENDPOINTS = {"GET /a", "GET /b", "POST /c", "GET /d", "PUT /e"};
  private static final long T0_US = 1_800_000_000L * 1_000_000L;

  @Test
  void analyzerVersusRawConsumer() throws Exception {
    Path stateDir = Files.createTempDirectory("analyzer-bench");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
      String topic = Topics.REQUEST_SAMPLES.name();

      long produceNs = produce(broker, 0, SAMPLES);
      System.out.printf("produced %,d samples in %.1f s (%,.0f/s)%n", SAMPLES, produceNs / 1e9,
          SAMPLES / (produceNs / 1e9));

      // Rounds alternate the contenders so that a slow spell of this shared VM hits all of them, and the medians of
      // the rounds are compared (one round of each was off by +-30% between otherwise identical runs). Round 0 warms
      // up the JIT and is not counted: the first plain consumer of a JVM ran at half the speed of the third.
      List<double[]> rounds = new java.util.ArrayList<>();
      Drain last = null;
      for (int round = 0; round <= ROUNDS; round++) {
        double rawBytes = rawConsume(broker, topic, SAMPLES, Reading.BYTES, round);
        double rawFields = rawConsume(broker, topic, SAMPLES, Reading.FIELDS, round);
        double rawDecoded = rawConsume(broker, topic, SAMPLES, Reading.AVRO, round);
        Drain noop = streamsNoop(broker, topic, stateDir.resolve("noop-" + round), round);
        last = analyzerDrain(broker, stateDir.resolve("analyzer-" + round), round);
        if (round < ROUNDS) {
          last.streams().close(); // its punctuations would compete with the next round
        }
        if (round > 0) {
          rounds.add(new double[] {rawBytes, rawFields, rawDecoded, noop.rate(), last.rate(),
              noop.streamCpuUsPerSample(), last.streamCpuUsPerSample()});
        }
        System.out.printf("%s %d: raw bytes %,.0f/s, raw fields %,.0f/s, raw Avro %,.0f/s, no-op Streams %,.0f/s,"
            + " analyzer %,.0f/s = %.2fx raw bytes; %s%n", round == 0 ? "warm-up" : "round", round, rawBytes,
            rawFields, rawDecoded, noop.rate(), last.rate(), last.rate() / rawBytes, last.cpu());
      }

      // Live: the last round's analyzer aggregates while a producer publishes; lag = produced - aggregated.
      int live = SAMPLES / 2;
      AtomicLong produced = new AtomicLong();
      long maxLag = 0;
      Thread producer = Thread.ofPlatform().start(() -> produce(broker, SAMPLES, live, produced));
      long liveStart = System.nanoTime();
      while (last.consumed().get() < SAMPLES + (long) live) {
        Thread.sleep(100);
        maxLag = Math.max(maxLag, SAMPLES + produced.get() - last.consumed().get());
        assertThat(System.nanoTime() - liveStart).as("live timeout").isLessThan(TimeUnit.MINUTES.toNanos(10));
      }
      double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
      producer.join();
      assertThat(last.consumed().get()).isEqualTo(SAMPLES + (long) live);
      last.streams().close();

      double rawBytes = median(rounds, 0);
      double rawFields = median(rounds, 1);
      double rawDecoded = median(rounds, 2);
      double noop = median(rounds, 3);
      double analyzer = median(rounds, 4);
      System.out.println();
      System.out.printf("== analyzer throughput (%,d samples, %d runs x %d endpoints, %d stream threads, EOS v2, "
          + "commit %d ms; median of %d rounds)%n", SAMPLES, RUNS, ENDPOINTS.length, STREAM_THREADS, COMMIT_MS,
          ROUNDS);
      System.out.printf("raw consumer, bytes only          : %,12.0f samples/s%n", rawBytes);
      System.out.printf("raw consumer, + analyzer's decoder: %,12.0f samples/s  (the fields it aggregates)%n",
          rawFields);
      System.out.printf("raw consumer, + Avro decode       : %,12.0f samples/s  (whole RequestSample records)%n",
          rawDecoded);
      System.out.printf("Kafka Streams no-op (same config) : %,12.0f samples/s  = %.2fx raw bytes: the framework's"
          + " ceiling here (stream threads %.2f us CPU/sample)%n", noop, noop / rawBytes, median(rounds, 5));
      System.out.printf("analyzer drain                    : %,12.0f samples/s  = %.2fx raw bytes, %.2fx raw + its"
          + " decoder, %.2fx raw + Avro, %.2fx no-op Streams (stream threads %.2f us CPU/sample)%n", analyzer,
          analyzer / rawBytes, analyzer / rawFields, analyzer / rawDecoded, analyzer / noop, median(rounds, 6));
      System.out.printf("analyzer / raw bytes by round     : %s%n", rounds.stream()
          .map(r -> String.format("%.2fx", r[4] / r[0])).collect(java.util.stream.Collectors.joining(", ")));
      System.out.printf("analyzer live (producer in parallel): %,10.0f samples/s, max lag %,d samples (%.2f s)%n",
          live / liveSeconds, maxLag, maxLag / (live / liveSeconds));
    }
  }

  /** A drained Streams application: its rate, its CPU by thread role, and (analyzer) the instance, still running. */
  private record Drain(double rate, double streamCpuUsPerSample, String cpu, KafkaStreams streams,
      AtomicLong consumed) {
  }

  private static double median(List<double[]> rounds, int column) {
    double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** The analyzer reading all samples from the beginning, timed from its first sample to its last. */
  private static Drain analyzerDrain(EmbeddedKafkaBroker broker, Path stateDir, int round) throws Exception {
    AtomicLong consumed = new AtomicLong();
    AnalyzerMetrics metrics = new AnalyzerMetrics() {
      @Override
      public void sampleConsumed() {
        consumed.incrementAndGet();
      }
    };
    AnalysisSettings settings = new AnalysisSettings(List.of(
        new Slo("p95", Slo.ALL_ENDPOINTS, Indicator.LATENCY_P95, 500, Duration.ofSeconds(10), 20),
        new Slo("errors", Slo.ALL_ENDPOINTS, Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10), 20),
        new Slo("a-p99", "GET /a", Indicator.LATENCY_P99, 800, Duration.ofSeconds(10), 20)),
        // application.yml's defaults: 10 s capacity window, 5 s finalize grace, evaluation every 1 s trailing by a 1 s
        // late grace, early breach check every 200 ms.
        Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofMillis(200));
    Properties props = streamsConfig(broker, "analyzer-bench-" + round, stateDir);
    KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(settings, metrics, StoreType.ROCKS_DB), props);
    long start = System.nanoTime();
    streams.start();
    while (consumed.get() == 0) {
      Thread.sleep(1);
      assertThat(System.nanoTime() - start).as("start timeout").isLessThan(TimeUnit.MINUTES.toNanos(2));
    }
    long firstSample = System.nanoTime();
    Map<String, Long> cpuBefore = cpuByThreadGroup();
    jdk.jfr.Recording recording = PROFILE == null || round != ROUNDS ? null
        : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
    if (recording != null) {
      recording.start();
    }
    while (consumed.get() < SAMPLES) {
      Thread.sleep(20);
      assertThat(System.nanoTime() - start).as("drain timeout").isLessThan(TimeUnit.MINUTES.toNanos(10));
    }
    long end = System.nanoTime();
    Map<String, Long> cpu = delta(cpuBefore, cpuByThreadGroup());
    if (recording != null) {
      recording.dump(Path.of(PROFILE));
      recording.close();
    }
    return new Drain(SAMPLES / ((end - firstSample) / 1e9), cpu.getOrDefault("stream threads", 0L) / 1e3 / SAMPLES,
        describe(cpu, end - firstSample), streams, consumed);
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new java.util.TreeMap<>();
    after.forEach((group, ns) -> delta.put(group, ns - before.getOrDefault(group, 0L)));
    return delta;
  }

  private static String describe(Map<String, Long> cpu, long wallNs) {
    return String.format("drain %.1f s wall, CPU: %s", wallNs / 1e9, cpu.entrySet().stream()
        .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1e9))
        .collect(java.util.stream.Collectors.joining(", ")));
  }

  /**
   * CPU time (ns) of this JVM's live threads by role: where the drain's CPU goes (JIT and GC threads are not Java
   * threads and are not counted).
   */
  private static Map<String, Long> cpuByThreadGroup() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> cpu = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long ns = threads.getThreadCpuTime(info.getThreadId());
      String name = info.getThreadName();
      String group = name.contains("StreamThread") && name.contains("producer") ? "streams producer I/O"
          : name.contains("StreamThread") ? "stream threads"
          : name.startsWith("data-plane") || name.contains("kafka") || name.contains("quorum")
              || name.contains("group-coordinator") || name.contains("Txn") || name.contains("broker")
              ? "broker" : "other";
      cpu.merge(group, Math.max(0, ns), Long::sum);
    }
    return cpu;
  }

  private static long produce(EmbeddedKafkaBroker broker, int from, int count) {
    long start = System.nanoTime();
    produce(broker, from, count, new AtomicLong());
    return System.nanoTime() - start;
  }

  /** Pre-serialized samples: 12 runs at ~interleaved timestamps, 5 endpoints, log-normal latencies, 0.5% errors. */
  private static void produce(EmbeddedKafkaBroker broker, int from, int count, AtomicLong acknowledged) {
    Topic<String, RequestSample> topic = Topics.REQUEST_SAMPLES;
    Serializer<RequestSample> serializer = topic.valueSerde().serializer();
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
        ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
        // A shared, overloaded machine can stall a request: retry it (default 30 s request timeout) for 10 minutes.
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
    SplittableRandom random = new SplittableRandom(42 + from);
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (int i = from; i < from + count; i++) {
        String runId = "bench-run-" + (i % RUNS);
        long latencyUs = (long) Math.exp(9.5 + 0.8 * random.nextGaussian()); // median ~13 ms, heavy tail
        long startUs = T0_US + (i / RUNS) * 50L; // 20k samples/s per run in event time
        boolean error = random.nextInt(200) == 0;
        RequestSample sample = RequestSample.newBuilder()
            .setRunId(runId).setGeneratorId("gen-1").setScenario("default")
            .setEndpoint(ENDPOINTS[random.nextInt(ENDPOINTS.length)]).setMethod("GET")
            .setStatus(error ? 503 : 200).setErrorKind(error ? ErrorKind.HTTP_STATUS : ErrorKind.NONE)
            .setIntendedStartUs(startUs).setActualStartUs(startUs).setLatencyUs(latencyUs)
            .setServiceTimeUs(latencyUs).build();
        producer.send(new ProducerRecord<>(topic.name(), runId.getBytes(), serializer.serialize(topic.name(), sample)),
            (metadata, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              } else {
                acknowledged.incrementAndGet();
              }
            });
      }
    }
    if (failed.get() != null) {
      throw new IllegalStateException("a sample was not produced", failed.get());
    }
  }

  /**
   * Samples/s of a Kafka Streams application with the analyzer's configuration (EOS v2, commit interval, threads)
   * whose processor only counts records: what the framework itself costs per record on this machine.
   */
  private static Drain streamsNoop(EmbeddedKafkaBroker broker, String topic, Path stateDir, int round)
      throws Exception {
    AtomicLong counted = new AtomicLong();
    org.apache.kafka.streams.Topology topology = new org.apache.kafka.streams.Topology();
    topology.addSource("samples", new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), topic);
    topology.addProcessor("count",
        () -> (org.apache.kafka.streams.processor.api.Processor<byte[], byte[], Void, Void>) r -> counted
            .incrementAndGet(), "samples");
    Properties props = streamsConfig(broker, "noop-bench-" + round, stateDir);
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (counted.get() == 0) {
        Thread.sleep(1);
        assertThat(System.nanoTime()).as("no-op start timeout").isLessThan(deadline);
      }
      long start = System.nanoTime();
      Map<String, Long> cpuBefore = cpuByThreadGroup();
      long first = counted.get();
      while (counted.get() < SAMPLES) {
        Thread.sleep(5);
        assertThat(System.nanoTime()).as("no-op drain timeout").isLessThan(deadline);
      }
      long end = System.nanoTime();
      Map<String, Long> cpu = delta(cpuBefore, cpuByThreadGroup());
      long drained = SAMPLES - first;
      return new Drain(drained / ((end - start) / 1e9), cpu.getOrDefault("stream threads", 0L) / 1e3 / drained,
          describe(cpu, end - start), streams, counted);
    }
  }

  /** The analyzer's Streams configuration (application.yml) with the benchmark's commit interval and threads. */
  private static Properties streamsConfig(EmbeddedKafkaBroker broker, String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_MS);
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L); // as in application.yml
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000);
    return props;
  }

  /** What a raw consumer does with each record's value. */
  private enum Reading {
    /** Nothing: Kafka's own cost of fetching and parsing records. */
    BYTES,
    /** The analyzer's {@link SampleDecoder}: the fields it aggregates. */
    FIELDS,
    /** The topic's Avro serde: whole {@link RequestSample} records. */
    AVRO
  }

  /** Samples/s of a plain consumer reading every sample from the beginning. */
  private static double rawConsume(EmbeddedKafkaBroker broker, String topic, int expected, Reading reading,
      int round) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "raw-" + reading + "-" + round,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    var deserializer = Topics.REQUEST_SAMPLES.valueSerde().deserializer();
    SampleDecoder fields = new SampleDecoder();
    long start = System.nanoTime();
    long count = 0;
    long checksum = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (count < expected) {
        assertThat(System.nanoTime()).as("raw consumer read only %d of %d", count, expected).isLessThan(deadline);
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (var record : records) {
          checksum += switch (reading) {
            case BYTES -> record.value().length;
            case FIELDS -> ((Sample) fields.deserialize(topic, record.value())).latencyUs();
            case AVRO -> deserializer.deserialize(topic, record.value()).getLatencyUs();
          };
        }
        count += records.count();
      }
    }
    double rate = count / ((System.nanoTime() - start) / 1e9);
    assertThat(checksum).isPositive();
    return rate;
  }
}
