package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CapacityKind;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Materialized.StoreType;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTopologyTest {

  private static final Duration TICK = Duration.ofSeconds(1);

  @TempDir
  Path stateDir;

  /** Fires and resolves at once (for 0, keepFiringFor 0): hysteresis has tests of its own (BreachHysteresisTest). */
  private static Slo p95Below(String id, String endpoint, double ms) {
    return new Slo(id, endpoint, Indicator.LATENCY_P95, ms, Duration.ofSeconds(5), 5)
        .withLifecycle(Duration.ZERO, Duration.ZERO);
  }

  @Test
  void breachOpensOnceWhileViolatedAndResolvesWhenTheObjectiveHoldsAgain() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(p95Below("p95", "*", 100)), stateDir)) {
      runs.pipeSeconds("r1", "GET /a", 0, 9, 20, 200_000, false);
      runs.tick(TICK);

      List<TestRecord<String, SloBreach>> opened = runs.breaches.readRecordsToList();
      assertThat(opened).hasSize(1);
      assertThat(opened.getFirst().key()).isEqualTo(Topics.breachKey("r1", "p95", "*"));
      SloBreach breach = opened.getFirst().value();
      assertThat(breach.getState()).isEqualTo(BreachState.OPENED);
      assertThat(breach.getObserved()).isCloseTo(200.0, within(0.2));
      assertThat(breach.getObjective()).isEqualTo(100.0);
      assertThat(breach.getUnit()).isEqualTo("ms");
      assertThat(breach.getIndicator()).isEqualTo("latency_p95");
      assertThat(breach.getWindowSeconds()).isEqualTo(5);

      runs.pipeSeconds("r1", "GET /a", 10, 19, 20, 300_000, false);
      runs.tick(TICK);
      runs.tick(TICK);
      assertThat(runs.breaches.readRecordsToList()).as("no second OPENED while one is open").isEmpty();

      runs.pipeSeconds("r1", "GET /a", 20, 29, 20, 10_000, false);
      runs.tick(TICK);
      List<TestRecord<String, SloBreach>> resolved = runs.breaches.readRecordsToList();
      assertThat(resolved).hasSize(1);
      assertThat(resolved.getFirst().key()).isEqualTo(opened.getFirst().key());
      assertThat(resolved.getFirst().value().getState()).isEqualTo(BreachState.RESOLVED);
      assertThat(resolved.getFirst().value().getBreachId()).isEqualTo(breach.getBreachId());
      assertThat(resolved.getFirst().value().getObserved()).isCloseTo(10.0, within(0.02));

      runs.pipeSeconds("r1", "GET /a", 30, 39, 20, 400_000, false);
      runs.tick(TICK);
      List<TestRecord<String, SloBreach>> reopened = runs.breaches.readRecordsToList();
      assertThat(reopened).extracting(r -> r.value().getState()).containsExactly(BreachState.OPENED);
      assertThat(reopened.getFirst().value().getBreachId()).isNotEqualTo(breach.getBreachId());
    }
  }

  @Test
  void abortOnFailSloRequestsOneAbortPerBreachEpisode() {
    Slo abortOnFail = new Slo("hard-p95", "*", Indicator.LATENCY_P95, 100, Duration.ofSeconds(5), 5, true)
        .withLifecycle(Duration.ZERO, Duration.ZERO);
    try (TestRuns runs = new TestRuns(TestRuns.settings(abortOnFail, p95Below("soft-p95", "*", 100)), stateDir)) {
      TestOutputTopic<String, AbortRequest> abortRequests = runs.driver.createOutputTopic(
          Topics.ABORT_REQUESTS.name(), Topics.ABORT_REQUESTS.keySerde().deserializer(),
          Topics.ABORT_REQUESTS.valueSerde().deserializer());
      runs.pipeSeconds("r-abort", "GET /a", 0, 9, 20, 200_000, false);
      runs.tick(TICK);
      runs.pipeSeconds("r-abort", "GET /a", 10, 14, 20, 200_000, false);
      runs.tick(TICK);

      List<TestRecord<String, AbortRequest>> aborts = abortRequests.readRecordsToList();
      assertThat(aborts).as("only the abortOnFail SLO aborts, once while its breach stays open").hasSize(1);
      AbortRequest abort = aborts.getFirst().value();
      assertThat(aborts.getFirst().key()).isEqualTo("r-abort");
      assertThat(abort.getRunId()).isEqualTo("r-abort");
      assertThat(abort.getRequestedBy()).isEqualTo("analyzer");
      assertThat(abort.getReason()).startsWith("SLO hard-p95 failed on *: ").contains(" ms > 100.0");
      assertThat(abort.getRequestedAtUs()).isPositive();
      assertThat(abort.getAttributes()).containsEntry("sloId", "hard-p95").containsEntry("unit", "ms");
      assertThat(runs.driver.producedTopicNames()).as("run-events carries facts only; the analyzer states none")
          .doesNotContain(Topics.RUN_EVENTS.name());
      assertThat(runs.breaches.readRecordsToList()).extracting(r -> r.value().getSloId())
          .containsExactlyInAnyOrder("hard-p95", "soft-p95");
    }
  }

  @Test
  void endpointSloIsEvaluatedOnItsEndpointOnlyAndStarSloOnTheAggregate() {
    Slo slowEndpoint = p95Below("slow-p95", "GET /slow", 100);
    Slo overall = p95Below("overall-p95", "*", 100);
    try (TestRuns runs = new TestRuns(TestRuns.settings(slowEndpoint, overall), stateDir)) {
      // /slow is 1 request in 20: it breaks its own SLO but not the aggregate p95.
      runs.pipeSeconds("r2", "GET /fast", 0, 9, 19, 20_000, false);
      runs.pipeSeconds("r2", "GET /slow", 0, 9, 1, 500_000, false);
      runs.tick(TICK);

      assertThat(runs.breaches.readKeyValuesToMap())
          .containsOnlyKeys(Topics.breachKey("r2", "slow-p95", "GET /slow"));
    }
  }

  @Test
  void finishedWithAllSamplesPublishesCapacityAtTheKnee() {
    // RocksDB here: range and prefix scans over the persistent stores are what production runs.
    try (TestRuns runs = new TestRuns(TestRuns.settings(p95Below("p95", "*", 100)), stateDir, StoreType.ROCKS_DB)) {
      runs.pipeEvent("r3", RunEventType.STARTED, Map.of("targetService", "api-x"), null);
      runs.pipeEvent("r3", RunEventType.STAGE_CHANGED, Map.of(), 8);
      int published = runs.pipeSeconds("r3", "GET /a", 0, 14, 10, 20_000, false);
      published += runs.pipeSeconds("r3", "GET /a", 15, 29, 30, 300_000, false);
      assertThat(runs.capacity.isEmpty()).isTrue();

      runs.finished("r3", published + 1);
      assertThat(runs.capacity.isEmpty()).as("one published sample is still missing").isTrue();
      runs.samples.pipeInput("r3", TestRuns.sample("r3", "GET /a", 29_600_000, 300_000, false));

      List<TestRecord<String, CapacityEvent>> events = runs.capacity.readRecordsToList();
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().key()).isEqualTo("r3");
      CapacityEvent capacity = events.getFirst().value();
      assertThat(capacity.getTargetService()).isEqualTo("api-x");
      assertThat(capacity.getSloHeld()).isFalse();
      assertThat(capacity.getMaxSustainedRps()).isEqualTo(10.0); // 5 s windows inside seconds 0..14
      assertThat(capacity.getConcurrencyAtSlo()).isEqualTo(8);
      assertThat(capacity.getBreakingRps()).isEqualTo(14.0); // window 11..15: (4*10 + 30) / 5
      assertThat(capacity.getReplicas()).isEqualTo(1);
      assertThat(capacity.getRpsPerReplica()).isEqualTo(10.0);
      assertThat(capacity.getP95AtCapacityMs()).isCloseTo(20.0, within(0.02));
      assertThat(capacity.getConfidence()).isCloseTo(26 / 30.0, within(1e-9));
      // Final evaluation ran without any punctuation: the breach was still reported.
      List<TestRecord<String, SloBreach>> breaches = runs.breaches.readRecordsToList();
      assertThat(breaches).extracting(r -> r.value().getState()).containsExactly(BreachState.OPENED);
      // Each event has its CloudEvents JSON twin under the same key, from the same transaction.
      List<TestRecord<String, String>> breachJson = runs.breachesJson.readRecordsToList();
      assertThat(breachJson).singleElement().satisfies(json -> {
        assertThat(json.key()).isEqualTo(breaches.getFirst().key());
        assertThat(json.value()).contains("\"type\":\"io.perfplane.slo.breach.opened\"", "\"subject\":\"r3\"",
            "\"sloId\":\"p95\"");
      });
      assertThat(runs.capacityJson.readRecordsToList()).singleElement().satisfies(json -> {
        assertThat(json.key()).isEqualTo("r3");
        assertThat(json.value()).contains("\"type\":\"io.perfplane.capacity.measured\"",
            "\"targetService\":\"api-x\"");
      });

      runs.samples.pipeInput("r3", TestRuns.sample("r3", "GET /a", 29_700_000, 300_000, false));
      runs.tick(Duration.ofSeconds(10));
      assertThat(runs.capacity.isEmpty()).as("a run is finalized once").isTrue();
    }
  }

  @Test
  void finishedRunIsFinalizedAfterTheGraceWhenSamplesAreMissing() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(p95Below("p95", "*", 100)), stateDir)) {
      int published = runs.pipeSeconds("r4", "GET /a", 0, 19, 10, 20_000, false);
      runs.finished("r4", published + 50);
      runs.tick(Duration.ofSeconds(4));
      assertThat(runs.capacity.isEmpty()).isTrue();
      runs.tick(Duration.ofSeconds(1));

      CapacityEvent capacity = runs.capacity.readValue();
      assertThat(capacity.getSloHeld()).isTrue();
      assertThat(capacity.getBreakingRps()).isNull();
      assertThat(capacity.getTargetService()).as("no run named one: never a guess").isEqualTo("unknown");
      assertThat(capacity.getConcurrencyAtSlo()).isZero();
      assertThat(capacity.getKind()).as("a flat 10 req/s never saturated anything").isEqualTo(CapacityKind.LOWER_BOUND);
      assertThat(capacity.getKneeReached()).isFalse();
      assertThat(capacity.getMaxSustainedRps()).isEqualTo(10.0);
    }
  }

  @Test
  void aRunThatNeverFinishesIsFinalizedAsAbortedOnceNoSampleArrivedForTheAbandonTime() {
    AnalysisSettings settings = new AnalysisSettings(List.of(p95Below("p95", "*", 100)), Duration.ofSeconds(5),
        Duration.ofSeconds(5), TICK, AnalysisSettings.DEFAULT_LATE_GRACE, Duration.ZERO, false, Duration.ofMinutes(2));
    try (TestRuns runs = new TestRuns(settings, stateDir)) {
      runs.pipeEvent("r9", RunEventType.STARTED, Map.of(), 10);
      runs.pipeSeconds("r9", "GET /a", 0, 9, 10, 20_000, false);
      tickEvery10s(runs, 110);
      // Quiet for 110 s, then a sample: the count moved, so the quiet time starts again.
      runs.pipeSeconds("r9", "GET /a", 10, 10, 1, 20_000, false);
      tickEvery10s(runs, 110);
      assertThat(runs.capacity.isEmpty()).as("a run that is only quiet is not abandoned").isTrue();
      tickEvery10s(runs, 20);

      CapacityEvent capacity = runs.capacity.readValue();
      assertThat(capacity.getRunId()).isEqualTo("r9");
      assertThat(capacity.getSloHeld()).isTrue();
      RunState state = runs.driver.<String, RunState>getKeyValueStore(AnalyzerTopology.RUNS_STORE).get("r9");
      assertThat(state.finalized()).isTrue();
      assertThat(state.aborted()).as("no generator finished it").isTrue();
      runs.tick(Duration.ofMinutes(5));
      assertThat(runs.capacity.isEmpty()).as("finalized once").isTrue();
    }
  }

  /** Live evaluation every 10 s of wall time for {@code seconds}. */
  private static void tickEvery10s(TestRuns runs, int seconds) {
    for (int i = 0; i < seconds / 10; i++) {
      runs.tick(Duration.ofSeconds(10));
    }
  }

  @Test
  void shortViolatingRunIsReportedByTheWholeRunEvaluation() {
    Slo errors = new Slo("errors", "*", Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10), 20)
        .withLifecycle(Duration.ZERO, Duration.ZERO);
    try (TestRuns runs = new TestRuns(TestRuns.settings(errors), stateDir)) {
      for (int i = 0; i < 6; i++) {
        runs.samples.pipeInput("r5", TestRuns.sample("r5", "GET /a", i * 300_000L, 50_000, i % 2 == 0));
      }
      runs.tick(TICK);
      assertThat(runs.breaches.isEmpty()).as("6 requests are below minRequests for a window").isTrue();

      runs.finished("r5", 6);
      SloBreach breach = runs.breaches.readValue();
      assertThat(breach.getState()).isEqualTo(BreachState.OPENED);
      assertThat(breach.getObserved()).isEqualTo(0.5);
      assertThat(breach.getUnit()).isEqualTo("ratio");
      assertThat(breach.getWindowSeconds()).isEqualTo(2); // the whole 1.55 s run
      assertThat(breach.getBurnRate()).isCloseTo(50.0, within(1e-9));
      CapacityEvent capacity = runs.capacity.readValue();
      assertThat(capacity.getSloHeld()).isFalse();
      assertThat(capacity.getMaxSustainedRps()).isCloseTo(6 / 1.55, within(1e-9));
    }
  }
}
