package io.perfplane.analyzer.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.perfplane.contracts.slo.BurnRatePolicy;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import org.junit.jupiter.api.Test;

/**
 * The breach lifecycle on per-second request series, evaluated second by second on 10 s windows as the analyzer
 * does: a borderline series (a steady ~1 % error rate against a 1 % objective, 494 req/s for 6 min 45 s, the k6
 * file that opened 30 episodes without hysteresis) and one real 60 s degradation.
 */
class BreachTrackerTest {

  private static final long T0_US = 1_761_955_200_000_000L; // 2025-11-01T00:00:00Z: an imported run's clock
  private static final int RATE = 494;
  private static final int SECONDS = 405;
  private static final Slo ERRORS = new Slo("overall-errors", "*", Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10),
      20);

  /** Opened/resolved instants (µs) of each episode. */
  private record Episode(long openedAtUs, long firedAtUs, long resolvedAtUs) {
  }

  /** Requests and errors per second at the given error probability per second. */
  private static long[][] series(double[] errorProbability, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[][] counts = new long[errorProbability.length][2];
    for (int s = 0; s < errorProbability.length; s++) {
      counts[s][0] = RATE;
      for (int i = 0; i < RATE; i++) {
        counts[s][1] += random.nextDouble() < errorProbability[s] ? 1 : 0;
      }
    }
    return counts;
  }

  private static List<Episode> episodes(Slo slo, long[][] counts) {
    List<Episode> episodes = new ArrayList<>();
    BreachTracker.State state = BreachTracker.State.IDLE;
    long firedAt = 0;
    long openedAt = 0;
    for (int s = 0; s < counts.length; s++) {
      long requests = 0;
      long errors = 0;
      for (int w = Math.max(0, s - slo.windowSeconds() + 1); w <= s; w++) {
        requests += counts[w][0];
        errors += counts[w][1];
      }
      long atUs = T0_US + (s + 1) * 1_000_000L; // the window's end
      Verdict verdict = SloEvaluator.evaluate(slo, new BurnRatePolicy.Counts(requests, errors));
      BreachTracker.Step step = BreachTracker.step(state, slo, verdict, atUs);
      if (step.change() == BreachTracker.Change.OPEN) {
        openedAt = step.state().failingSinceUs();
        firedAt = step.state().firedAtUs();
        assertThat(firedAt).isEqualTo(atUs);
      } else if (step.change() == BreachTracker.Change.RESOLVE) {
        episodes.add(new Episode(openedAt, firedAt, step.resolvedAtUs()));
      }
      state = step.state();
    }
    if (state.open()) {
      episodes.add(new Episode(openedAt, firedAt, BreachTracker.NONE));
    }
    return episodes;
  }

  private static double[] constant(double p) {
    double[] probability = new double[SECONDS];
    java.util.Arrays.fill(probability, p);
    return probability;
  }

  @Test
  void aBorderlineSeriesOpensAtMostThreeEpisodesWithTheDefaults() {
    for (double p : new double[] {0.0095, 0.01, 0.0105}) {
      for (long seed = 1; seed <= 20; seed++) {
        assertThat(episodes(ERRORS, series(constant(p), seed))).as("p=%s seed=%d", p, seed).hasSizeLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void withoutHysteresisTheSameSeriesFlaps() {
    Slo immediate = ERRORS.withLifecycle(Duration.ZERO, Duration.ZERO);
    assertThat(episodes(immediate, series(constant(0.01), 1))).as("the alert storm this prevents").hasSizeGreaterThan(10);
  }

  @Test
  void oneRealDegradationIsExactlyOneEpisodeOpenedWithinOneWindowOfItsStart() {
    double[] probability = constant(0.002);
    int from = 120;
    for (int s = from; s < from + 60; s++) {
      probability[s] = 0.05;
    }
    List<Episode> episodes = episodes(ERRORS, series(probability, 3));
    assertThat(episodes).hasSize(1);
    Episode episode = episodes.getFirst();
    long startUs = T0_US + from * 1_000_000L;
    assertThat(episode.openedAtUs()).as("opened (began failing) within one window of the degradation's start")
        .isBetween(startUs, startUs + ERRORS.windowSeconds() * 1_000_000L);
    assertThat(episode.firedAtUs() - episode.openedAtUs()).as("fired after failing for 'for'")
        .isEqualTo(ERRORS.forSeconds() * 1_000_000L);
    long endUs = startUs + 60 * 1_000_000L;
    assertThat(episode.resolvedAtUs()).as("held again once the window no longer holds the degradation")
        .isBetween(endUs, endUs + (ERRORS.windowSeconds() + 1) * 1_000_000L);
  }

  @Test
  void windowsWithoutEnoughRequestsNeitherResetNorAdvance() {
    Slo slo = new Slo("p95", "*", Indicator.LATENCY_P95, 100, Duration.ofSeconds(5), 20)
        .withLifecycle(Duration.ofSeconds(3), Duration.ofSeconds(2));
    Verdict bad = new Verdict(Verdict.Outcome.VIOLATED, 300);
    Verdict good = new Verdict(Verdict.Outcome.HELD, 50);
    Verdict none = new Verdict(Verdict.Outcome.INSUFFICIENT_DATA, 0);
    BreachTracker.State state = BreachTracker.step(BreachTracker.State.IDLE, slo, bad, 1_000_000).state();
    state = BreachTracker.step(state, slo, none, 2_000_000).state();
    assertThat(state.failingSinceUs()).isEqualTo(1_000_000);
    BreachTracker.Step fired = BreachTracker.step(state, slo, bad, 4_000_000);
    assertThat(fired.change()).isEqualTo(BreachTracker.Change.OPEN);
    assertThat(BreachTracker.step(fired.state(), slo, good, 4_000_000).change())
        .as("a window ending when it fired cannot resolve it").isEqualTo(BreachTracker.Change.NONE);
    BreachTracker.State holding = BreachTracker.step(fired.state(), slo, good, 5_000_000).state();
    holding = BreachTracker.step(holding, slo, bad, 6_000_000).state();
    assertThat(holding.holdingSinceUs()).as("a failing window resets holding").isEqualTo(BreachTracker.NONE);
    holding = BreachTracker.step(holding, slo, good, 7_000_000).state();
    BreachTracker.Step resolved = BreachTracker.step(holding, slo, good, 9_000_000);
    assertThat(resolved.change()).isEqualTo(BreachTracker.Change.RESOLVE);
    assertThat(resolved.resolvedAtUs()).isEqualTo(7_000_000);
  }

  @Test
  void theEarlyCheckFiresOnlyADueBreach() {
    Slo slo = new Slo("p95", "*", Indicator.LATENCY_P95, 100, Duration.ofSeconds(5), 20);
    Verdict bad = new Verdict(Verdict.Outcome.VIOLATED, 300);
    assertThat(BreachTracker.stepEarly(BreachTracker.State.IDLE, slo, bad, 1_000_000).change())
        .as("nothing pending yet").isEqualTo(BreachTracker.Change.NONE);
    BreachTracker.State pending = BreachTracker.State.pending(1_000_000);
    assertThat(BreachTracker.stepEarly(pending, slo, bad, 5_500_000).change()).isEqualTo(BreachTracker.Change.NONE);
    BreachTracker.Step due = BreachTracker.stepEarly(pending, slo, bad, 6_000_000);
    assertThat(due.change()).isEqualTo(BreachTracker.Change.OPEN);
    assertThat(due.state().failingSinceUs()).isEqualTo(1_000_000);
    assertThat(BreachTracker.stepEarly(BreachTracker.State.IDLE, slo.withLifecycle(Duration.ZERO, null), bad, 7)
        .change()).as("for 0 fires at once").isEqualTo(BreachTracker.Change.OPEN);
  }
}
