package io.perfplane.analyzer.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import io.perfplane.analyzer.slo.SloEvaluator.Transition;
import io.perfplane.analyzer.slo.Verdict.Outcome;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.BurnRatePolicy;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {

  private static Slo slo(Indicator indicator, double objective) {
    return new Slo("s", "*", indicator, objective, Duration.ofSeconds(10), 20);
  }

  private static LatencySlice window(int requests, long latencyUs, int errors) {
    LatencySlice slice = LatencySlice.empty();
    for (int i = 0; i < requests; i++) {
      slice.record(latencyUs, i < errors, 0, 1);
    }
    return slice;
  }

  @Test
  void latencyAboveTheObjectiveViolates() {
    Verdict verdict = SloEvaluator.evaluate(slo(Indicator.LATENCY_P95, 500), window(100, 600_000, 0));
    assertThat(verdict.outcome()).isEqualTo(Outcome.VIOLATED);
    assertThat(verdict.observed()).isCloseTo(600.0, within(0.6));
  }

  @Test
  void latencyAtOrBelowTheObjectiveHolds() {
    assertThat(SloEvaluator.evaluate(slo(Indicator.LATENCY_P99, 500), window(100, 400_000, 0)).outcome())
        .isEqualTo(Outcome.HELD);
  }

  @Test
  void percentileIndicatorsReadTheirOwnPercentile() {
    LatencySlice slice = LatencySlice.empty();
    for (int ms = 1; ms <= 100; ms++) {
      slice.record(ms * 1000L, false, 0, 1);
    }
    assertThat(SloEvaluator.evaluate(slo(Indicator.LATENCY_P50, 1000), slice).observed()).isCloseTo(50, within(0.1));
    assertThat(SloEvaluator.evaluate(slo(Indicator.LATENCY_P90, 1000), slice).observed()).isCloseTo(90, within(0.1));
    assertThat(SloEvaluator.evaluate(slo(Indicator.LATENCY_P99, 1000), slice).observed()).isCloseTo(99, within(0.1));
  }

  @Test
  void errorRateFromCountsGivesTheVerdictOfASliceWithThoseCounts() {
    Slo errors = slo(Indicator.ERROR_RATE, 0.01); // minRequests 20
    int[][] cases = {{100, 2}, {100, 1}, {100, 0}, {19, 19}, {20, 1}, {0, 0}, {1000, 10}, {1000, 11}};
    for (int[] c : cases) {
      Verdict fromSlice = SloEvaluator.evaluate(errors, window(c[0], 1_000, c[1]));
      Verdict fromCounts = SloEvaluator.evaluate(errors, new BurnRatePolicy.Counts(c[0], c[1]));
      assertThat(fromCounts).as("%d requests, %d errors", c[0], c[1]).isEqualTo(fromSlice);
    }
    assertThat(SloEvaluator.evaluate(errors, new BurnRatePolicy.Counts(100, 2)).outcome())
        .isEqualTo(Outcome.VIOLATED);
    assertThat(SloEvaluator.evaluate(errors, new BurnRatePolicy.Counts(19, 19)).outcome())
        .isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThatThrownBy(() -> SloEvaluator.evaluate(slo(Indicator.LATENCY_P95, 500), new BurnRatePolicy.Counts(1, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latencies");
  }

  @Test
  void errorRateIsARatio() {
    Verdict violated = SloEvaluator.evaluate(slo(Indicator.ERROR_RATE, 0.01), window(100, 1_000, 2));
    assertThat(violated.outcome()).isEqualTo(Outcome.VIOLATED);
    assertThat(violated.observed()).isEqualTo(0.02);
    assertThat(SloEvaluator.evaluate(slo(Indicator.ERROR_RATE, 0.01), window(100, 1_000, 1)).outcome())
        .isEqualTo(Outcome.HELD);
  }

  @Test
  void tooFewRequestsGiveNoVerdict() {
    assertThat(SloEvaluator.evaluate(slo(Indicator.ERROR_RATE, 0.01), window(19, 1_000, 19)).outcome())
        .isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThat(SloEvaluator.evaluate(slo(Indicator.ERROR_RATE, 0.01), window(19, 1_000, 19), 1).outcome())
        .isEqualTo(Outcome.VIOLATED);
  }

  @Test
  void atMostOneBreachIsOpenPerKey() {
    Verdict violated = new Verdict(Outcome.VIOLATED, 2);
    Verdict held = new Verdict(Outcome.HELD, 0);
    Verdict unknown = new Verdict(Outcome.INSUFFICIENT_DATA, 0);
    assertThat(SloEvaluator.transition(false, violated)).isEqualTo(Transition.OPEN);
    assertThat(SloEvaluator.transition(true, violated)).isEqualTo(Transition.NONE);
    assertThat(SloEvaluator.transition(true, held)).isEqualTo(Transition.RESOLVE);
    assertThat(SloEvaluator.transition(false, held)).isEqualTo(Transition.NONE);
    assertThat(SloEvaluator.transition(true, unknown)).isEqualTo(Transition.NONE);
  }

  @Test
  void invalidDefinitionsNameTheProblem() {
    assertThatThrownBy(() -> slo(Indicator.ERROR_RATE, 1.5)).hasMessageContaining("objective out of range");
    assertThatThrownBy(() -> new Slo("s", "*", Indicator.LATENCY_P95, 1, Duration.ofMillis(1500), 1))
        .hasMessageContaining("window must be whole seconds");
    assertThatThrownBy(() -> new Slo("a|b", "*", Indicator.LATENCY_P95, 1, Duration.ofSeconds(1), 1))
        .hasMessageContaining("id");
  }

  /** 99.9 % availability, workbook rules scaled by 1/60: 14.4x over 60 s / 5 s, 6x over 360 s / 30 s. */
  private static final Slo AVAILABILITY = new Slo("avail", "*", Indicator.ERROR_RATE, 0.001, Duration.ofSeconds(10),
      20, false, new BurnRatePolicy(0.999, BurnRatePolicy.WORKBOOK_RULES, 1.0 / 60));

  private static java.util.function.IntFunction<BurnRatePolicy.Counts> counts(
      java.util.Map<Integer, BurnRatePolicy.Counts> bySeconds) {
    return seconds -> bySeconds.getOrDefault(seconds, new BurnRatePolicy.Counts(0, 0));
  }

  @Test
  void fastBurnFiresTheFirstRule() {
    // 60 s: 90 / 6000 = 1.5 % -> burn 15 >= 14.4; 5 s: 10 / 500 = 2 % -> burn 20.
    Verdict verdict = SloEvaluator.evaluateBurnRate(AVAILABILITY, counts(java.util.Map.of(
        60, new BurnRatePolicy.Counts(6000, 90), 5, new BurnRatePolicy.Counts(500, 10))));
    assertThat(verdict.outcome()).isEqualTo(Outcome.VIOLATED);
    assertThat(verdict.burn().ruleId()).isEqualTo("14.4x/60s/5s");
    assertThat(verdict.observed()).isCloseTo(0.015, within(1e-12));
    assertThat(verdict.burn().longBurn()).isCloseTo(15.0, within(1e-9));
    assertThat(verdict.burn().shortBurn()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void slowBurnFiresTheSecondRuleOnly() {
    // Rule 1: 60 s 60 / 6000 = 1 % -> burn 10 < 14.4. Rule 2: 360 s 252 / 36000 = 0.7 % -> 7 >= 6, 30 s 21 / 3000
    // -> 7 >= 6.
    Verdict verdict = SloEvaluator.evaluateBurnRate(AVAILABILITY, counts(java.util.Map.of(
        60, new BurnRatePolicy.Counts(6000, 60), 5, new BurnRatePolicy.Counts(500, 5),
        360, new BurnRatePolicy.Counts(36000, 252), 30, new BurnRatePolicy.Counts(3000, 21))));
    assertThat(verdict.outcome()).isEqualTo(Outcome.VIOLATED);
    assertThat(verdict.burn().ruleId()).isEqualTo("6x/360s/30s");
    assertThat(verdict.observed()).isCloseTo(0.007, within(1e-12));
  }

  @Test
  void longWindowAloneDoesNotFire() {
    // Rule 1: 60 s burn 15 but 5 s 0 errors; rule 2: 360 s 0.5 % -> 5 < 6. Held, reported on rule 1's long window.
    Verdict verdict = SloEvaluator.evaluateBurnRate(AVAILABILITY, counts(java.util.Map.of(
        60, new BurnRatePolicy.Counts(6000, 90), 5, new BurnRatePolicy.Counts(500, 0),
        360, new BurnRatePolicy.Counts(36000, 180), 30, new BurnRatePolicy.Counts(3000, 0))));
    assertThat(verdict.outcome()).isEqualTo(Outcome.HELD);
    assertThat(verdict.burn().ruleId()).isEqualTo("14.4x/60s/5s");
    assertThat(verdict.observed()).isCloseTo(0.015, within(1e-12));
  }

  @Test
  void burnRateNeedsMinRequestsInTheShortWindow() {
    Verdict verdict = SloEvaluator.evaluateBurnRate(AVAILABILITY, counts(java.util.Map.of(
        60, new BurnRatePolicy.Counts(6000, 900), 5, new BurnRatePolicy.Counts(19, 19),
        360, new BurnRatePolicy.Counts(36000, 900), 30, new BurnRatePolicy.Counts(19, 19))));
    assertThat(verdict.outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
  }

  @Test
  void burnRateRulesNeedAMatchingRatioObjective() {
    BurnRatePolicy policy = new BurnRatePolicy(0.999, BurnRatePolicy.WORKBOOK_RULES, 1.0 / 60);
    assertThatThrownBy(() -> new Slo("p", "*", Indicator.LATENCY_P95, 500, Duration.ofSeconds(10), 20, false,
        policy)).hasMessageContaining("need a ratio");
    assertThatThrownBy(() -> new Slo("e", "*", Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10), 20, false,
        policy)).hasMessageContaining("does not match");
  }
}
