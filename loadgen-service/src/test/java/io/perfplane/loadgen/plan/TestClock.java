package io.perfplane.loadgen.plan;

import java.time.Duration;

/** A monotonic nanosecond clock that only moves when told to. */
final class TestClock {

  private long nanos;

  long nanos() {
    return nanos;
  }

  void advance(Duration by) {
    nanos += by.toNanos();
  }

  void advanceNanos(long by) {
    nanos += by;
  }
}
