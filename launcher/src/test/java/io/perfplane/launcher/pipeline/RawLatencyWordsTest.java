package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw service time and TTFB beside the corrected latency in the summary text and JSON. */
class RawLatencyWordsTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final JsonNode analysis = json.readTree("""
      {"requests":200,"p50Ms":90,"p95Ms":100,"p99Ms":101,
       "serviceTime":{"requests":200,"p50Ms":18,"p90Ms":19,"p95Ms":20,"p99Ms":21,"p999Ms":22,"maxMs":23,"meanMs":18.5},
       "ttfb":{"requests":100,"p50Ms":4,"p90Ms":4.5,"p95Ms":5,"p99Ms":6,"p999Ms":6,"maxMs":6,"meanMs":4.2},
       "endpoints":[{"endpoint":"GET /a","requests":100,"rps":10,"errorRate":0,"p50Ms":90,"p95Ms":100,"p99Ms":101,
                     "serviceTime":{"p50Ms":18,"p95Ms":20,"p99Ms":21},"ttfb":{"p50Ms":4,"p95Ms":5,"p99Ms":6}},
                    {"endpoint":"GET /b","requests":100,"rps":10,"errorRate":0,"p50Ms":90,"p95Ms":100,"p99Ms":101,
                     "serviceTime":{"p50Ms":18,"p95Ms":20,"p99Ms":21},"ttfb":null}]}""");

  @Test
  void theSummarySaysRawAndFirstByteBesideCorrected() {
    assertThat(Verdicts.rawLine(analysis)).isEqualTo(
        "  raw        service time p50 18.00 ms   p95 20.00 ms   p99 21.00 ms   TTFB p50 4.00 ms   p95 5.00 ms"
            + "   p99 6.00 ms\n");
    String table = Verdicts.endpointTable(analysis);
    assertThat(table).containsSubsequence("raw p95", "ttfb p95", "GET /a", "100", "20.00", "5.00", "GET /b",
        "20.00", "-", "coordinated omission");
    assertThat(Verdicts.rawLine(json.readTree("{\"p95Ms\":1}"))).as("a run without either").isEmpty();
  }

  @Test
  void theSummaryJsonCarriesThemWithinSchema1() {
    Map<String, Object> doc = SummaryJson.of("analyze", "r1", new Outcome(analysis, json.readTree("[]"), null, null),
        null, 0);

    assertThat(doc.get("serviceTimeMs")).isEqualTo(Map.of("p50", 18.0, "p90", 19.0, "p95", 20.0, "p99", 21.0,
        "p999", 22.0, "max", 23.0, "mean", 18.5));
    assertThat(((Map<?, ?>) doc.get("ttfbMs")).get("p95")).isEqualTo(5.0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> endpoints = (List<Map<String, Object>>) doc.get("endpoints");
    assertThat(endpoints.get(1)).containsEntry("ttfbMs", null);
    assertThat(((Map<?, ?>) endpoints.get(0).get("serviceTimeMs")).get("p99")).isEqualTo(21.0);
    assertThat(doc).as("not fetched: present, null").containsEntry("histograms", null);
  }

  @Test
  void theSummaryJsonCarriesTheAnalyzersHistogramsDocumentAsItIs() {
    JsonNode histograms = json.readTree("""
        {"schema": 1, "runId": "r1", "finished": true, "unit": "us", "significantDigits": 3,
         "encoding": "hdrhistogram-compressed-base64",
         "overall": {"endpoint": "*", "requests": 200, "errors": 0, "latency": "HISTFAAA", "perSecond": null},
         "endpoints": []}""");

    Map<String, Object> doc = SummaryJson.of("run", "r1",
        new Outcome(analysis, json.readTree("[]"), null, null, histograms), null, 0);

    assertThat(doc.get("histograms")).isEqualTo(histograms);
    assertThat(json.readTree(json.writeValueAsString(doc)).at("/histograms/overall/requests").asLong())
        .isEqualTo(200);
  }
}
