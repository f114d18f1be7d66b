package io.perfplane.analyzer.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import io.perfplane.analyzer.slo.SloEvaluator.Transition;
import io.perfplane.analyzer.slo.Verdict.Outcome;
import io.perfplane.analyzer.window.LatencySlice;
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
}
