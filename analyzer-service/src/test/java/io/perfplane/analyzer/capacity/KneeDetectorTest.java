package io.perfplane.analyzer.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The knee decision on synthetic curves of a server with 8 slots of 40 ms each (200 req/s). */
class KneeDetectorTest {

  private static final double SERVICE_MS = 40;
  private static final double SLOTS = 8;
  private static final double CAPACITY = SLOTS * 1000 / SERVICE_MS;

  /**
   * A window of an open-model load at {@code offered} req/s against the server: below capacity it serves all at the
   * service time; above it serves its capacity and the queue adds latency.
   */
  private static WindowObservation open(long second, double offered, double queueMs, boolean held) {
    double rps = Math.min(offered, CAPACITY);
    double mean = offered < CAPACITY ? SERVICE_MS : SERVICE_MS + queueMs;
    return new WindowObservation(second, rps, held, mean * 1.5, mean, 0);
  }

  /** A ramp from 20 req/s to {@code top} req/s over {@code seconds} windows, the queue growing past capacity. */
  private static List<WindowObservation> ramp(double top, int seconds, double noise, long seed) {
    Random random = new Random(seed);
    List<WindowObservation> windows = new ArrayList<>();
    double queueMs = 0;
    for (int s = 0; s < seconds; s++) {
      double offered = 20 + (top - 20) * s / (seconds - 1);
      if (offered > CAPACITY) {
        queueMs += (offered - CAPACITY) / CAPACITY * 1000; // one second's excess, served at capacity
      }
      WindowObservation w = open(s, offered, queueMs, true);
      double factor = 1 + noise * random.nextGaussian();
      windows.add(new WindowObservation(w.endSecond(), w.rps() * factor, true, w.p95Ms(), w.meanMs(), 0));
    }
    return windows;
  }

