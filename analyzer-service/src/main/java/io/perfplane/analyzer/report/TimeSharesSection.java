package io.perfplane.analyzer.report;

import java.util.List;
import java.util.Locale;

/**
 * The report's "Where the time goes" section: per endpoint, a stacked bar of its latency at p50 and at p95 split into
 * its server timings ({@code server_timing.db} first in its own colour, the others, then the rest), the likely
 * bottleneck (largest database share at p95), and a table of the named measurements and check pass rates. Inline
 * SVG, no script.
 */
final class TimeSharesSection {

  /** Colour of the database share (CSS hex). */
  static final String DB_COLOR = "#cc79a7";
  /** Colour of the rest of the latency. */
  static final String OTHER_COLOR = "#bbbbbb";
  /** Colours of other server timings, in turn. */
  private static final List<String> TIMING_COLORS = List.of("#56b4e9", "#f0e442", "#009e73", "#e69f00");
  private static final int BAR_WIDTH = 480;
  private static final int BAR_HEIGHT = 16;

  private TimeSharesSection() {
  }

  static void render(StringBuilder html, Measurements measurements) {
    if (measurements.endpoints().isEmpty()) {
      return; // a run without named measurements or checks has nothing to say here
    }
    html.append("<section id=\"time-shares\"><h2>Where the time goes</h2>");
    if (measurements.likelyBottleneck() != null) {
      html.append("<p>Likely bottleneck: <strong>").append(Html.escape(measurements.likelyBottleneck()))
          .append("</strong> (largest database share of its p95 latency).</p>");
    }
    html.append("<p class=\"note\">Each server timing's percentile over the endpoint's latency percentile; percentiles")
        .append(" of parts do not add up exactly, so the shares are a guide. Grey: the rest.</p>");
    for (Measurements.EndpointMeasurements endpoint : measurements.endpoints()) {
      if (endpoint.shares().isEmpty()) {
        continue;
      }
      html.append("<div class=\"card\"><h3>").append(endpoint.endpoint().equals("*") ? "all endpoints"
          : Html.escape(endpoint.endpoint())).append("</h3>");
      bar(html, endpoint, true);
      bar(html, endpoint, false);
      html.append("</div>");
    }
    html.append("<table><tr><th class=\"l\">endpoint</th><th class=\"l\">measurement</th><th>count</th>")
        .append("<th>p50</th><th>p95</th><th>p99</th></tr>");
    for (Measurements.EndpointMeasurements endpoint : measurements.endpoints()) {
      String name = endpoint.endpoint().equals("*") ? "all endpoints" : Html.escape(endpoint.endpoint());
      for (Measurements.MeasurementView m : endpoint.measurements()) {
        html.append("<tr><td class=\"l\">").append(name).append("</td><td class=\"l\">").append(Html.escape(m.name()))
            .append("</td><td>").append(m.count()).append("</td>");
        for (double value : new double[] {m.p50(), m.p95(), m.p99()}) {
          html.append("<td>").append(m.unit().equals("ms") ? HtmlReport.ms(value) : HtmlReport.fixed(value, 3))
              .append("</td>");
        }
        html.append("</tr>");
      }
      if (endpoint.checks() != null) {
        html.append("<tr><td class=\"l\">").append(name).append("</td><td class=\"l\">checks passed</td><td>")
            .append(endpoint.checks().passed() + endpoint.checks().failed()).append("</td><td colspan=\"3\">")
            .append(HtmlReport.percent(endpoint.checks().passRate())).append("</td></tr>");
      }
    }
    html.append("</table><p class=\"note\">Durations in ms; scores unitless.</p></section>");
  }

  /** One stacked bar: the shares at p50 or at p95, each segment titled with its name and percentage. */
  private static void bar(StringBuilder html, Measurements.EndpointMeasurements endpoint, boolean p50) {
    html.append("<div><span class=\"sub\">").append(p50 ? "p50" : "p95").append("</span> <svg role=\"img\" width=\"")
        .append(BAR_WIDTH).append("\" height=\"").append(BAR_HEIGHT).append("\" viewBox=\"0 0 ").append(BAR_WIDTH)
        .append(' ').append(BAR_HEIGHT).append("\"><title>").append(p50 ? "p50" : "p95").append(" shares of ")
        .append(Html.escape(endpoint.endpoint())).append("</title>");
    double x = 0;
    int other = 0;
    for (Measurements.Share share : endpoint.shares()) {
      double fraction = Math.max(0, Math.min(1 - x / BAR_WIDTH, p50 ? share.p50() : share.p95()));
      double width = fraction * BAR_WIDTH;
      String color = share.name().equals(Measurements.DATABASE) ? DB_COLOR
          : share.name().equals(Measurements.OTHER) ? OTHER_COLOR : TIMING_COLORS.get(other++ % TIMING_COLORS.size());
      html.append("<rect x=\"").append(SvgChart.num(x)).append("\" y=\"0\" width=\"").append(SvgChart.num(width))
          .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(color).append("\"><title>")
          .append(Html.escape(share.name())).append(' ')
          .append(String.format(Locale.ROOT, "%.1f%%", fraction * 100)).append("</title></rect>");
      x += width;
    }
    html.append("</svg> ");
    for (Measurements.Share share : endpoint.shares()) {
      html.append("<span class=\"sub\">").append(Html.escape(share.name())).append(' ')
          .append(String.format(Locale.ROOT, "%.0f%%", (p50 ? share.p50() : share.p95()) * 100)).append("</span> ");
    }
    html.append("</div>");
  }
}
