package io.perfplane.loadgen.plan;

import java.util.function.LongConsumer;

/**
 * Releases the arrivals of an {@link ArrivalSchedule} as time passes, whatever the caller's clock: the engine feeds
 * it {@link System#nanoTime()}-based offsets, tests a controllable clock. A late caller (GC pause, overloaded
 * scheduler) gets every overdue arrival at once, each with its own intended time: arrivals are never skipped or
 * re-timed, which is what makes coordinated-omission-corrected latency possible. Not thread-safe: one pacer per
 * scheduler thread.
 */
public final class ArrivalPacer {

  private final ArrivalSchedule schedule;
  private long next;
  private long nextOffsetNanos;

  public ArrivalPacer(ArrivalSchedule schedule) {
    this.schedule = schedule;
    this.nextOffsetNanos = schedule.arrivalOffsetNanos(0);
  }

  /**
   * Hands every arrival intended at or before {@code elapsedNanos} to {@code release}, as its intended offset (ns).
   *
   * @return how many were released
   */
  public int releaseDue(long elapsedNanos, LongConsumer release) {
    int released = 0;
    while (nextOffsetNanos >= 0 && nextOffsetNanos <= elapsedNanos) {
      release.accept(nextOffsetNanos);
      released++;
      next++;
      nextOffsetNanos = schedule.arrivalOffsetNanos(next);
    }
    return released;
  }

  /** Intended offset of the next arrival (ns), or -1 when the schedule is exhausted. */
  public long nextOffsetNanos() {
    return nextOffsetNanos;
  }

  /** Arrivals released so far. */
  public long released() {
    return next;
  }

  public boolean exhausted() {
    return nextOffsetNanos < 0;
  }
}
