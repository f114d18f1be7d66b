package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Named measurements, check pass rates and where the time goes in the summary JSON (schema 1, minor 1). */
class MeasurementsSummaryJsonTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void measurementsChecksSharesAndTheBottleneckAreCarriedPerEndpoint() {
    JsonNode analysis = json.readTree("""
        {"requests":200,"p50Ms":90,"p95Ms":100,"p99Ms":101,
         "endpoints":[{"endpoint":"GET /a","requests":100},{"endpoint":"GET /b","requests":100}],
         "slos":[{"id":"db","metric":"server_timing.db","unit":"ms"},{"id":"p95","unit":"ms"}],
         "breaches":[{"sloId":"db","metric":"server_timing.db","openedAtUs":1}],
         "measurements":{"likelyBottleneck":"GET /a","endpoints":[
           {"endpoint":"*","measurements":[{"name":"server_timing.db","unit":"ms","count":200,"p50":5,"p95":60,"p99":80}],
            "checks":{"passed":190,"failed":10,"passRate":0.95},"shares":[]},
           {"endpoint":"GET /a","measurements":[{"name":"server_timing.db","unit":"ms","count":100,"p50":40,"p95":60,"p99":80}],
            "checks":null,"shares":[{"name":"server_timing.db","p50":0.5,"p95":0.6},{"name":"other","p50":0.5,"p95":0.4}]}]}}""");

    Map<String, Object> doc = SummaryJson.of("run", "r1", new Outcome(analysis, json.readTree("[]"), null, null),
        null, 0);

    assertThat(doc).containsEntry("schema", 1).containsEntry("schemaMinor", 1)
        .containsEntry("likelyBottleneck", "GET /a");
    @SuppressWarnings("unchecked")
    Map<String, Object> all = (Map<String, Object>) doc.get("measurements");
    assertThat(all.get("checks")).isEqualTo(Map.of("passed", 190L, "failed", 10L, "passRate", 0.95));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> endpoints = (List<Map<String, Object>>) doc.get("endpoints");
    @SuppressWarnings("unchecked")
    Map<String, Object> a = (Map<String, Object>) endpoints.get(0).get("measurements");
    assertThat(a.get("values")).isEqualTo(List.of(Map.of("name", "server_timing.db", "unit", "ms", "count", 100L,
        "p50", 40.0, "p95", 60.0, "p99", 80.0)));
    assertThat(a).containsEntry("checks", null);
    assertThat(a.get("timeShares")).isEqualTo(List.of(Map.of("name", "server_timing.db", "p50", 0.5, "p95", 0.6),
        Map.of("name", "other", "p50", 0.5, "p95", 0.4)));
    assertThat(endpoints.get(1)).as("no measurements: present, null").containsEntry("measurements", null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> slos = (List<Map<String, Object>>) doc.get("slos");
    assertThat(slos).extracting(s -> s.get("metric")).containsExactly("server_timing.db", "latency");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> breaches = (List<Map<String, Object>>) doc.get("breaches");
    assertThat(breaches.getFirst()).containsEntry("metric", "server_timing.db");
  }

  @Test
  void anOlderAnalyzerWithoutMeasurementsGivesNulls() {
    Map<String, Object> doc = SummaryJson.of("analyze", "r1",
        new Outcome(json.readTree("{\"endpoints\":[{\"endpoint\":\"GET /a\"}]}"), json.readTree("[]"), null, null),
        null, 0);

    assertThat(doc).containsEntry("measurements", null).containsEntry("likelyBottleneck", null);
  }
}
