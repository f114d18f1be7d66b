package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RampingVusShapeTest extends LoadShapeContractTest<StageSchedule> {

  private final StageSchedule shape = new StageSchedule(List.of(
      new StageSchedule.Stage(2_000, 100), new StageSchedule.Stage(1_000, 500), new StageSchedule.Stage(1_000, 1_200),
      new StageSchedule.Stage(1_000, 1_200), new StageSchedule.Stage(2_000, 0)));

  @Override
  StageSchedule shape() {
    return shape;
  }

  @Override
  double initialLevel() {
    return 0;
  }

  @Override
  double levelTolerance() {
    return 1;
  }

  @Test
  void aControllerTickingOnATestClockSeesWholeUsersAndThePeakAtTheSpike() {
    TestClock clock = new TestClock();
    int peak = 0;
    while (clock.nanos() <= Duration.ofMillis(shape.totalDurationMs()).toNanos()) {
      double level = shape.levelAt(clock.nanos() / 1_000_000);
      assertThat(level).isEqualTo(Math.rint(level)); // whole users
      peak = Math.max(peak, (int) level);
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(peak).isEqualTo(1_200).isEqualTo(shape.peakVus());
    // 100 -> 500 over 1 s: 400 users in 10 ticks of 100 ms, 40 per tick.
    assertThat(shape.targetVusAt(2_500)).isEqualTo(300);
  }
}
