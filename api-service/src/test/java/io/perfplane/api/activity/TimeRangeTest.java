package io.perfplane.api.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TimeRangeTest {

  private static final Instant NOW = Instant.parse("2026-10-31T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void missingBoundsMeanTheLast30Days() {
    assertThat(TimeRange.of(null, null, clock)).isEqualTo(new TimeRange(NOW.minus(Duration.ofDays(30)), NOW));
  }

  @Test
  void missingFromIs30DaysBeforeTheGivenTo() {
    Instant to = NOW.minus(Duration.ofDays(100));
    assertThat(TimeRange.of(null, to, clock).from()).isEqualTo(to.minus(Duration.ofDays(30)));
  }

  @Test
  void fromMustBeStrictlyBeforeTo() {
    assertThatIllegalArgumentException().isThrownBy(() -> TimeRange.of(NOW, NOW, clock));
    assertThatIllegalArgumentException().isThrownBy(() -> TimeRange.of(NOW.plusSeconds(1), null, clock));
  }
}
