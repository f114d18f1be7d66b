package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.plan.LoadShape;
import io.perfplane.loadgen.plan.ValidPlan;

/** One scenario of a run: its workload model and the stages announced so far (touched by the controller only). */
final class ScenarioRun {

  /** Receives each stage entered, to announce it. */
  @FunctionalInterface
  interface StageListener {
    void entered(ScenarioRun scenario, int stageIndex);
  }

  private final ValidPlan.Scenario scenario;
  private final WorkloadModel model;
  private final LoadShape shape;
  private volatile int stageIndex;
  private int announced = -1;

  ScenarioRun(ValidPlan.Scenario scenario, WorkloadModel model) {
    this.scenario = scenario;
    this.model = model;
    this.shape = scenario.workload().shape();
  }

  ValidPlan.Scenario scenario() {
    return scenario;
  }

  WorkloadModel model() {
    return model;
  }

  LoadShape shape() {
    return shape;
  }

  /** The current (or, once over, the last) stage. */
  int stageIndex() {
    return stageIndex;
  }

  /** Offset (ms) of stage {@code index} from the load's start. */
  long stageStartMs(int index) {
    long start = 0;
    for (int k = 0; k < index; k++) {
      start += shape.stageDurationMs(k);
    }
    return start;
  }

  /** Reports every stage entered since the last call, including stages shorter than a control interval. */
  void announceStages(long elapsedMs, StageListener listener) {
    int stage = elapsedMs >= shape.totalDurationMs() ? shape.stageCount() - 1 : shape.stageIndexAt(elapsedMs);
    while (announced < stage) {
      announced++;
      listener.entered(this, announced);
    }
    stageIndex = stage;
  }

  RunStatus.ScenarioStatus status() {
    return model.status(stageIndex);
  }
}
