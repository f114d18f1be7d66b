package io.perfplane.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowStats;
import org.junit.jupiter.api.Test;

/** The renderer on hand-made models: content, escaping of every user-supplied label, no external resource. */
class HtmlReportTest {

  private static final String XSS = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
  private static final long START_US = 1_800_000_000_000_000L;

  private static ReportModel model(String endpoint, List<ReportModel.SloStatus> slos,
      List<ReportModel.BreachRow> breaches, RunReport.CapacityView capacity) {
    LatencySlice slice = LatencySlice.empty();
    for (int i = 1; i <= 100; i++) {
      slice.record(i * 1000L, i > 98, START_US, START_US + 2_000_000);
    }
    WindowStats stats = WindowStats.of(slice, 2);
    Timeline timeline = new Timeline.Builder(1_800_000_000L, 1_800_000_001L).add(1_800_000_000L, slice).build();
    return new ReportModel(XSS + "run", XSS + "target", "finished", START_US, START_US + 2_000_000, stats,
        timeline, List.of(new ReportModel.EndpointSection(endpoint, stats, timeline)), slos, breaches, capacity,
        Instant.parse("2027-01-15T10:05:00Z"));
  }

  @Test
  void everyUserLabelIsEscaped() {
    String html = HtmlReport.render(model(XSS,
        List.of(new ReportModel.SloStatus(XSS, XSS, "latency_p95", 50, "ms", 10, 95.0, 1)),
        List.of(new ReportModel.BreachRow(XSS, XSS, XSS, 95, 50, "ms", 10, START_US + 1_000_000, null, null)),
        null));

    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x");
  }

  @Test
  void showsHeaderTablesSloStatusBreachesAndIsSelfContained() {
    String html = HtmlReport.render(model("GET /api/items",
        List.of(new ReportModel.SloStatus("items-p95", "GET /api/items", "latency_p95", 50, "ms", 10, 95.0, 0),
            new ReportModel.SloStatus("errors", "*", "error_rate", 0.05, "ratio", 10, 0.02, 0),
            new ReportModel.SloStatus("never", "GET /nope", "latency_p99", 10, "ms", 10, null, 0)),
        List.of(new ReportModel.BreachRow("items-p95", "GET /api/items", "latency_p95", 95, 50, "ms", 10,
            START_US + 1_000_000, START_US + 1_900_000, null)),
        capacity("KNEE", 42.5, 40.0, 44.0, "knee at 42.5 req/s: the SLOs held up to it and broke at 55.0 req/s")));

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("<svg");
    // nothing to fetch: no script, no external stylesheet, image or font
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain(" src=\"").doesNotContain("href=")
        .doesNotContain("https://").doesNotContain("url(");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://");
    assertThat(html).contains("2027-01-15 08:00:00Z → 2027-01-15 08:00:02Z").contains("duration 0:02")
        .contains("<b>100</b><span>requests</span>").contains("<b>2 (2.00%)</b><span>errors</span>");
    // SLOs: 95 ms > 50 ms fails; 2% <= 5% holds; no samples in scope -> unknown
    assertThat(html).containsSubsequence("✗ failed", "items-p95", "≤ 50.0 ms", "95.0 ms", "✓ held", "errors",
        "≤ 5.00%", "2.00%", "title=\"no samples\"", "never");
    assertThat(html).containsSubsequence("id=\"breaches\"", "items-p95", "95.0 ms", "50.0 ms",
        "2027-01-15 08:00:01Z", "(+0:01)", "2027-01-15 08:00:01Z");
    assertThat(html).containsSubsequence("id=\"capacity\"", "Knee reached: 42.5 req/s", "knee at 42.5 req/s",
        "42.5", "req/s at the knee", "40.0 – 44.0", "55.0", "80.00%", "σ 0.0300", "modelled peak 45.0 req/s");
    // per-endpoint row: p50/p90/p95/p99/p99.9/max of 1..100 ms
    assertThat(html).containsSubsequence("<td class=\"l\">GET /api/items</td>", "<td>100</td>", "<td>50.0</td>",
        "<td>2</td>", "2.00%", "<td>50.0</td>", "<td>90.0</td>", "<td>95.0</td>", "<td>99.0</td>", "<td>100</td>",
        "<td>100</td>");
  }

