package io.perfplane.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TimeSharesSectionTest {

  private static final String XSS = "<script>x</script>";

  @Test
  void eachEndpointGetsAStackedBarAtP50AndP95AndTheBottleneckIsNamed() {
    List<Measurements.MeasurementView> views = List.of(
        new Measurements.MeasurementView("server_timing.db", "ms", 100, 40, 60, 80),
        new Measurements.MeasurementView("web_vital.cls", "score", 100, 0.05, 0.1, 0.2));
    Measurements.EndpointMeasurements slow = new Measurements.EndpointMeasurements("GET /slow" + XSS, views,
        Measurements.Checks.of(95, 5), Measurements.shares(views, 80, 100));
    Measurements.EndpointMeasurements quiet = new Measurements.EndpointMeasurements("GET /quiet", List.of(), null,
        List.of());
    StringBuilder html = new StringBuilder();

    TimeSharesSection.render(html, new Measurements(List.of(slow, quiet), "GET /slow" + XSS));

    // db: p50 40/80 = 50 %, p95 60/100 = 60 %; the rest other.
    assertThat(html.toString()).containsSubsequence("Where the time goes", "Likely bottleneck",
        "GET /slow&lt;script&gt;", "p50", "<rect x=\"0.0\"", "fill=\"" + TimeSharesSection.DB_COLOR + "\"",
        "server_timing.db 50.0%", "fill=\"" + TimeSharesSection.OTHER_COLOR + "\"", "other 50.0%", "p95",
        "server_timing.db 60.0%", "other 40.0%", "<table>", "server_timing.db", "<td>100</td>", "<td>40.0</td>",
        "web_vital.cls", "0.100", "checks passed", "95.00%");
    assertThat(html.toString()).doesNotContain("<script>").doesNotContain("<h3>GET /quiet</h3>");
  }

  @Test
  void aRunWithoutMeasurementsHasNoSection() {
    StringBuilder html = new StringBuilder();
    TimeSharesSection.render(html, Measurements.NONE);
    assertThat(html).isEmpty();
  }
}
