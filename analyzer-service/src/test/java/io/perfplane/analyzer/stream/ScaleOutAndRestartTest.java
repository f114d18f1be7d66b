package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out and crash safety of the real topology on a real (in-process KRaft) broker: several analyzer instances
 * share one application id and split the partitions; a SIGKILLed instance loses and double-counts nothing.
 */
class ScaleOutAndRestartTest {

  private static final String[] ENDPOINTS = {"GET /a", "POST /b", "GET /c"};
  private static final int SAMPLES_PER_RUN = 2_000;
  private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};
  private static final Duration DONE = Duration.ofMinutes(6); // generous: the machine is shared and overloaded

  private static EmbeddedKafkaBroker broker;

  @TempDir
  Path dirs;

  /** A broker per test: each test's instances read the topics from the beginning and should see only its data. */
  @BeforeEach
  void startBroker() {
    broker = EmbeddedKafkaBroker.start(null, 0);
    broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @Test
  void twoInstancesSplitThePartitionsAndProduceTheSameResultsAsOne() {
    List<String> runs = runsOnEveryPartition("split");
    Exact exact = new Exact();
    produce(runs, 0, SAMPLES_PER_RUN, exact, null);
    finish(runs);

    Map<String, LatencySlice> single;
    try (AnalyzerInstance one = new AnalyzerInstance(broker.bootstrapServers(), "single", dirs.resolve("one"))) {
      single = awaitFinalized(runs, List.of(one)).totals();
    }
    Results pair;
    try (AnalyzerInstance first = new AnalyzerInstance(broker.bootstrapServers(), "pair", dirs.resolve("first"));
        AnalyzerInstance second = new AnalyzerInstance(broker.bootstrapServers(), "pair", dirs.resolve("second"))) {
      pair = awaitFinalized(runs, List.of(first, second));
    }

    assertThat(pair.owners()).as("each instance owns part of the runs").allSatisfy(
        owned -> assertThat(owned).isNotEmpty().hasSizeLessThan(runs.size()));
    assertThat(pair.totals().keySet()).isEqualTo(single.keySet()).isEqualTo(exact.latencies.keySet());
    for (Map.Entry<String, LatencySlice> entry : single.entrySet()) {
      LatencySlice one = entry.getValue();
      LatencySlice two = pair.totals().get(entry.getKey());
      assertThat(two.requests()).as(entry.getKey()).isEqualTo(one.requests());
      assertThat(two.errors()).as(entry.getKey()).isEqualTo(one.errors());
      for (double p : PERCENTILES) {
        assertThat(two.latencyMsAt(p)).as("%s p%s", entry.getKey(), p).isEqualTo(one.latencyMsAt(p));
      }
      assertThat(two.maxLatencyMs()).isEqualTo(one.maxLatencyMs());
    }
    exact.assertMatches(pair.totals());
  }

  @Test
  void killingAnInstanceMidRunLosesAndDoubleCountsNothing() throws Exception {
    List<String> runs = runsOnEveryPartition("kill");
    Exact exact = new Exact();
    Path victimState = dirs.resolve("victim");
    Process victim = AnalyzerProcessLauncher.start(broker.bootstrapServers(), "kill", victimState);
    AtomicLong victimConsumed = AnalyzerProcessLauncher.progress(victim);
    try (AnalyzerInstance survivor = new AnalyzerInstance(broker.bootstrapServers(), "kill", dirs.resolve("survivor"))) {
      // Both instances in the group (the survivor owns some of the tasks, not all) before samples flow.
      Awaitility.await().atMost(DONE).ignoreExceptions().until(() -> survivor.running()
          && activeTasks(survivor) > 0 && activeTasks(survivor) < Topics.REQUEST_SAMPLES.partitions());

      CountDownLatch killed = new CountDownLatch(1);
      CompletableFuture<Void> producing = CompletableFuture.runAsync(
          () -> produce(runs, 0, SAMPLES_PER_RUN, exact, killed));
      // The victim has aggregated part of its runs (with uncommitted work in flight) while samples still flow.
      Awaitility.await().atMost(DONE).until(() -> victimConsumed.get() >= 500);
      assertThat(producing).as("samples are still flowing at the kill").isNotDone();
      long atKill = victimConsumed.get();
      victim.destroyForcibly(); // SIGKILL
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      killed.countDown();
      producing.get(3, TimeUnit.MINUTES);
      finish(runs);

      // Restarted on the killed instance's (dirty) state directory: it restores from the changelogs.
      try (AnalyzerInstance restarted = new AnalyzerInstance(broker.bootstrapServers(), "kill", victimState)) {
        Results results = awaitFinalized(runs, List.of(survivor, restarted));
        exact.assertMatches(results.totals());
        System.out.printf("SIGKILLed the victim after it had aggregated %,d samples; %,d samples in total, all"
            + " counted exactly once%n", atKill, runs.size() * (long) SAMPLES_PER_RUN);
      }
    } finally {
      victim.destroyForcibly();
    }
  }

  private static int activeTasks(AnalyzerInstance instance) {
    return instance.streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }

  /** Two run ids per partition of request-samples (hashed as Kafka's default partitioner does). */
  private static List<String> runsOnEveryPartition(String prefix) {
    int partitions = Topics.REQUEST_SAMPLES.partitions();
    Map<Integer, List<String>> byPartition = new TreeMap<>();
    for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 2 * partitions; i++) {
      String runId = prefix + "-" + i;
      int partition = Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitions;
      List<String> ids = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
      if (ids.size() < 2) {
        ids.add(runId);
      }
    }
    return byPartition.values().stream().flatMap(List::stream).toList();
  }

  /**
   * Produces samples {@code [from, to)} of every run: heavy-tailed latencies, 1% errors. With {@code gate}, it
   * pauses half way until the gate opens, so the kill happens while samples flow.
   */
  private static void produce(List<String> runs, int from, int to, Exact exact, CountDownLatch gate) {
    try (KafkaProducer<String, RequestSample> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Topics.REQUEST_SAMPLES.keySerde().serializer(), Topics.REQUEST_SAMPLES.valueSerde().serializer())) {
      SplittableRandom random = new SplittableRandom(7);
      for (int i = from; i < to; i++) {
        for (String runId : runs) {
          String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
          long latencyUs = (long) Math.exp(9.5 + 0.9 * random.nextGaussian());
          boolean error = random.nextInt(100) == 0;
          long startUs = TestRuns.T0_US + i * 5_000L; // 200 samples/s per run in event time
          producer.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, RequestSample.newBuilder()
              .setRunId(runId).setGeneratorId("gen-1").setScenario("default").setEndpoint(endpoint)
              .setMethod("GET").setStatus(error ? 503 : 200)
              .setErrorKind(error ? ErrorKind.HTTP_STATUS : ErrorKind.NONE).setIntendedStartUs(startUs)
              .setActualStartUs(startUs).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs).build()));
          exact.add(runId, endpoint, latencyUs, error);
        }
        if (i % 100 == 99) {
          producer.flush();
          if (gate != null && i + 1 == (from + to) / 2) {
            await(gate);
          }
          pause();
        }
      }
    }
  }

  private static void finish(List<String> runs) {
    try (KafkaProducer<String, RunEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        Topics.RUN_EVENTS.keySerde().serializer(), Topics.RUN_EVENTS.valueSerde().serializer())) {
      for (String runId : runs) {
        for (RunEventType type : List.of(RunEventType.STARTED, RunEventType.FINISHED)) {
          producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, RunEvent.newBuilder()
              .setRunId(runId).setType(type).setAtUs(TestRuns.T0_US).setGeneratorId("gen-1")
              .setAttributes(type == RunEventType.FINISHED
                  ? Map.of(RunAnalysisProcessor.SAMPLES_PUBLISHED, Integer.toString(SAMPLES_PER_RUN)) : Map.of())
              .build()));
        }
      }
    }
  }

  /** Waits until every run is finalized on one of the instances, then reads their whole-run slices of the runs. */
  private static Results awaitFinalized(List<String> runs, List<AnalyzerInstance> instances) {
    Set<String> finalized = ConcurrentHashMap.newKeySet();
    try {
      Awaitility.await().atMost(DONE).pollInterval(Duration.ofMillis(250)).ignoreException(
          InvalidStateStoreException.class).until(() -> {
            for (AnalyzerInstance instance : instances) {
              finalized.addAll(instance.capacity().keySet());
            }
            return finalized.containsAll(runs);
          });
    } catch (ConditionTimeoutException e) {
      List<String> missing = runs.stream().filter(run -> !finalized.contains(run)).toList();
      throw new AssertionError("runs not finalized within " + DONE + ": " + missing + "; instances: "
          + instances.stream().map(AnalyzerInstance::describe).toList(), e);
    }
    return Awaitility.await().atMost(DONE).ignoreException(InvalidStateStoreException.class).until(() -> {
      Map<String, LatencySlice> totals = new HashMap<>();
      List<Set<String>> owners = new ArrayList<>();
      for (AnalyzerInstance instance : instances) {
        // Only this test's runs: the tests share the broker and topics, and read them from the beginning.
        Map<String, LatencySlice> local = new HashMap<>(instance.totals());
        local.keySet().removeIf(key -> !runs.contains(key.substring(0, key.indexOf('|'))));
        for (String key : local.keySet()) {
          assertThat(totals).as("%s is owned by one instance only", key).doesNotContainKey(key);
        }
        totals.putAll(local);
        Set<String> owned = new LinkedHashSet<>();
        local.keySet().forEach(key -> owned.add(key.substring(0, key.indexOf('|'))));
        owners.add(owned);
      }
      return new Results(totals, owners);
    }, results -> true);
  }

  private static void await(CountDownLatch gate) {
    try {
      assertThat(gate.await(3, TimeUnit.MINUTES)).as("gate opened").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Spreads production over time, so instances aggregate while samples flow (pacing, not an assertion). */
  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whole-run slices of all instances together, and the run ids each instance owns. */
  private record Results(Map<String, LatencySlice> totals, List<Set<String>> owners) {
  }

  /** Every produced latency per {@code runId|endpoint} (and {@code runId|*}): the expected results. */
  private static final class Exact {

    final Map<String, List<Long>> latencies = new HashMap<>();
    final Map<String, Long> errors = new HashMap<>();

    synchronized void add(String runId, String endpoint, long latencyUs, boolean error) {
      for (String key : List.of(StoreKeys.total(runId, endpoint), StoreKeys.total(runId, Slo.ALL_ENDPOINTS))) {
        latencies.computeIfAbsent(key, k -> new ArrayList<>()).add(latencyUs);
        errors.merge(key, error ? 1L : 0L, Long::sum);
      }
    }

    synchronized void assertMatches(Map<String, LatencySlice> totals) {
      assertThat(totals.keySet()).isEqualTo(latencies.keySet());
      for (Map.Entry<String, List<Long>> entry : latencies.entrySet()) {
        LatencySlice slice = totals.get(entry.getKey());
        List<Long> sorted = entry.getValue().stream().sorted().toList();
        assertThat(slice.requests()).as("%s requests: none lost, none counted twice", entry.getKey())
            .isEqualTo(sorted.size());
        assertThat(slice.errors()).as("%s errors", entry.getKey()).isEqualTo(errors.get(entry.getKey()));
        for (double p : PERCENTILES) {
          // Nearest rank in integer arithmetic (p has one decimal): p / 100 * n in doubles can round up a rank.
          int rank = (int) ((Math.round(p * 10) * sorted.size() + 999) / 1000);
          double exactMs = sorted.get(rank - 1) / 1000.0;
          assertThat(slice.latencyMsAt(p)).as("%s p%s", entry.getKey(), p)
              .isCloseTo(exactMs, within(exactMs * 0.001));
        }
      }
    }
  }
}
