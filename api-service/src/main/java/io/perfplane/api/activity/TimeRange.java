package io.perfplane.api.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Half-open interval {@code [from, to)} of activity timestamps. Missing bounds default to the last
 * {@link #DEFAULT_SPAN} ending now.
 */
record TimeRange(Instant from, Instant to) {

  static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  /** @throws IllegalArgumentException if {@code from} is not before {@code to} */
  TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("must be before 'to'");
    }
  }

  static TimeRange of(@Nullable Instant from, @Nullable Instant to, Clock clock) {
    Instant end = to != null ? to : clock.instant();
    Instant start = from != null ? from : end.minus(DEFAULT_SPAN);
    return new TimeRange(start, end);
  }
}
