package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.http.HttpTransports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.RunShard;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.ValidPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The submit and receive sides of distributed runs, with in-memory Kafka stand-ins and a real HTTP target. */
class DistributedRunsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
  private static final long NOW_US = NOW.toEpochMilli() * 1_000;

  private final List<Integer> partitions = new ArrayList<>();
  private final List<RunShard> published = new ArrayList<>();
  private boolean kafkaDown;
  private FakeTarget target;
  private RunRegistry registry;

  private final InMemoryRunEvents inMemoryEvents = new InMemoryRunEvents();
  private final List<RunEvent> events = inMemoryEvents.events;
  private final List<AbortRequest> abortRequests = inMemoryEvents.abortRequests;

  private final ShardPublisher inMemoryShards = new ShardPublisher() {
    @Override
    public int partitions() {
      return 6;
    }

    @Override
    public CompletableFuture<?> publish(int partition, RunShard shard) {
      if (kafkaDown && shard.getShardIndex() > 0) {
        return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
      }
      partitions.add(partition);
      published.add(shard);
      return CompletableFuture.completedFuture(null);
    }
  };

  private final SamplePublisher discardSamples = new SamplePublisher() {
    @Override
    public void offer(RequestSample sample, RunCounters counters) {
      counters.published();
    }

    @Override
    public boolean flush(RunCounters counters, Duration timeout) {
      return counters.settled();
    }
  };

  @BeforeEach
  void start() throws IOException {
    target = new FakeTarget();
    registry = new RunRegistry("gen-1", Clock.systemUTC(), discardSamples, inMemoryEvents, new HttpTransports(),
        new LoadgenMetrics(new SimpleMeterRegistry()), new LoadRun.Settings(Duration.ofMillis(20),
            Duration.ofSeconds(5)));
    registry.open();
  }

  @AfterEach
  void stop() {
    registry.shutDown();
    target.close();
  }

  private DistributedRuns distributed(List<String> allowedTargets) {
    PlanValidator validator = new PlanValidator(new PlanValidator.Limits(new TargetAllowList(allowedTargets), 100,
        Duration.ofMinutes(5), 1_000), () -> "generated");
    return new DistributedRuns(registry, inMemoryShards, inMemoryEvents, validator, Clock.fixed(NOW, ZoneOffset.UTC),
        Duration.ofSeconds(30));
  }

  private String definition(String runId) {
    return """
        {"runId": "%s", "name": "d", "targetService": "t", "targetBaseUrl": "%s",
         "scenarios": [{"name": "s", "workload": {"executor": "constant-arrival-rate", "rate": 10, "duration": "1s",
           "maxConcurrency": 20}, "steps": [{"name": "GET /ok", "path": "/ok"}]}]}
        """.formatted(runId, target.baseUrl());
  }

  private ValidPlan plan(String runId) {
    PlanValidator validator = new PlanValidator(new PlanValidator.Limits(new TargetAllowList(List.of("127.0.0.1:*")),
        100, Duration.ofMinutes(5), 1_000), () -> "generated");
    return new DefinitionReader(validator).read(definition(runId), DefinitionReader.Format.JSON);
  }

  private RunShard shard(String runId, int index, int count, long startByUs) {
    return RunShard.newBuilder().setRunId(runId).setShardIndex(index).setShardCount(count).setFormat("json")
        .setDocument(definition(runId)).setSubmittedBy("gen-0").setSubmittedAtUs(NOW_US).setStartByUs(startByUs)
        .build();
  }

  @Test
  void shardsAreSpreadOverThePartitionRangeWithTheSubmissionAndDeadline() {
    DistributedRuns runs = distributed(List.of("127.0.0.1:*"));

    runs.submit(plan("r2"), DistributedRuns.Submission.json(definition("r2"), null), 2);
    runs.submit(plan("r4"), DistributedRuns.Submission.json(definition("r4"), null), 4);
    runs.submit(plan("r6"), DistributedRuns.Submission.json(definition("r6"), null), 6);

    assertThat(partitions).containsExactly(0, 3, 0, 1, 3, 4, 0, 1, 2, 3, 4, 5);
    assertThat(published.getFirst().getStartByUs()).isEqualTo(NOW_US + 30_000_000);
    assertThat(published.getFirst().getSubmittedBy()).isEqualTo("gen-1");
    assertThat(published).extracting(RunShard::getFormat).containsOnly("json");
    assertThat(registry.shardCount("r4")).isEqualTo(4);
    assertThatThrownBy(() -> runs.submit(plan("r4"), DistributedRuns.Submission.json(definition("r4"), null), 2))
        .isInstanceOf(RunConflictException.class);
  }

  @Test
  void refusesMoreShardsThanPartitions() {
    DistributedRuns runs = distributed(List.of("127.0.0.1:*"));

    assertThatThrownBy(() -> runs.submit(plan("r7"), DistributedRuns.Submission.json(definition("r7"), null), 7))
        .isInstanceOfSatisfying(PlanRejectedException.class,
            e -> assertThat(e.violations().getFirst().field()).isEqualTo("shards"));
    assertThat(published).isEmpty();
  }

  @Test
  void aPartialSubmissionIsStoppedAndReported() {
    DistributedRuns runs = distributed(List.of("127.0.0.1:*"));
    kafkaDown = true;

    assertThatThrownBy(() -> runs.submit(plan("rp"), DistributedRuns.Submission.json(definition("rp"), null), 3))
        .isInstanceOf(DistributionUnavailableException.class).hasMessageContaining("broker unavailable");
    assertThat(abortRequests).singleElement().satisfies(e -> {
      assertThat(e.getRunId()).isEqualTo("rp");
      assertThat(e.getRequestedBy()).isEqualTo(registry.generatorId());
      assertThat(e.getReason()).isEqualTo("shards could not all be submitted");
    });
    assertThat(events).isEmpty();
  }

  @Test
  void aShardStartsOnceWithItsShareAndShardIdentity() throws Exception {
    DistributedRuns runs = distributed(List.of("127.0.0.1:*"));

    runs.onShard(shard("rs", 1, 2, NOW_US + 1_000_000));
    runs.onShard(shard("rs", 1, 2, NOW_US + 1_000_000)); // redelivered after a rebalance: ignored

    List<LoadRun> local = registry.findAll("rs");
    assertThat(local).hasSize(1);
    assertThat(local.getFirst().awaitEnd(Duration.ofSeconds(30))).isTrue();
    RunStatus status = local.getFirst().status();
    assertThat(status.generatorId()).isEqualTo("gen-1/shard-1");
    assertThat(status.shardIndex()).isEqualTo(1);
    assertThat(status.shardCount()).isEqualTo(2);
    // Half of 10/s for 1 s.
    assertThat(status.requests()).isEqualTo(5);
    assertThat(events).filteredOn(e -> e.getType() == RunEventType.STARTED).singleElement()
        .satisfies(e -> assertThat(e.getAttributes()).containsEntry("shardIndex", "1").containsEntry("shardCount", "2"));
  }

  @Test
  void aShardCarriesTheTargetOverrideOfItsSubmission() {
    DistributedRuns runs = distributed(List.of("127.0.0.1:*"));
    runs.submit(plan("ro"), DistributedRuns.Submission.json(definition("ro"), "http://10.0.0.2:80"), 1);
    assertThat(published).singleElement().satisfies(r -> assertThat(r.getTargetBaseUrl())
        .isEqualTo("http://10.0.0.2:80"));

    // The receiver applies the override, not the document's allowed target: refused by its own allow-list.
    runs.onShard(published.getFirst());

    assertThat(registry.statuses()).isEmpty();
    assertThat(events).extracting(RunEvent::getReason).singleElement().asString()
        .startsWith("refused by gen-1: targetBaseUrl");
    assertThat(target.totalHits()).isZero();
  }

  @Test
  void aShardIsNotStartedWhenRefusedHereLateOrAlreadyStopped() {
    DistributedRuns strict = distributed(List.of("10.0.0.1:80"));
    strict.onShard(shard("refused", 0, 2, NOW_US + 1_000_000));

    DistributedRuns runs = distributed(List.of("127.0.0.1:*"));
    runs.onShard(shard("late", 1, 2, NOW_US - 1));
    registry.abortIfRunning("stopped", "stopped by user");
    runs.onShard(shard("stopped", 0, 2, NOW_US + 1_000_000));

    assertThat(registry.statuses()).isEmpty();
    assertThat(events).extracting(RunEvent::getType).containsOnly(RunEventType.ABORTED);
    assertThat(events).extracting(RunEvent::getGeneratorId)
        .containsExactly("gen-1/shard-0", "gen-1/shard-1", "gen-1/shard-0");
    assertThat(events).allSatisfy(e -> assertThat(e.getAttributes()).containsEntry("started", "false")
        .containsEntry("shardCount", "2"));
    assertThat(events).extracting(RunEvent::getReason).satisfiesExactly(
        r -> assertThat(r).startsWith("refused by gen-1: targetBaseUrl"),
        r -> assertThat(r).contains("past the start deadline"),
        r -> assertThat(r).isEqualTo("run was stopped before this shard started"));
    assertThat(target.totalHits()).isZero();
  }
}