  @Test
  void aRampPastCapacityHasAKneeAtTheSustainedThroughput() {
    CapacityEstimate estimate = KneeDetector.estimate(ramp(300, 120, 0, 1), true);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.KNEE);
    assertThat(estimate.kneeReached()).isTrue();
    assertThat(estimate.method()).isEqualTo("kneedle");
    assertThat(estimate.maxSustainedRps()).isCloseTo(CAPACITY, within(0.5));
    assertThat(estimate.confidence()).isGreaterThan(0.9);
    assertThat(estimate.lowRps()).isNotNull();
    assertThat(estimate.highRps()).isNotNull();
    assertThat(estimate.evidence()).startsWith("knee at 200.0 req/s");
    assertThat(estimate.usl()).isNotNull();
    assertThat(estimate.usl().peakRps()).as("USL beside it").isNotNull();
  }

  @Test
  void aLinearRampIsNotSaturatedAndGivesALowerBound() {
    CapacityEstimate estimate = KneeDetector.estimate(ramp(150, 120, 0, 1), true);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.LOWER_BOUND);
    assertThat(estimate.kneeReached()).isFalse();
    assertThat(estimate.maxSustainedRps()).isCloseTo(150, within(0.01));
    assertThat(estimate.lowRps()).isCloseTo(150, within(0.01));
    assertThat(estimate.highRps()).as("unbounded above").isNull();
    assertThat(estimate.evidence()).startsWith("at least 150.0 req/s, not saturated: throughput still grew");
  }

  @Test
  void aFlatUnsaturatedRunIsALowerBoundNotAKnee() {
    List<WindowObservation> windows = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      windows.add(new WindowObservation(s, 37.9, true, 60, 50, 2)); // 2 VUs, never near capacity
    }
    CapacityEstimate estimate = KneeDetector.estimate(windows, true);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.LOWER_BOUND);
    assertThat(estimate.evidence()).contains("at least 37.9 req/s").contains("varied too little");
  }

  @Test
  void anSloFailingFromTheStartGivesAnUpperBound() {
    List<WindowObservation> windows = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      windows.add(new WindowObservation(s, 500 + (s % 3), false, 900, 600, 0));
    }
    CapacityEstimate estimate = KneeDetector.estimate(windows, false);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.UPPER_BOUND);
    assertThat(estimate.kneeReached()).isFalse();
    assertThat(estimate.maxSustainedRps()).isEqualTo(500);
    assertThat(estimate.highRps()).isEqualTo(500);
    assertThat(estimate.lowRps()).isNull();
    assertThat(estimate.sloHeld()).isFalse();
    assertThat(estimate.evidence()).startsWith("below 500.0 req/s");
  }

  @Test
  void aNoisyPlateauStillShowsTheKneeWithLessConfidence() {
    CapacityEstimate clean = KneeDetector.estimate(ramp(300, 120, 0, 1), true);
    CapacityEstimate noisy = KneeDetector.estimate(ramp(300, 120, 0.04, 7), true);
    assertThat(noisy.kind()).isEqualTo(CapacityKind.KNEE);
    assertThat(noisy.maxSustainedRps()).isCloseTo(CAPACITY, within(CAPACITY * 0.05));
    assertThat(noisy.confidence()).isLessThan(clean.confidence()).isGreaterThan(0);
    assertThat(noisy.highRps() - noisy.lowRps()).isGreaterThan(clean.highRps() - clean.lowRps());
  }

  @Test
  void anSloBreakingAsLoadGrowsIsAKneeAtTheBestHeldThroughput() {
    List<WindowObservation> windows = new ArrayList<>();
    for (int s = 0; s < 40; s++) {
      double offered = 20 + 5 * s; // 20..215 req/s
      double queueMs = offered > 150 ? (offered - 150) * 10 : 0; // latency rises before throughput tops out
      windows.add(open(s, offered, queueMs, queueMs < 200));
    }
    CapacityEstimate estimate = KneeDetector.estimate(windows, false);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.KNEE);
    assertThat(estimate.method()).isEqualTo("slo");
    assertThat(estimate.maxSustainedRps()).isEqualTo(165);
    assertThat(estimate.breakingRps()).isEqualTo(170);
    assertThat(estimate.evidence()).startsWith("knee at 165.0 req/s: the SLOs held up to it and broke at 170.0");
  }

  @Test
  void anSloFailingAtASteadyLoadIsNotAKneeButLowersTheBound() {
    // A flat 50 req/s import: the service slows for 30 of 120 windows, so more requests are in flight (each takes
    // longer) and the p95 fails, but nothing was offered beyond 50 req/s.
    List<WindowObservation> windows = new ArrayList<>();
    for (int s = 0; s < 120; s++) {
      boolean slow = s >= 60 && s < 90;
      double rps = 50 + (s % 2 == 0 ? 0.2 : -0.2);
      windows.add(new WindowObservation(s, rps, !slow, slow ? 300 : 60, slow ? 200 : 40, 0));
    }
    CapacityEstimate estimate = KneeDetector.estimate(windows, false);

    assertThat(estimate.kind()).isEqualTo(CapacityKind.LOWER_BOUND);
    assertThat(estimate.kneeReached()).isFalse();
    assertThat(estimate.maxSustainedRps()).isCloseTo(50.2, within(1e-9));
    assertThat(estimate.breakingRps()).isCloseTo(50.2, within(1e-9));
    assertThat(estimate.evidence()).contains("at least 50.2 req/s").contains("30 of 120 windows")
        .contains("did not grow");
    assertThat(estimate.confidence()).as("held in 90 of 120 windows").isCloseTo(0.75, within(1e-9));
  }

  @Test
  void anSloBreakingAsVirtualUsersGrowIsAKneeEvenAtAFlatThroughput() {
    // Closed model: users 1..30, the server saturates at 200 req/s from 8 users on; the SLO breaks at 20 users.
    List<WindowObservation> windows = new ArrayList<>();
    for (int s = 0; s < 30; s++) {
      int users = s + 1;
      double rps = Math.min(users * 25.0, CAPACITY);
      double mean = users * 1000.0 / rps;
      windows.add(new WindowObservation(s, rps, users < 20, mean * 1.5, mean, users));
    }
    CapacityEstimate estimate = KneeDetector.estimate(windows, false);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.KNEE);
    assertThat(estimate.method()).isEqualTo("slo");
    assertThat(estimate.maxSustainedRps()).isEqualTo(CAPACITY);
    assertThat(estimate.concurrencyAtSlo()).as("the earliest window at the best throughput").isEqualTo(8);
  }

  @Test
  void aColdStartFailureIsNotAKnee() {
    List<WindowObservation> windows = new ArrayList<>(ramp(150, 60, 0, 1));
    windows.set(0, new WindowObservation(0, 20, false, 900, 600, 0)); // slow first window, few requests in flight
    windows.set(0, new WindowObservation(0, 20, false, 90, 45, 0));
    CapacityEstimate estimate = KneeDetector.estimate(windows, false);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.LOWER_BOUND);
    assertThat(estimate.breakingRps()).isEqualTo(20);
    assertThat(estimate.sloHeld()).isFalse();
  }

  @Test
  void noWindowsMeansUnknownWithNoConfidence() {
    CapacityEstimate estimate = KneeDetector.estimate(List.of(), true);
    assertThat(estimate.kind()).isEqualTo(CapacityKind.UNKNOWN);
    assertThat(estimate.confidence()).isZero();
  }

  @Test
  void boundsGainConfidenceWithObservedWindows() {
    List<WindowObservation> few = ramp(150, 10, 0, 1);
    List<WindowObservation> many = ramp(150, 60, 0, 1);
    assertThat(KneeDetector.estimate(few, true).confidence()).isCloseTo(10.0 / 30, within(1e-9));
    assertThat(KneeDetector.estimate(many, true).confidence()).isEqualTo(1.0);
  }
}
