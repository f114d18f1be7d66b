package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cost in words, per capacity kind, and the summary JSON's cost entries (fields added within schema 1). */
class CostWordsTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void eachKindReadsAsWhatItIs() {
    assertThat(CostWords.monthly(json.readTree("""
        {"monthlyUsd":"651.823743"}"""))).isEqualTo("$651.82");
    assertThat(CostWords.monthly(json.readTree("""
        {"monthlyUsd":"651.823743","capacityKind":"KNEE","monthlyUsdLow":null,"monthlyUsdHigh":null}""")))
        .isEqualTo("$651.82");
    assertThat(CostWords.monthly(json.readTree("""
        {"monthlyUsd":"160","capacityKind":"KNEE","monthlyUsdLow":"140","monthlyUsdHigh":"1210.5"}""")))
        .isEqualTo("≈ $160.00 (range $140.00–$1,210.50)");
    assertThat(CostWords.monthly(json.readTree("""
        {"monthlyUsd":"651.82","capacityKind":"LOWER_BOUND","monthlyUsdLow":"219","monthlyUsdHigh":"651.82"}""")))
        .isEqualTo("at most $651.82 (capacity not saturated; from $219.00)");
    assertThat(CostWords.monthly(json.readTree("""
        {"monthlyUsd":"651.82","capacityKind":"UPPER_BOUND","monthlyUsdLow":"651.82","monthlyUsdHigh":null}""")))
        .isEqualTo("at least $651.82 (an SLO failed at the lowest load)");
  }

  @Test
  void aScenarioLineSaysTheKindOnceForItsStrategies() {
    assertThat(CostWords.strategies(json.readTree("""
        {"scenario":"1k-users","capacityKind":"UPPER_BOUND","strategies":[
          {"strategy":"on-demand","monthlyUsd":"219","capacityKind":"UPPER_BOUND"},
          {"strategy":"reserved","monthlyUsd":"209.92","capacityKind":"UPPER_BOUND"}]}""")))
        .isEqualTo("at least: on-demand $219.00, reserved $209.92 (an SLO failed at the lowest load)");
    assertThat(CostWords.strategies(json.readTree("""
        {"scenario":"10k-users","capacityKind":"LOWER_BOUND","strategies":[
          {"strategy":"on-demand","monthlyUsd":"651.82","monthlyUsdLow":"219","monthlyUsdHigh":"651.82"}]}""")))
        .isEqualTo("at most: on-demand $651.82 (capacity not saturated)");
    assertThat(CostWords.strategies(json.readTree("""
        {"scenario":"10k-users","capacityKind":"KNEE","strategies":[
          {"strategy":"on-demand","monthlyUsd":"651.82","monthlyUsdLow":"600","monthlyUsdHigh":"700"},
          {"strategy":"spot","monthlyUsd":"500"}]}""")))
        .isEqualTo("on-demand ≈ $651.82 (range $600.00–$700.00), spot $500.00");
    assertThat(CostWords.monthly(json.readTree("""
        {"monthlyUsd":"219","capacityKind":"KNEE","monthlyUsdLow":"219.000000","monthlyUsdHigh":"219"}""")))
        .as("a range of one figure is no range").isEqualTo("$219.00");
    assertThat(CostWords.strategies(json.readTree("""
        {"scenario":"1k-users","strategy":"on-demand","monthlyUsd":"219"}"""))).isEqualTo("on-demand $219.00");
  }

  @Test
  void summaryJsonAddsKindRangeAndWordsToEachCostEntry() {
    JsonNode estimates = json.readTree("""
        [{"scenario":"10k-users","strategy":"on-demand","monthlyUsd":"651.82","capacityKind":"LOWER_BOUND",
          "monthlyUsdLow":"219","monthlyUsdHigh":"651.82","monthlyUsers":10000,"peakRps":75,"catalogVersion":"r3",
          "strategies":[{"strategy":"on-demand","monthlyUsd":"651.82","capacityKind":"LOWER_BOUND",
                         "monthlyUsdLow":"219","monthlyUsdHigh":"651.82"},
                        {"strategy":"spot","monthlyUsd":"500","capacityKind":"LOWER_BOUND",
                         "monthlyUsdLow":"180","monthlyUsdHigh":"500"}]},
         {"scenario":"1k-users","strategy":"on-demand","monthlyUsd":"219","monthlyUsers":1000}]""");
    Map<String, Object> doc = SummaryJson.of("run", "r1", new Outcome(json.readTree("{}"), estimates, null, null),
        null, 0);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cost = (List<Map<String, Object>>) doc.get("cost");
    assertThat(doc.get("schema")).isEqualTo(1);
    assertThat(cost).hasSize(3);
    assertThat(cost.get(1)).containsEntry("strategy", "spot").containsEntry("monthlyUsd", "500")
        .containsEntry("capacityKind", "LOWER_BOUND").containsEntry("monthlyUsdLow", "180")
        .containsEntry("monthlyUsdHigh", "500")
        .containsEntry("monthlyText", "at most $500.00 (capacity not saturated; from $180.00)");
    // An estimate from a cost-service without v2 fields: UNKNOWN, no range, the point figure.
    assertThat(cost.get(2)).containsEntry("capacityKind", "UNKNOWN").containsEntry("monthlyUsdLow", null)
        .containsEntry("monthlyText", "$219.00");
  }
}
