package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class EpochMicrosTest {

  @Test
  void epochTimesAreTheClockAnchorPlusTickerElapsedTime() {
    AtomicLong ticker = new AtomicLong(-5_000_000_000L); // nanoTime has an arbitrary, possibly negative, origin
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00.123456789Z"), ZoneOffset.UTC);
    EpochMicros time = new EpochMicros(clock, ticker::get);

    long anchorUs = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond() * 1_000_000 + 123_456;
    assertThat(time.nowEpochUs()).isEqualTo(anchorUs);

    long sent = time.nanoTime();
    ticker.addAndGet(1_500_999); // 1.500999 ms later; the fixed wall clock does not move
    assertThat(time.epochUs(sent)).isEqualTo(anchorUs);
    assertThat(time.nowEpochUs()).isEqualTo(anchorUs + 1_500);
    assertThat((time.nanoTime() - sent) / 1_000).isEqualTo(1_500);
  }
}
