package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that brings its own SLOs (STARTED attribute {@code slos}) is held to those, centrally over all its shards;
 * a run without them to the configured ones, in the same analyzer at the same time.
 */
class RunOwnSlosTest {

  private static final Duration TICK = Duration.ofSeconds(1);
  /** Configured: lenient, never breached by 200 ms requests. */
  private static final Slo CONFIGURED = new Slo("configured-p95", "*", Indicator.LATENCY_P95, 1000,
      Duration.ofSeconds(5), 5);
  private static final String OWN = """
      {"schema":1,"slos":[{"id":"own-p95","objective":"p(95) < 100ms","window":"5s","minRequests":"5",\
      "abortOnFail":"true"},{"id":"own-errors","objective":"error_rate < 1%","endpoint":"GET /a"}]}""";

  @TempDir
  Path stateDir;

  private static void started(TestRuns runs, String runId, String generator, Map<String, String> attributes) {
    runs.events.pipeInput(runId, RunEvent.newBuilder().setRunId(runId).setType(RunEventType.STARTED)
        .setAtUs(TestRuns.T0_US).setGeneratorId(generator).setAttributes(attributes).build());
  }

  @Test
  void aRunsOwnSlosReplaceTheConfiguredOnesForThatRunOnlyAndOneBreachAbortsEveryShard() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(CONFIGURED), stateDir)) {
      TestOutputTopic<String, AbortRequest> abortRequests = runs.driver.createOutputTopic(
          Topics.ABORT_REQUESTS.name(), Topics.ABORT_REQUESTS.keySerde().deserializer(),
          Topics.ABORT_REQUESTS.valueSerde().deserializer());
      started(runs, "own", "shard-0", Map.of("shardCount", "2", "slos", OWN));
      started(runs, "own", "shard-1", Map.of("shardCount", "2", "slos", OWN));
      started(runs, "plain", "gen-1", Map.of());
      // 200 ms everywhere: breaks own-p95 (100 ms), holds configured-p95 (1000 ms).
      runs.pipeSeconds("own", "GET /a", 0, 9, 20, 200_000, false);
      runs.pipeSeconds("plain", "GET /a", 0, 9, 20, 200_000, false);
      runs.tick(TICK);

      List<TestRecord<String, SloBreach>> breaches = runs.breaches.readRecordsToList();
      assertThat(breaches).extracting(r -> r.value().getRunId() + "/" + r.value().getSloId())
          .containsExactly("own/own-p95");
      List<AbortRequest> aborts = abortRequests.readRecordsToList().stream().map(TestRecord::value).toList();
      // One request per breach episode, keyed by run: every shard of the run consumes it.
      assertThat(aborts).singleElement().satisfies(abort -> {
        assertThat(abort.getRunId()).isEqualTo("own");
        assertThat(abort.getAttributes()).containsEntry("sloId", "own-p95");
      });

      KeyValueStore<String, RunState> store = runs.driver.getKeyValueStore(AnalyzerTopology.RUNS_STORE);
      RunState restored = RunState.decode(store.get("own").encode());
      assertThat(restored.slos()).isEqualTo(OWN);
      assertThat(RunState.decode(store.get("plain").encode()).slos()).isNull();
    }
  }

  @Test
  void unreadableOwnSlosFallBackToTheConfiguredOnes() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(new Slo("configured-p95", "*", Indicator.LATENCY_P95, 100,
        Duration.ofSeconds(5), 5)), stateDir)) {
      started(runs, "bad", "gen-1", Map.of("slos", "{\"schema\":1,\"slos\":[{\"id\":\"x\",\"objective\":\"p97<1\"}]}"));
      runs.pipeSeconds("bad", "GET /a", 0, 9, 20, 200_000, false);
      runs.tick(TICK);
      assertThat(runs.breaches.readRecordsToList()).extracting(r -> r.value().getSloId())
          .containsExactly("configured-p95");
    }
  }

  @Test
  void configuredSlosSetToWinApplyEvenToARunThatBringsItsOwn() {
    AnalysisSettings base = TestRuns.settings(CONFIGURED);
    AnalysisSettings overriding = new AnalysisSettings(base.slos(), base.capacityWindow(), base.finalizeGrace(),
        base.evaluationInterval(), base.lateGrace(), base.breachCheckInterval(), true);
    try (TestRuns runs = new TestRuns(overriding, stateDir)) {
      started(runs, "own", "gen-1", Map.of("slos", OWN));
      // 2 s everywhere: breaks configured-p95 (1000 ms) and would break own-p95 (100 ms) too.
      runs.pipeSeconds("own", "GET /a", 0, 9, 20, 2_000_000, false);
      runs.tick(TICK);
      assertThat(runs.breaches.readRecordsToList()).extracting(r -> r.value().getSloId())
          .containsExactly("configured-p95");
    }
  }
}
