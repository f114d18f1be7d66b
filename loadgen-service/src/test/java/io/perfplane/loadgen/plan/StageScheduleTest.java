package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.LongStream;

import io.perfplane.loadgen.plan.StageSchedule.Stage;
import org.junit.jupiter.api.Test;

class StageScheduleTest {

  private final StageSchedule rampHoldDown = new StageSchedule(List.of(
      new Stage(5_000, 5), new Stage(2_000, 5), new Stage(4_000, 1)));

  @Test
  void firstStageRampsFromZeroAddingEachVuOnlyWhenItsShareOfTheStageHasPassed() {
    assertThat(rampHoldDown.targetVusAt(0)).isZero();
    assertThat(rampHoldDown.targetVusAt(999)).isZero();
    assertThat(rampHoldDown.targetVusAt(1_000)).isEqualTo(1);
    assertThat(rampHoldDown.targetVusAt(2_500)).isEqualTo(2);
    assertThat(rampHoldDown.targetVusAt(4_999)).isEqualTo(4);
    assertThat(rampHoldDown.targetVusAt(5_000)).isEqualTo(5);
  }

  @Test
  void flatStageHoldsThePreviousTarget() {
    assertThat(LongStream.range(5_000, 7_000).map(rampHoldDown::targetVusAt).distinct().toArray()).containsExactly(5);
  }

  @Test
  void rampDownTruncatesTowardTheStartingTargetLikeK6() {
    // 5 -> 1 over 4 s: one VU leaves per second, the first after a full second.
    assertThat(rampHoldDown.targetVusAt(7_000)).isEqualTo(5);
    assertThat(rampHoldDown.targetVusAt(7_999)).isEqualTo(5);
    assertThat(rampHoldDown.targetVusAt(8_000)).isEqualTo(4);
    assertThat(rampHoldDown.targetVusAt(10_999)).isEqualTo(2);
  }

  @Test
  void atAndAfterTheEndTheTargetIsTheLastStageTarget() {
    assertThat(rampHoldDown.totalDurationMs()).isEqualTo(11_000);
    assertThat(rampHoldDown.targetVusAt(11_000)).isEqualTo(1);
    assertThat(rampHoldDown.targetVusAt(60_000)).isEqualTo(1);
  }

  @Test
  void targetIsMonotoneWithinEachStageAndStaysBetweenItsEndpoints() {
    StageSchedule schedule = new StageSchedule(List.of(new Stage(700, 13), new Stage(300, 2), new Stage(1_000, 40)));
    for (long t = 0; t < schedule.totalDurationMs(); t++) {
      int index = schedule.stageIndexAt(t);
      int from = index == 0 ? 0 : schedule.stages().get(index - 1).targetVus();
      int to = schedule.stages().get(index).targetVus();
      assertThat(schedule.targetVusAt(t)).isBetween(Math.min(from, to), Math.max(from, to));
      if (t > schedule.stageStartMs(index)) {
        int delta = schedule.targetVusAt(t) - schedule.targetVusAt(t - 1);
        assertThat(Integer.signum(delta)).isIn(0, Integer.signum(to - from));
      }
    }
  }

  @Test
  void stageIndexUsesHalfOpenIntervals() {
    assertThat(rampHoldDown.stageIndexAt(-5)).isZero();
    assertThat(rampHoldDown.stageIndexAt(4_999)).isZero();
    assertThat(rampHoldDown.stageIndexAt(5_000)).isEqualTo(1);
    assertThat(rampHoldDown.stageIndexAt(7_000)).isEqualTo(2);
    assertThat(rampHoldDown.stageIndexAt(99_000)).isEqualTo(2);
    assertThat(rampHoldDown.stageStartMs(2)).isEqualTo(7_000);
  }

  @Test
  void largeTargetsRampExactly() {
    StageSchedule schedule = new StageSchedule(List.of(new Stage(3_600_000, 2_000)));
    assertThat(schedule.targetVusAt(1_800_000)).isEqualTo(1_000);
    assertThat(schedule.peakVus()).isEqualTo(2_000);
  }

  @Test
  void rejectsEmptyAndNonPositiveStages() {
    assertThatIllegalArgumentException().isThrownBy(() -> new StageSchedule(List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> new Stage(0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new Stage(1, -1));
  }
}
