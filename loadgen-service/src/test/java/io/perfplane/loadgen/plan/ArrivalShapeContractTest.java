package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What every open-model shape promises on top of {@link LoadShapeContractTest}: driven by an {@link ArrivalPacer} on
 * a controllable clock, the arrivals total the integral of the rate, each second holds that second's share, and
 * every arrival is released at or after its intended time but within one tick, with its intended time intact even
 * when the caller is late.
 */
abstract class ArrivalShapeContractTest extends LoadShapeContractTest<ArrivalSchedule> {

  private static final long TICK_NANOS = Duration.ofMillis(1).toNanos();

  /** The integral of the rate over the whole shape: the expected number of arrivals. */
  abstract double expectedArrivals();

  @Override
  double levelTolerance() {
    return 1e-9;
  }

  @Override
  double initialLevel() {
    return shape().startRatePerSecond();
  }

  /** Release times and intended offsets when a scheduler polls every tick. */
  private record Release(long atNanos, long intendedNanos) {
  }

  private List<Release> drive(long tickNanos) {
    ArrivalSchedule shape = shape();
    ArrivalPacer pacer = new ArrivalPacer(shape);
    TestClock clock = new TestClock();
    List<Release> releases = new ArrayList<>();
    long end = Duration.ofMillis(shape.totalDurationMs()).toNanos() + tickNanos;
    while (clock.nanos() <= end) {
      long now = clock.nanos();
      pacer.releaseDue(now, intended -> releases.add(new Release(now, intended)));
      clock.advanceNanos(tickNanos);
    }
    assertThat(pacer.exhausted()).isTrue();
    assertThat(pacer.released()).isEqualTo(releases.size());
    return releases;
  }

  @Test
  void totalArrivalsAreTheIntegralOfTheRate() {
    List<Release> releases = drive(TICK_NANOS);
    assertThat((double) releases.size()).isBetween(expectedArrivals() - 1, expectedArrivals() + 1);
    assertThat(shape().totalArrivals()).isEqualTo(releases.size());
  }

  @Test
  void eachSecondHoldsItsShareOfTheRate() {
    List<Release> releases = drive(TICK_NANOS);
    ArrivalSchedule shape = shape();
    for (long second = 0; second * 1_000 < shape.totalDurationMs(); second++) {
      long from = second * 1_000;
      long to = Math.min(from + 1_000, shape.totalDurationMs());
      double expected = 0;
      for (long ms = from; ms < to; ms++) {
        expected += (shape.levelAt(ms) + shape.levelAt(ms + 1)) / 2 / 1_000; // trapezoid per millisecond
      }
      long fromNanos = from * 1_000_000;
      long toNanos = to * 1_000_000;
      long counted = releases.stream().filter(r -> r.intendedNanos() >= fromNanos && r.intendedNanos() < toNanos)
          .count();
      assertThat((double) counted).as("arrivals intended in second %d", second)
          .isBetween(expected - 1.01, expected + 1.01);
    }
  }

  @Test
  void releasedNoEarlierThanIntendedAndWithinOneTick() {
    List<Release> releases = drive(TICK_NANOS);
    long previous = -1;
    for (Release release : releases) {
      assertThat(release.intendedNanos()).isLessThanOrEqualTo(release.atNanos())
          .isGreaterThan(release.atNanos() - TICK_NANOS).isGreaterThanOrEqualTo(previous);
      previous = release.intendedNanos();
    }
  }

  @Test
  void aLateCallerGetsEveryOverdueArrivalWithItsOwnIntendedTime() {
    ArrivalSchedule shape = shape();
    ArrivalPacer pacer = new ArrivalPacer(shape);
    List<Long> intended = new ArrayList<>();
    long late = Duration.ofMillis(shape.totalDurationMs() / 2).toNanos();
    pacer.releaseDue(late, intended::add); // one call after a long stall (GC pause, overloaded scheduler)

    assertThat(intended).isNotEmpty().isSorted().doesNotHaveDuplicates()
        .allSatisfy(t -> assertThat(t).isBetween(0L, late));
    // Exactly the arrivals of the on-time run up to that moment: none skipped, none re-timed.
    assertThat(intended).containsExactlyElementsOf(drive(TICK_NANOS).stream().map(Release::intendedNanos)
        .filter(t -> t <= late).toList());
    assertThat(pacer.nextOffsetNanos()).isGreaterThan(late);
  }
}
