package io.perfplane.loadgen.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Microsecond epoch timestamps from a monotonic ticker: the wall clock is read once, at the anchor, and every later
 * time is the anchor plus elapsed {@link System#nanoTime()}. Durations measured between two ticks are therefore
 * immune to wall-clock steps (NTP), and epoch times within a run are mutually consistent.
 */
final class EpochMicros {

  private final long anchorEpochUs;
  private final long anchorNanos;
  private final LongSupplier ticker;

  EpochMicros(Clock clock, LongSupplier ticker) {
    this.ticker = ticker;
    Instant now = clock.instant();
    this.anchorNanos = ticker.getAsLong();
    this.anchorEpochUs = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
  }

  /** Anchored on {@code clock} now, ticking with {@link System#nanoTime()}. */
  static EpochMicros anchoredAt(Clock clock) {
    return new EpochMicros(clock, System::nanoTime);
  }

  /** The ticker's current value (ns, arbitrary origin). */
  long nanoTime() {
    return ticker.getAsLong();
  }

  /** The epoch time (µs) of a ticker value taken from {@link #nanoTime()}. */
  long epochUs(long nanoTime) {
    return anchorEpochUs + (nanoTime - anchorNanos) / 1_000;
  }

  /** Now, as µs since the epoch. */
  long nowEpochUs() {
    return epochUs(nanoTime());
  }
}
