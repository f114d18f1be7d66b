package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import io.perfplane.loadgen.plan.ThresholdEvaluator.Measurement;
import io.perfplane.loadgen.plan.ThresholdEvaluator.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "p(95) < 500ms   | PERCENTILE | 95   | LT | 500000",
      "p(99)<1s        | PERCENTILE | 99   | LT | 1000000",
      "P(99.9) <= 2.5s | PERCENTILE | 99.9 | LE | 2500000",
      "avg < 200ms     | AVG        | 0    | LT | 200000",
      "max<2s          | MAX        | 0    | LT | 2000000",
      "error_rate < 1% | ERROR_RATE | 0    | LT | 0.01",
      "error_rate<=0.05| ERROR_RATE | 0    | LE | 0.05"})
  void parsesK6StyleExpressions(String expression, Threshold.Metric metric, double percentile,
      Threshold.Comparison comparison, double limit) {
    Threshold t = Threshold.parse(expression, null, false, 0);
    assertThat(t.metric()).isEqualTo(metric);
    assertThat(t.percentile()).isEqualTo(percentile);
    assertThat(t.comparison()).isEqualTo(comparison);
    assertThat(t.limit()).isEqualTo(limit);
  }

  @ParameterizedTest
  @ValueSource(strings = {"p95 < 500ms", "p(0) < 1s", "p(101) < 1s", "error_rate < 150%", "avg < 5%", "rps > 10",
      "p(95) < ", "p(95) = 1s"})
  void rejectsWhatItCannotEvaluate(String expression) {
    assertThatIllegalArgumentException().isThrownBy(() -> Threshold.parse(expression, null, false, 0));
  }

  private static Measurement measured(long requests, long errors, double p95Us) {
    return new Measurement(requests, errors, p95Us / 2, p95Us * 2, p -> p >= 95 ? p95Us : p95Us / 2);
  }

  @Test
  void evaluatesGloballyAndPerEndpointAndIsPendingWithoutSamples() {
    List<Threshold> thresholds = List.of(
        Threshold.parse("p(95) < 500ms", null, false, 0),
        Threshold.parse("p(95) < 100ms", "GET /slow", true, 0),
        Threshold.parse("error_rate < 1%", null, true, 0),
        Threshold.parse("max < 1s", "GET /never", true, 0));
    Map<String, Measurement> byEndpoint = Map.of("GET /slow", measured(10, 0, 250_000));
    List<Result> results = ThresholdEvaluator.evaluate(thresholds,
        endpoint -> endpoint == null ? measured(1_000, 5, 300_000) : byEndpoint.getOrDefault(endpoint, Measurement.NONE));

    assertThat(results).extracting(Result::passed).containsExactly(true, false, true, true);
    assertThat(results).extracting(Result::pending).containsExactly(false, false, false, true);
    assertThat(results.get(1).value()).isEqualTo(250_000);
    assertThat(results.get(2).value()).isEqualTo(0.005);
  }

  @Test
  void onlyFailedAbortOnFailThresholdsPastTheirDelayAbort() {
    Threshold warnOnly = Threshold.parse("p(95) < 1ms", null, false, 0);
    Threshold delayed = Threshold.parse("error_rate < 1%", null, true, 10_000);
    List<Result> results = ThresholdEvaluator.evaluate(List.of(warnOnly, delayed), e -> measured(100, 50, 5_000));

    assertThat(results).extracting(Result::passed).containsExactly(false, false);
    assertThat(ThresholdEvaluator.abortCause(results, 9_999)).isEmpty();
    assertThat(ThresholdEvaluator.abortCause(results, 10_000)).hasValueSatisfying(
        r -> assertThat(r.threshold()).isEqualTo(delayed));
  }
}
