package io.perfplane.loadgen.plan;

import java.util.List;

/**
 * Closed-model ramping-VU load shape (k6 {@code ramping-vus} style): during each stage the target number of virtual
 * users moves linearly from the previous stage's target (0 before the first stage) to this stage's target over the
 * stage duration. Immutable and thread-safe.
 *
 * <p>The linear value is truncated toward the stage's starting target, as k6 does: ramping 0 → 5 over 5 s adds the
 * first VU at 1 s and reaches 5 only at the stage end; ramping down 5 → 0 removes the first VU after 1 s.
 */
public final class StageSchedule implements LoadShape {

  private final List<Stage> stages;
  private final long[] stageStartMs;
  private final long totalDurationMs;

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
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one stage");
    }
    this.stages = List.copyOf(stages);
    this.stageStartMs = new long[stages.size()];
    long start = 0;
    for (int i = 0; i < stages.size(); i++) {
      stageStartMs[i] = start;
      start = Math.addExact(start, stages.get(i).durationMs());
    }
    this.totalDurationMs = start;
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Sum of all stage durations (ms). */
  @Override
  public long totalDurationMs() {
    return totalDurationMs;
  }

  /** Offset of the start of stage {@code index} from the start of the run (ms). */
  public long stageStartMs(int index) {
    return stageStartMs[index];
  }

  /**
   * The stage running at {@code elapsedMs} since the start of the run: 0 before or at the start, the last stage
   * at or after the end (a stage owns its half-open interval {@code [start, start + duration)}).
   */
  @Override
  public int stageIndexAt(long elapsedMs) {
    for (int i = stages.size() - 1; i > 0; i--) {
      if (elapsedMs >= stageStartMs[i]) {
        return i;
      }
    }
    return 0;
  }

  /** Target virtual users at {@code elapsedMs} since the start of the run; the last stage's target at or after the end. */
  public int targetVusAt(long elapsedMs) {
    if (elapsedMs >= totalDurationMs) {
      return stages.getLast().targetVus();
    }
    long clamped = Math.max(0, elapsedMs);
    int index = stageIndexAt(clamped);
    Stage stage = stages.get(index);
    int from = index == 0 ? 0 : stages.get(index - 1).targetVus();
    long delta = (long) stage.targetVus() - from;
    // Integer division truncates toward zero, i.e. toward 'from': ramp-ups floor, ramp-downs ceil.
    return (int) (from + Math.multiplyExact(delta, clamped - stageStartMs[index]) / stage.durationMs());
  }

  @Override
  public int stageCount() {
    return stages.size();
  }

  @Override
  public double levelAt(long elapsedMs) {
    return targetVusAt(elapsedMs);
  }

  @Override
  public double stageTarget(int index) {
    return stages.get(index).targetVus();
  }

  @Override
  public long stageDurationMs(int index) {
    return stages.get(index).durationMs();
  }

  /** Highest target any stage reaches (the peak concurrency of the plan). */
  public int peakVus() {
    return stages.stream().mapToInt(Stage::targetVus).max().orElse(0);
  }
}
