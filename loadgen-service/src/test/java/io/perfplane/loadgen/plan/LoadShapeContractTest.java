package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * What every load shape promises, whatever its model: a level that starts at its initial value, moves monotonically
 * within each stage between the stage's start and end targets, ends at the last target, and stage indexes that walk
 * through every stage in order. Subclassed per shape (Hyperfoil's RateGeneratorTest style).
 */
abstract class LoadShapeContractTest<S extends LoadShape> {

  /** The shape under test; at least two stages with different targets. */
  abstract S shape();

  /** The level before the first stage starts moving it. */
  abstract double initialLevel();

  /** Level tolerance: 1 for integer (VU) shapes, which truncate, ~0 for rates. */
  abstract double levelTolerance();

  @Test
  void startsAtTheInitialLevelAndEndsAtTheLastStageTarget() {
    S shape = shape();
    assertThat(shape.levelAt(0)).isCloseTo(initialLevel(), within(levelTolerance()));
    double last = shape.stageTarget(shape.stageCount() - 1);
    assertThat(shape.levelAt(shape.totalDurationMs())).isEqualTo(last);
    assertThat(shape.levelAt(shape.totalDurationMs() + 60_000)).isEqualTo(last);
  }

  @Test
  void stagesAddUpToTheTotalDurationAndAreEnteredInOrder() {
    S shape = shape();
    long sum = 0;
    for (int i = 0; i < shape.stageCount(); i++) {
      assertThat(shape.stageIndexAt(sum)).isEqualTo(i);
      sum += shape.stageDurationMs(i);
      assertThat(shape.stageIndexAt(sum - 1)).isEqualTo(i);
    }
    assertThat(sum).isEqualTo(shape.totalDurationMs());
    int previous = 0;
    for (long t = 0; t <= shape.totalDurationMs(); t += 7) {
      int index = shape.stageIndexAt(t);
      assertThat(index).isBetween(previous, shape.stageCount() - 1);
      previous = index;
    }
  }

  @Test
  void levelStaysBetweenEachStagesStartAndEndTargets() {
    S shape = shape();
    long start = 0;
    double from = initialLevel();
    for (int i = 0; i < shape.stageCount(); i++) {
      double to = shape.stageTarget(i);
      double previous = from;
      for (long t = start; t < start + shape.stageDurationMs(i); t += 5) {
        double level = shape.levelAt(t);
        assertThat(level).isBetween(Math.min(from, to) - levelTolerance(), Math.max(from, to) + levelTolerance());
        // Monotone toward the stage target: never moves back.
        if (to >= from) {
          assertThat(level).isGreaterThanOrEqualTo(previous - 1e-9);
        } else {
          assertThat(level).isLessThanOrEqualTo(previous + 1e-9);
        }
        previous = level;
      }
      start += shape.stageDurationMs(i);
      from = to;
    }
  }
}
