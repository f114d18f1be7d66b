package io.perfplane.loadgen.run;

import java.util.LinkedHashMap;
import java.util.Map;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.loadgen.plan.StageSchedule;
import io.perfplane.loadgen.plan.ValidPlan;
import org.jspecify.annotations.Nullable;

/** Builds the run lifecycle events a generator emits. Attribute values are strings (numbers in decimal). */
final class RunEvents {

  private final ValidPlan plan;
  private final String generatorId;

  RunEvents(ValidPlan plan, String generatorId) {
    this.plan = plan;
    this.generatorId = generatorId;
  }

  RunEvent started(long atUs) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("targetBaseUrl", plan.targetBaseUrl());
    attributes.put("name", plan.name());
    attributes.put("targetService", plan.targetService());
    attributes.put("plannedDurationMs", Long.toString(plan.schedule().totalDurationMs()));
    return base(RunEventType.STARTED, atUs).setAttributes(attributes).build();
  }

  RunEvent stageChanged(int stageIndex, long atUs) {
    StageSchedule.Stage stage = plan.schedule().stages().get(stageIndex);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("stageIndex", Integer.toString(stageIndex));
    attributes.put("targetConcurrency", Integer.toString(stage.targetVus()));
    attributes.put("stageDurationMs", Long.toString(stage.durationMs()));
    return base(RunEventType.STAGE_CHANGED, atUs)
        .setStageIndex(stageIndex)
        .setTargetConcurrency(stage.targetVus())
        .setStageDurationMs(stage.durationMs())
        .setAttributes(attributes)
        .build();
  }

  /** FINISHED when {@code abortReason} is null, else ABORTED with that reason; both carry the final totals. */
  RunEvent ended(RunCounters.Snapshot totals, long elapsedMs, @Nullable String abortReason, long atUs) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("samplesPublished", Long.toString(totals.samplesPublished()));
    attributes.put("requests", Long.toString(totals.requests()));
    attributes.put("samplesDropped", Long.toString(totals.samplesDropped()));
    attributes.put("samplesFailed", Long.toString(totals.samplesFailed()));
    attributes.put("errors", Long.toString(totals.errors()));
    attributes.put("elapsedMs", Long.toString(elapsedMs));
    return base(abortReason == null ? RunEventType.FINISHED : RunEventType.ABORTED, atUs)
        .setReason(abortReason)
        .setAttributes(attributes)
        .build();
  }

  private RunEvent.Builder base(RunEventType type, long atUs) {
    return RunEvent.newBuilder()
        .setRunId(plan.runId())
        .setType(type)
        .setAtUs(atUs)
        .setGeneratorId(generatorId);
  }
}
