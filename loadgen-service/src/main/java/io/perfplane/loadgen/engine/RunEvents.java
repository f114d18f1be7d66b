package io.perfplane.loadgen.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.loadgen.plan.LoadShape;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.loadgen.plan.ThresholdEvaluator;
import io.perfplane.loadgen.plan.ValidPlan;
import org.jspecify.annotations.Nullable;

/** Builds the run lifecycle events a generator emits. Attribute values are strings (numbers in decimal). */
final class RunEvents {

  /**
   * The run's load target across all scenarios.
   *
   * @param concurrency sum of the closed scenarios' target virtual users; null without closed scenarios
   * @param ratePerSecond sum of the open scenarios' target arrival rates; null without open scenarios
   */
  record Level(@Nullable Integer concurrency, @Nullable Double ratePerSecond) {
  }

  private final ValidPlan plan;
  private final String generatorId;
  private final @Nullable Shard shard;

  RunEvents(ValidPlan plan, String generatorId) {
    this(plan, generatorId, null);
  }

  /** With a shard, STARTED and the end event carry {@code shardIndex} and {@code shardCount}. */
  RunEvents(ValidPlan plan, String generatorId, @Nullable Shard shard) {
    this.plan = plan;
    this.generatorId = generatorId;
    this.shard = shard;
  }

  /**
   * ABORTED for a shard this generator did not start (consumed too late, refused by its validation, or the run was
   * already stopped): the analyzer, waiting for {@code shardCount} generators, learns this one will not come.
   */
  static RunEvent shardNotStarted(String runId, String generatorId, Shard shard, String reason, long atUs) {
    Map<String, String> attributes = new LinkedHashMap<>();
    putShard(attributes, shard);
    attributes.put("started", "false");
    return RunEvent.newBuilder().setRunId(runId).setType(RunEventType.ABORTED).setAtUs(atUs)
        .setGeneratorId(generatorId).setReason(reason).setAttributes(attributes).build();
  }

  private static void putShard(Map<String, String> attributes, @Nullable Shard shard) {
    if (shard != null) {
      attributes.put("shardIndex", Integer.toString(shard.index()));
      attributes.put("shardCount", Integer.toString(shard.count()));
    }
  }

  RunEvent started(long atUs) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("targetBaseUrl", plan.targetBaseUrl());
    attributes.put("name", plan.name());
    attributes.put("targetService", plan.targetService());
    attributes.put("plannedDurationMs", Long.toString(plan.plannedDurationMs()));
    attributes.put("scenarios", String.join(",", plan.scenarios().stream().map(ValidPlan.Scenario::name).toList()));
    if (!plan.slos().isEmpty()) {
      attributes.put("slos", plan.slos());
    }
    putShard(attributes, shard);
    return base(RunEventType.STARTED, atUs).setAttributes(attributes).build();
  }

  /**
   * A scenario entered stage {@code stageIndex}. The target fields carry the run-level level (all scenarios), which
   * is what downstream capacity analysis relates throughput to; with several scenarios {@code stageName} names the
   * scenario whose stage changed.
   */
  RunEvent stageChanged(ValidPlan.Scenario scenario, boolean named, int stageIndex, Level level, long atUs) {
    LoadShape shape = scenario.workload().shape();
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("stageIndex", Integer.toString(stageIndex));
    if (level.concurrency() != null) {
      attributes.put("targetConcurrency", Integer.toString(level.concurrency()));
    }
    if (level.ratePerSecond() != null) {
      attributes.put("targetRatePerSecond", Double.toString(level.ratePerSecond()));
    }
    attributes.put("stageDurationMs", Long.toString(shape.stageDurationMs(stageIndex)));
    if (named) {
      attributes.put("scenario", scenario.name());
      attributes.put("executor", scenario.workload().executor());
    }
    return base(RunEventType.STAGE_CHANGED, atUs)
        .setStageIndex(stageIndex)
        .setStageName(named ? scenario.name() + "#" + stageIndex : null)
        .setTargetConcurrency(level.concurrency())
        .setTargetRatePerSecond(level.ratePerSecond())
        .setStageDurationMs(shape.stageDurationMs(stageIndex))
        .setAttributes(attributes)
        .build();
  }

  /** FINISHED when {@code abortReason} is null, else ABORTED with that reason; both carry the final totals. */
  RunEvent ended(RunCounters.Snapshot totals, long elapsedMs, @Nullable String abortReason, long atUs,
      long droppedIterations, List<ThresholdEvaluator.Result> thresholds, long skippedSteps,
      long serverTimingsSkipped) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("samplesPublished", Long.toString(totals.samplesPublished()));
    attributes.put("requests", Long.toString(totals.requests()));
    attributes.put("samplesDropped", Long.toString(totals.samplesDropped()));
    attributes.put("samplesFailed", Long.toString(totals.samplesFailed()));
    attributes.put("errors", Long.toString(totals.errors()));
    attributes.put("elapsedMs", Long.toString(elapsedMs));
    attributes.put("droppedIterations", Long.toString(droppedIterations));
    if (skippedSteps > 0) {
      attributes.put("skippedSteps", Long.toString(skippedSteps));
    }
    if (serverTimingsSkipped > 0) {
      attributes.put("serverTimingsSkipped", Long.toString(serverTimingsSkipped));
    }
    if (!thresholds.isEmpty()) {
      attributes.put("thresholdsFailed", Long.toString(thresholds.stream().filter(r -> !r.passed()).count()));
    }
    putShard(attributes, shard);
    return base(abortReason == null ? RunEventType.FINISHED : RunEventType.ABORTED, atUs)
        .setReason(abortReason)
        .setAttributes(attributes)
        .build();
  }

  /**
   * A request to stop the whole run, from a shard whose abortOnFail threshold failed: the other shards, on any
   * instance, stop too. A command, so not a run event (ADR 6).
   */
  AbortRequest abortRequest(String reason, long atUs) {
    return AbortRequest.newBuilder().setRunId(plan.runId()).setRequestedBy(generatorId).setReason(reason)
        .setRequestedAtUs(atUs).build();
  }

  private RunEvent.Builder base(RunEventType type, long atUs) {
    return RunEvent.newBuilder()
        .setRunId(plan.runId())
        .setType(type)
        .setAtUs(atUs)
        .setGeneratorId(generatorId);
  }
}
