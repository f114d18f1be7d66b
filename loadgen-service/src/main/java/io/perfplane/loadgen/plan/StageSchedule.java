package io.perfplane.loadgen.plan;

import java.util.List;

/**
 * Closed-model ramping-VU load shape (k6 {@code ramping-vus} style): during each stage the target number of virtual
 * users moves linearly from the previous stage's target (0 before the first stage) to this stage's target over the
 * stage duration: a {@link Ramp} from 0, read in whole users. Immutable and thread-safe; equal when the stages are.
 *
 * <p>The linear value is truncated toward the stage's starting target, as k6 does: ramping 0 → 5 over 5 s adds the
 * first VU at 1 s and reaches 5 only at the stage end; ramping down 5 → 0 removes the first VU after 1 s.
 */
public final class StageSchedule extends RampShape {

  private final List<Stage> stages;

  /**
   * One stage.
   *
   * @param durationMs stage duration in milliseconds, &gt; 0
   * @param targetVus virtual users reached at the end of the stage, &ge; 0
   */
  public record Stage(long durationMs, int targetVus) {

    public Stage {
      if (durationMs <= 0) {
        throw new IllegalArgumentException("durationMs must be > 0: " + durationMs);
      }
      if (targetVus < 0) {
        throw new IllegalArgumentException("targetVus must be >= 0: " + targetVus);
      }
    }
  }

  public StageSchedule(List<Stage> stages) {
    super(new Ramp(0, stages, Stage::durationMs, Stage::targetVus));
    this.stages = List.copyOf(stages);
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Offset of the start of stage {@code index} from the start of the run (ms). */
  public long stageStartMs(int index) {
    return ramp.stageStartMs(index);
  }

  /** Target virtual users at {@code elapsedMs} since the start of the run; the last stage's target at or after the end. */
  public int targetVusAt(long elapsedMs) {
    if (elapsedMs >= ramp.totalDurationMs()) {
      return stages.getLast().targetVus();
    }
    long clamped = Math.max(0, elapsedMs);
    int index = ramp.stageIndexAt(clamped);
    int from = (int) ramp.stageFrom(index);
    long delta = (long) stages.get(index).targetVus() - from;
    // Integer division truncates toward zero, i.e. toward 'from': ramp-ups floor, ramp-downs ceil.
    return (int) (from + Math.multiplyExact(delta, clamped - ramp.stageStartMs(index)) / ramp.stageDurationMs(index));
  }

  /** Whole virtual users: {@link #targetVusAt}, not the ramp's exact line. */
  @Override
  public double levelAt(long elapsedMs) {
    return targetVusAt(elapsedMs);
  }

  /** Highest target any stage reaches (the peak concurrency of the plan). */
  public int peakVus() {
    return (int) ramp.peak();
  }

  @Override
  public String toString() {
    return "StageSchedule" + stages;
  }
}