  @Test
  void correctedRawAndFirstByteLatencyAreShownSideBySide() {
    ReportModel plain = model("GET /a", List.of(), List.of(), null);
    LatencySlice service = LatencySlice.empty();
    for (int i = 1; i <= 100; i++) {
      service.record(i * 200L, false, START_US, START_US + 2_000_000); // raw: a fifth of the corrected 1..100 ms
    }
    Timeline serviceTimeline = new Timeline.Builder(1_800_000_000L, 1_800_000_001L).add(1_800_000_000L, service)
        .build();
    RunReport.Percentiles raw = RunReport.Percentiles.of(service);
    RunReport.Percentiles firstByte = new RunReport.Percentiles(50, 1.5, 2, 2.5, 3, 3, 3.1, 1.8);
    ReportModel model = new ReportModel(plain.runId(), plain.targetService(), plain.status(), plain.startUs(),
        plain.endUs(), plain.total(), plain.overall(), plain.endpoints(), plain.slos(), plain.breaches(), null,
        plain.generatedAt(), new ReportModel.RawLatency(serviceTimeline, java.util.Map.of("GET /a", raw, "*", raw),
            java.util.Map.of("*", firstByte)));

    String html = HtmlReport.render(model);

    // GET /a: corrected p50/p95/p99 50/95/99 ms, raw 10/19/19.8 ms, no TTFB of its own; all: TTFB 1.5/2.5/3 ms
    assertThat(html).containsSubsequence("id=\"raw-latency\"", "Corrected vs raw latency", "raw p95", "<svg",
        "<td class=\"l\">GET /a</td>", "<td>50.0</td>", "<td>95.0</td>", "<td>99.0</td>", "<td>10.0</td>",
        "<td>19.0</td>", "<td>19.8</td>", "<td>–</td>", "all endpoints", "<td>1.50</td>", "<td>2.50</td>",
        "<td>3.00</td>");
    assertThat(HtmlReport.render(plain)).contains("No raw service times in this run.");
  }

  @Test
  void aBoundIsSaidToBeABoundNeverAKnee() {
    String lower = HtmlReport.render(model("GET /a", List.of(), List.of(),
        capacity("LOWER_BOUND", 37.9, 37.9, null, "at least 37.9 req/s, not saturated: throughput still grew")));
    String upper = HtmlReport.render(model("GET /a", List.of(), List.of(),
        capacity("UPPER_BOUND", 500, null, 500.0, "below 500.0 req/s: the SLOs failed from the lowest load")));

    assertThat(lower).containsSubsequence("Not saturated: capacity ≥ 37.9 req/s", "not saturated", "≥ 37.9",
        "37.9 – ∞").doesNotContain("Knee reached").doesNotContain("req/s at the knee");
    assertThat(lower).as("R² 0.97: the peak is read").contains("modelled peak 45.0 req/s");
    String poorFit = HtmlReport.render(model("GET /a", List.of(), List.of(),
        new RunReport.CapacityView("r", "t", START_US, true, 50, 2, null, 1, null, 50, 90, 0.6, "LOWER_BOUND", false,
            50.0, null, "kneedle", "at least 50.0 req/s", new RunReport.UslView(0.98, 0.0009, 49.6, 4.1, 50.0, 0.01,
            112))));
    assertThat(poorFit).contains("R² 0.01").contains("do not follow the model").doesNotContain("modelled peak");
    assertThat(upper).containsSubsequence("SLOs failed from the lowest load: capacity with SLOs held &lt; 500.0",
        "&lt; 500.0", "0 – 500.0").doesNotContain("Knee reached");
  }

  private static RunReport.CapacityView capacity(String kind, double rps, Double low, Double high, String evidence) {
    return new RunReport.CapacityView("r", "api-service", START_US, false, rps, 8, 55.0, 1, null, rps, 12.5, 0.8,
        kind, kind.equals("KNEE"), low, high, "slo", evidence,
        new RunReport.UslView(0.03, 0.0004, 5.0, 48.5, 45.0, 0.97, 30));
  }

  @Test
  void openBreachesAtRunEndAndMissingCapacityAreSaid() {
    String html = HtmlReport.render(model("GET /a", List.of(),
        List.of(new ReportModel.BreachRow("s", "GET /a", "latency_p95", 95, 50, "ms", 2, START_US, null, null)),
        null));

    assertThat(html).contains("open at run end").contains("No SLOs configured.").contains("Not estimated yet");
  }
}
