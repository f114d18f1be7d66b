package io.perfplane.analyzer.report;

import java.util.ArrayList;
import java.util.List;

import io.perfplane.analyzer.window.WindowStats;
import io.perfplane.contracts.slo.Slo;
import org.jspecify.annotations.Nullable;

/**
 * The report's "Corrected vs raw" section: the corrected latency (from each request's intended start, so a stalled
 * load generator cannot hide waiting) beside the raw service time (from its actual start) and the time to first
 * byte, over time and per endpoint. The gap between corrected and raw is time requests waited to be sent: queueing
 * the server caused, which a raw-only tool would not show.
 */
final class RawLatencySection {

  private RawLatencySection() {
  }

  static void render(StringBuilder html, ReportModel model) {
    ReportModel.RawLatency raw = model.raw();
    html.append("<section id=\"raw-latency\"><h2>Corrected vs raw latency</h2>");
    if (raw.serviceTime().isEmpty()) {
      html.append("<p class=\"note\">No raw service times in this run.</p></section>");
      return;
    }
    html.append("<p class=\"note\">Corrected: from the request's intended start (coordinated omission corrected). ")
        .append("Raw: service time from the actual start. TTFB: time to first byte from the actual start, where the ")
        .append("client reported it. Corrected above raw is time requests waited before they could be sent.</p>");
    Timeline corrected = model.overall();
    Timeline service = raw.serviceOverall();
    if (service != null && service.buckets().size() == corrected.buckets().size()) {
      html.append("<div class=\"card\"><h3>p95 and p99, all endpoints <span class=\"sub\">(")
          .append(HtmlReport.bucketLabel(corrected)).append(" buckets)</span></h3>");
      HtmlReport.legend(html, List.of(new HtmlReport.Swatch(HtmlReport.P95_COLOR, "corrected p95", ""),
          new HtmlReport.Swatch(HtmlReport.P99_COLOR, "corrected p99", ""),
          new HtmlReport.Swatch(HtmlReport.P95_COLOR, "raw p95", "dash"),
          new HtmlReport.Swatch(HtmlReport.P99_COLOR, "raw p99", "dash")), false);
      html.append(SvgChart.WIDE.render("Corrected and raw latency over time, all endpoints", corrected,
          series(corrected, service), "latency (ms)", List.of()));
      html.append("</div>");
    }
    html.append("<table><tr><th class=\"l\">endpoint</th><th>corrected p50</th><th>corrected p95</th>")
        .append("<th>corrected p99</th><th>raw p50</th><th>raw p95</th><th>raw p99</th><th>TTFB p50</th>")
        .append("<th>TTFB p95</th><th>TTFB p99</th></tr>");
    for (ReportModel.EndpointSection endpoint : model.endpoints()) {
      row(html, Html.escape(endpoint.endpoint()), endpoint.stats(), raw.serviceTime().get(endpoint.endpoint()),
          raw.ttfb().get(endpoint.endpoint()), "");
    }
    row(html, "all endpoints", model.total(), raw.serviceTime().get(Slo.ALL_ENDPOINTS),
        raw.ttfb().get(Slo.ALL_ENDPOINTS), " class=\"total\"");
    html.append("</table><p class=\"note\">All figures in ms; – where no request reported the time.</p></section>");
  }

  /** Corrected p99/p95 as lines, raw p99/p95 dashed, in the same colours; buckets without requests are gaps. */
  static List<SvgChart.Series> series(Timeline corrected, Timeline service) {
    List<SvgChart.Series> series = new ArrayList<>();
    series.add(new SvgChart.Series("corrected p99", HtmlReport.P99_COLOR, SvgChart.Style.LINE,
        HtmlReport.values(corrected, Timeline.Bucket::p99Ms, true)));
    series.add(new SvgChart.Series("corrected p95", HtmlReport.P95_COLOR, SvgChart.Style.LINE,
        HtmlReport.values(corrected, Timeline.Bucket::p95Ms, true)));
    series.add(new SvgChart.Series("raw p99", HtmlReport.P99_COLOR, SvgChart.Style.DASHED,
        HtmlReport.values(service, Timeline.Bucket::p99Ms, true)));
    series.add(new SvgChart.Series("raw p95", HtmlReport.P95_COLOR, SvgChart.Style.DASHED,
        HtmlReport.values(service, Timeline.Bucket::p95Ms, true)));
    return series;
  }

  private static void row(StringBuilder html, String escapedName, WindowStats corrected,
      RunReport.@Nullable Percentiles service, RunReport.@Nullable Percentiles ttfb, String rowAttributes) {
    html.append("<tr").append(rowAttributes).append("><td class=\"l\">").append(escapedName).append("</td>");
    cells(html, corrected.p50Ms(), corrected.p95Ms(), corrected.p99Ms());
    if (service == null) {
      html.append("<td>–</td><td>–</td><td>–</td>");
    } else {
      cells(html, service.p50Ms(), service.p95Ms(), service.p99Ms());
    }
    if (ttfb == null) {
      html.append("<td>–</td><td>–</td><td>–</td>");
    } else {
      cells(html, ttfb.p50Ms(), ttfb.p95Ms(), ttfb.p99Ms());
    }
    html.append("</tr>");
  }

  private static void cells(StringBuilder html, double p50, double p95, double p99) {
    html.append("<td>").append(HtmlReport.ms(p50)).append("</td><td>").append(HtmlReport.ms(p95))
        .append("</td><td>").append(HtmlReport.ms(p99)).append("</td>");
  }
}
