package io.perfplane.loadgen.plan;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The piecewise-linear shape both load models share: a level that starts at a start level and, within each stage,
 * moves linearly from the level the previous stage ended at to the stage's target. What a level means (virtual users,
 * arrivals per second) is up to the schedule that owns the ramp ({@link StageSchedule}, {@link ArrivalSchedule}).
 * Times in milliseconds; a stage owns the half-open interval {@code [start, start + duration)}. Immutable.
 */
final class Ramp {

  private final double startLevel;
  private final long[] durationsMs;
  private final double[] targets;
  private final long[] stageStartMs;
  private final long totalDurationMs;

  /**
   * @param startLevel level before the first stage moves it
   * @param stages the stages, in order; each already checked by its owner (duration &gt; 0, target &ge; 0)
   * @throws IllegalArgumentException without stages
   * @throws ArithmeticException when the durations add up to more than {@link Long#MAX_VALUE} ms
   */
  <S> Ramp(double startLevel, List<S> stages, ToLongFunction<S> durationMs, ToDoubleFunction<S> target) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one stage");
    }
    this.startLevel = startLevel;
    this.durationsMs = new long[stages.size()];
    this.targets = new double[stages.size()];
    this.stageStartMs = new long[stages.size()];
    long start = 0;
    for (int i = 0; i < stages.size(); i++) {
      durationsMs[i] = durationMs.applyAsLong(stages.get(i));
      targets[i] = target.applyAsDouble(stages.get(i));
      stageStartMs[i] = start;
      start = Math.addExact(start, durationsMs[i]);
    }
    this.totalDurationMs = start;
  }

  int stageCount() {
    return durationsMs.length;
  }

  long totalDurationMs() {
    return totalDurationMs;
  }

  long stageStartMs(int index) {
    return stageStartMs[index];
  }

  long stageDurationMs(int index) {
    return durationsMs[index];
  }

  /** The level stage {@code index} ends at. */
  double stageTarget(int index) {
    return targets[index];
  }

  /** The level stage {@code index} starts from: the previous stage's target, the start level for the first. */
  double stageFrom(int index) {
    return index == 0 ? startLevel : targets[index - 1];
  }

  /** The stage running at {@code elapsedMs}: 0 at or before the start, the last at or after the end. */
  int stageIndexAt(long elapsedMs) {
    for (int i = durationsMs.length - 1; i > 0; i--) {
      if (elapsedMs >= stageStartMs[i]) {
        return i;
      }
    }
    return 0;
  }

  /** The exact linear level at {@code elapsedMs}; the last target at or after the end. */
  double levelAt(long elapsedMs) {
    if (elapsedMs >= totalDurationMs) {
      return targets[targets.length - 1];
    }
    long clamped = Math.max(0, elapsedMs);
    int index = stageIndexAt(clamped);
    double from = stageFrom(index);
    return from + (targets[index] - from) * (clamped - stageStartMs[index]) / durationsMs[index];
  }

  /** The highest level the ramp reaches, the start level included. */
  double peak() {
    return Math.max(startLevel, Arrays.stream(targets).max().orElse(0));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Ramp ramp && Double.compare(startLevel, ramp.startLevel) == 0
        && Arrays.equals(durationsMs, ramp.durationsMs) && Arrays.equals(targets, ramp.targets);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(startLevel) + Arrays.hashCode(durationsMs)) + Arrays.hashCode(targets);
  }
}
