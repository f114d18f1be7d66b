package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A distributed run (loadgen shards, each its own generator) is finished only when every announced shard is. */
class ShardedRunTest {

  private static final Slo P95 = new Slo("p95", "*", Indicator.LATENCY_P95, 500, Duration.ofSeconds(5), 5);

  @TempDir
  Path stateDir;

  private static void event(TestRuns runs, String generator, RunEventType type, Map<String, String> attributes) {
    runs.events.pipeInput("r1", RunEvent.newBuilder().setRunId("r1").setType(type).setAtUs(TestRuns.T0_US)
        .setGeneratorId(generator).setAttributes(attributes).build());
  }

  private static boolean finished(TestRuns runs) {
    KeyValueStore<String, RunState> store = runs.driver.getKeyValueStore(AnalyzerTopology.RUNS_STORE);
    RunState state = store.get("r1");
    return state != null && state.finished();
  }

  @Test
  void firstShardFinishingBeforeTheSecondStartedDoesNotFinishTheRun() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(P95), stateDir)) {
      event(runs, "shard-0", RunEventType.STARTED, Map.of("shardIndex", "0", "shardCount", "2"));
      int first = runs.pipeSeconds("r1", "GET /a", 0, 2, 10, 1_000, false);
      event(runs, "shard-0", RunEventType.FINISHED, Map.of("samplesPublished", Integer.toString(first)));

      // Every generator seen so far has finished and all its samples arrived, yet shard 1 of 2 is missing.
      assertThat(finished(runs)).isFalse();
      runs.tick(Duration.ofSeconds(10)); // well past the 5 s finalize grace
      assertThat(runs.capacity.readRecordsToList()).as("not finalized while a shard is missing").isEmpty();

      event(runs, "shard-1", RunEventType.STARTED, Map.of("shardIndex", "1", "shardCount", "2"));
      int second = runs.pipeSeconds("r1", "GET /a", 3, 5, 10, 1_000, false);
      assertThat(finished(runs)).isFalse();
      event(runs, "shard-1", RunEventType.FINISHED, Map.of("samplesPublished", Integer.toString(second)));

      assertThat(finished(runs)).isTrue();
      assertThat(runs.capacity.readRecordsToList()).hasSize(1);
    }
  }

  @Test
  void anAbortedShardCountsAsReported() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(P95), stateDir)) {
      event(runs, "shard-0", RunEventType.STARTED, Map.of("shardIndex", "0", "shardCount", "2"));
      event(runs, "shard-1", RunEventType.STARTED, Map.of("shardIndex", "1", "shardCount", "2"));
      int samples = runs.pipeSeconds("r1", "GET /a", 0, 2, 10, 1_000, false);
      event(runs, "shard-1", RunEventType.ABORTED, Map.of("samplesPublished", "0"));
      assertThat(finished(runs)).isFalse();
      // A redelivered event of the same shard must not stand in for the other one.
      event(runs, "shard-1", RunEventType.FINISHED, Map.of("samplesPublished", "0"));
      assertThat(finished(runs)).isFalse();
      event(runs, "shard-0", RunEventType.FINISHED, Map.of("samplesPublished", Integer.toString(samples)));
      assertThat(finished(runs)).isTrue();
      assertThat(runs.capacity.readRecordsToList()).hasSize(1);
    }
  }

  @Test
  void samplesPublishedOfAllShardsAreAwaited() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(P95), stateDir)) {
      event(runs, "shard-0", RunEventType.STARTED, Map.of("shardIndex", "0", "shardCount", "2"));
      event(runs, "shard-1", RunEventType.STARTED, Map.of("shardIndex", "1", "shardCount", "2"));
      runs.pipeSeconds("r1", "GET /a", 0, 2, 10, 1_000, false); // 30 samples of the 60 announced
      event(runs, "shard-0", RunEventType.FINISHED, Map.of("samplesPublished", "30"));
      event(runs, "shard-1", RunEventType.FINISHED, Map.of("samplesPublished", "30"));
      assertThat(finished(runs)).isTrue();
      assertThat(runs.capacity.readRecordsToList()).as("30 samples still missing").isEmpty();
      runs.pipeSeconds("r1", "GET /b", 0, 2, 10, 1_000, false);
      assertThat(runs.capacity.readRecordsToList()).hasSize(1);
    }
  }

  @Test
  void runStateKeepsTheShardCountAcrossEncoding() {
    RunState state = new RunState();
    state.started("shard-0", null, 3);
    state.generatorFinished("shard-0", 1L, false, 10);
    RunState decoded = RunState.decode(state.encode());
    assertThat(decoded.finished()).isFalse();
    decoded.generatorFinished("shard-1", 1L, false, 11);
    decoded.generatorFinished("shard-2", 1L, false, 12);
    assertThat(decoded.finished()).isTrue();
  }
}
