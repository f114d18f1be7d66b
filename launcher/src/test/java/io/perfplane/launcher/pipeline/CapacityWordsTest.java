package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The summary's capacity line says a knee is a knee and a bound is a bound. */
class CapacityWordsTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aKneeIsPrintedWithItsRangeAndEvidence() {
    String lines = CapacityWords.lines(json.readTree("""
        {"kind":"KNEE","kneeReached":true,"maxSustainedRps":196.31,"lowRps":190.2,"highRps":199.04,
         "concurrencyAtSlo":8,"sloHeld":true,"p95AtCapacityMs":41.5,"confidence":0.87,"method":"kneedle",
         "evidence":"knee at 196.3 req/s: throughput levelled off from 7.9 requests in flight"}"""));

    assertThat(lines).isEqualTo("  capacity   knee reached at 196 req/s (range 190–199); SLOs held, p95 41.50 ms "
        + "there, 8 concurrent, confidence 0.87\n"
        + "             knee at 196.3 req/s: throughput levelled off from 7.9 requests in flight (Kneedle)\n");
  }

  @Test
  void boundsAreNeverPrintedAsAKnee() {
    String lower = CapacityWords.lines(json.readTree("""
        {"kind":"LOWER_BOUND","maxSustainedRps":37.9,"lowRps":37.9,"highRps":null,"concurrencyAtSlo":2,
         "sloHeld":true,"p95AtCapacityMs":12,"confidence":0.4,"method":"kneedle",
         "evidence":"at least 37.9 req/s, not saturated: throughput still grew with load"}"""));
    String upper = CapacityWords.lines(json.readTree("""
        {"kind":"UPPER_BOUND","maxSustainedRps":500,"concurrencyAtSlo":90,"sloHeld":false,"p95AtCapacityMs":900,
         "confidence":1,"method":"slo","evidence":"below 500.0 req/s: the SLOs failed from the lowest load"}"""));

    assertThat(lower).startsWith("  capacity   not saturated: at least 37.90 req/s (a lower bound, no knee reached);")
        .contains("not saturated: throughput still grew").doesNotContain("knee reached at");
    assertThat(upper).startsWith("  capacity   below 500 req/s (an upper bound: SLOs failed from the lowest load);"
        + " SLOs NOT held").doesNotContain("knee reached at");
  }

  @Test
  void aV1CapacityWithoutKindKeepsItsPlainFigure() {
    assertThat(CapacityWords.lines(json.readTree("""
        {"maxSustainedRps":37.9,"concurrencyAtSlo":2,"sloHeld":true,"p95AtCapacityMs":12,"confidence":1}""")))
        .startsWith("  capacity   37.90 req/s sustained; SLOs held");
  }
}
