package io.perfplane.loadgen.plan;

/**
 * What both load shapes answer alike, from their {@link Ramp}: durations, stages, targets and the exact level. Equal
 * when of the same kind and their ramps are equal.
 */
abstract sealed class RampShape implements LoadShape permits StageSchedule, ArrivalSchedule {

  final Ramp ramp;

  RampShape(Ramp ramp) {
    this.ramp = ramp;
  }

  @Override
  public long totalDurationMs() {
    return ramp.totalDurationMs();
  }

  @Override
  public int stageCount() {
    return ramp.stageCount();
  }

  @Override
  public int stageIndexAt(long elapsedMs) {
    return ramp.stageIndexAt(elapsedMs);
  }

  @Override
  public double levelAt(long elapsedMs) {
    return ramp.levelAt(elapsedMs);
  }

  @Override
  public double stageTarget(int index) {
    return ramp.stageTarget(index);
  }

  @Override
  public long stageDurationMs(int index) {
    return ramp.stageDurationMs(index);
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && ramp.equals(((RampShape) other).ramp);
  }

  @Override
  public int hashCode() {
    return ramp.hashCode();
  }
}
