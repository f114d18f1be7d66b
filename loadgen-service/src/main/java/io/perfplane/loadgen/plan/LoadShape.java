package io.perfplane.loadgen.plan;

/**
 * A scenario's load over time, as a pure function of the elapsed time since the scenario started. Closed shapes
 * ({@link StageSchedule}) give a target number of virtual users; open shapes ({@link ArrivalSchedule}) an arrival
 * rate in iterations per second. Implementations are immutable and thread-safe.
 */
public sealed interface LoadShape permits RampShape {

  /** Total duration (ms). */
  long totalDurationMs();

  /** Number of stages, &ge; 1. */
  int stageCount();

  /** The stage running at {@code elapsedMs}: 0 at or before the start, the last at or after the end. */
  int stageIndexAt(long elapsedMs);

  /**
   * The load level at {@code elapsedMs}: target virtual users (closed) or arrivals per second (open); the level the
   * last stage ends at once the shape is over.
   */
  double levelAt(long elapsedMs);

  /** The level stage {@code index} ends at. */
  double stageTarget(int index);

  /** Duration of stage {@code index} (ms). */
  long stageDurationMs(int index);
}
