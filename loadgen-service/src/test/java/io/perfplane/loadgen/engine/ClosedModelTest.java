package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.perfplane.loadgen.plan.StageSchedule;
import io.perfplane.loadgen.plan.Workload;
import org.junit.jupiter.api.Test;

/** The closed model under the workload-model contract: three users, ramped up in 1 ms and held for 600 ms. */
class ClosedModelTest extends WorkloadModelContractTest {

  private static final int VUS = 3;
  private static final long HOLD_MS = 600;

  @Override
  WorkloadModel model(WorkloadModel.Iteration iteration, ModelContext context) {
    return WorkloadModel.of("closed", new Workload.RampingVus(new StageSchedule(List.of(
        new StageSchedule.Stage(1, VUS), new StageSchedule.Stage(HOLD_MS, VUS)))), iteration, context);
  }

  @Override
  long durationMs() {
    return HOLD_MS + 1;
  }

  @Override
  int bound() {
    return VUS;
  }

  @Override
  long minimumIterations(long iterationMs) {
    // Back to back, each user could run durationMs / iterationMs; a loaded machine gets a tenth of that done.
    return VUS * durationMs() / iterationMs / 10;
  }

  @Test
  void aClosedModelIsBuiltForRampingVusAndNeverDrops() throws InterruptedException {
    Recorder recorder = new Recorder(1, 0);
    WorkloadModel model = model(recorder, context);
    model.begin(System.nanoTime());
    model.adjust(100);
    Thread.sleep(50);
    model.stop();
    model.awaitQuiet(System.nanoTime() + 1_000_000_000L);

    assertThat(model).isInstanceOf(ClosedModel.class);
    assertThat(model.dropped()).isZero();
    assertThat(model.status(1).executor()).isEqualTo("ramping-vus");
    assertThat(model.status(1).stages()).isEqualTo(2);
  }

  @Test
  void followsTheStageTargetUpAndDown() throws InterruptedException {
    Recorder recorder = new Recorder(0, 5);
    WorkloadModel model = WorkloadModel.of("ramp", new Workload.RampingVus(new StageSchedule(List.of(
        new StageSchedule.Stage(100, 4), new StageSchedule.Stage(100, 1), new StageSchedule.Stage(100, 1)))),
        recorder, context);
    model.begin(System.nanoTime());
    model.adjust(100);
    Thread.sleep(50);
    int atPeak = context.active();
    int targetAtPeak = model.targetVus();
    model.adjust(200);
    Thread.sleep(100); // retired users finish their think time at once
    int afterRampDown = context.active();
    model.stop();
    model.awaitQuiet(System.nanoTime() + 1_000_000_000L);

    assertThat(targetAtPeak).isEqualTo(4);
    assertThat(atPeak).isEqualTo(4);
    assertThat(afterRampDown).isEqualTo(1);
    assertThat(context.active()).isZero();
  }
}
