package io.perfplane.analyzer.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KneeDetectorTest {

  private static WindowObservation window(long end, double rps, boolean held, int concurrency) {
    return new WindowObservation(end, rps, held, rps / 10, concurrency);
  }

  @Test
  void capacityIsTheBestHeldWindowAndBreakingIsTheFirstBrokenOne() {
    CapacityEstimate estimate = KneeDetector.estimate(List.of(
        window(1, 100, true, 10),
        window(2, 200, true, 20),
        window(3, 300, false, 30),
        window(4, 250, true, 25), // recovered at a higher rate than before the break
        window(5, 400, false, 40)), true);
    assertThat(estimate.maxSustainedRps()).isEqualTo(250);
    assertThat(estimate.concurrencyAtSlo()).isEqualTo(25);
    assertThat(estimate.p95AtCapacityMs()).isEqualTo(25);
    assertThat(estimate.breakingRps()).isEqualTo(300);
    assertThat(estimate.sloHeld()).isFalse();
    assertThat(estimate.confidence()).isEqualTo(5.0 / 30);
  }

  @Test
  void allHeldMeansNoBreakingPointAndSloHeldIfTheWholeRunHeld() {
    List<WindowObservation> windows = List.of(window(1, 100, true, 1), window(2, 100, true, 2));
    CapacityEstimate estimate = KneeDetector.estimate(windows, true);
    assertThat(estimate.sloHeld()).isTrue();
    assertThat(estimate.breakingRps()).isNull();
    assertThat(estimate.concurrencyAtSlo()).as("ties go to the earliest window").isEqualTo(1);
    assertThat(KneeDetector.estimate(windows, false).sloHeld()).isFalse();
  }

  @Test
  void noHeldWindowFallsBackToTheLowestThroughput() {
    CapacityEstimate estimate = KneeDetector.estimate(List.of(window(1, 80, false, 8), window(2, 50, false, 5)),
        false);
    assertThat(estimate.maxSustainedRps()).isEqualTo(50);
    assertThat(estimate.breakingRps()).isEqualTo(80);
    assertThat(estimate.sloHeld()).isFalse();
  }

  @Test
  void confidenceSaturatesAndNoWindowsMeansNoConfidence() {
    List<WindowObservation> many = java.util.stream.LongStream.range(0, 60)
        .mapToObj(i -> window(i, 10, true, 0)).toList();
    assertThat(KneeDetector.estimate(many, true).confidence()).isEqualTo(1.0);
    assertThat(KneeDetector.estimate(List.of(), true).confidence()).isZero();
  }
}
