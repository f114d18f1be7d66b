package io.perfplane.analyzer.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.WindowStats;

/**
 * Renders a {@link ReportModel} as one self-contained HTML page: inline CSS and inline SVG charts, no script and no
 * external resource, so the saved file opens offline. Every label is escaped ({@link Html#escape}).
 */
public final class HtmlReport {

  /** Colour of the p50 latency line (CSS hex); public so a screenshot test can find the drawn lines. */
  public static final String P50_COLOR = "#0072b2";
  /** Colour of the p95 latency line (CSS hex). */
  public static final String P95_COLOR = "#e69f00";
  static final String P99_COLOR = "#d55e00";
  static final String MAX_COLOR = "#7a7a7a";
  /** Colour of the throughput line (CSS hex). */
  public static final String RPS_COLOR = "#009e73";
  /** Colour of HTTP 5xx errors, the most common cause (CSS hex). */
  public static final String ERROR_COLOR = "#c0392b";
  /** Error colours in {@link ErrorCounts.Cause} order, then unclassified errors. */
  private static final String[] CAUSE_COLORS = {"#e67e22", ERROR_COLOR, "#f1c40f", "#8e44ad", "#34495e", "#16a085",
      "#7f8c8d", "#a569bd", "#bdc3c7"};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final long US_PER_SECOND = 1_000_000L;

  private static final String CSS = """
      :root{--fg:#1d2330;--muted:#5b6475;--line:#e3e6eb;--ok:#1e7b34;--bad:#b42318;--warn:#9a6700}
      *{box-sizing:border-box}
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);
        margin:0;background:#f6f7f9}
      main{max-width:1220px;margin:0 auto;padding:20px 24px 40px}
      h1{font-size:22px;margin:0 0 4px}
      h2{font-size:17px;margin:28px 0 8px}
      h3{font-size:14px;margin:0 0 4px;word-break:break-all}
      .sub{color:var(--muted)}
      .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px}
      .kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin-top:14px}
      .kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px}
      .kpi b{display:block;font-size:18px}
      .kpi span{color:var(--muted);font-size:12px}
      .badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;font-weight:600;
        vertical-align:middle;color:#fff;background:var(--muted)}
      .badge.finished{background:var(--ok)}.badge.aborted{background:var(--bad)}.badge.running{background:#0072b2}
      .badge.finishing{background:var(--warn)}
      table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px}
      th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
      th{font-size:12px;color:var(--muted);font-weight:600;background:#fafbfc}
      td.l,th.l{text-align:left;white-space:normal;word-break:break-all}
      .ok{color:var(--ok);font-weight:700}.bad{color:var(--bad);font-weight:700}.na{color:var(--muted)}
      .legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:var(--muted);margin:2px 0 4px}
      .sw{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:5px}
      .sw.dash{background:repeating-linear-gradient(90deg,currentColor 0 4px,transparent 4px 7px)!important;
        height:2px}
      .sw.box{height:10px;width:10px}
      svg.chart{width:100%;height:auto;display:block}
      svg .grid{stroke:#eceef2;stroke-width:1}
      svg .axis{stroke:#9aa1ad;stroke-width:1}
      svg .tick{font-size:11px;fill:#5b6475}
      svg .axis-title{font-size:12px;fill:#3b4252}
      svg .line{fill:none;stroke-width:1.8;stroke-linejoin:round;stroke-linecap:round}
      svg .line.dashed{stroke-dasharray:5 4;stroke-width:1.3}
      svg .area{opacity:.15}
      svg .marker{stroke:#b42318;stroke-width:1.5;stroke-dasharray:3 3}
      .multiples{display:grid;grid-template-columns:1fr 1fr;gap:12px}
      .note{font-size:12px;color:var(--muted);margin-top:6px}
      footer{margin-top:30px;font-size:12px;color:var(--muted)}
      """;

  private HtmlReport() {
  }

  /** A legend entry; {@code shape} is a CSS class of the swatch: "" (line), "dash" or "box". */
  record Swatch(String color, String label, String shape) {
  }

  public static String render(ReportModel model) {
    StringBuilder html = new StringBuilder(64 * 1024);
    String runId = Html.escape(model.runId());
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>perfplane run ").append(runId).append("</title><style>").append(CSS)
        .append("</style></head><body><main>");
    header(html, model);
    slos(html, model);
    charts(html, model);
    endpointTable(html, model);
    endpointCharts(html, model);
    RawLatencySection.render(html, model);
    TimeSharesSection.render(html, model.measurements());
    breaches(html, model);
    CapacitySection.render(html, model.capacity());
    html.append("<footer>Generated by the perfplane analyzer at ").append(time(model.generatedAt()))
        .append(". Latencies are coordinated-omission corrected (HdrHistogram, within 0.1%) unless marked raw; ")
        .append("percentiles over time ")
        .append("are merged from per-second histograms, never averaged. Self-contained: no script, no network.")
        .append("</footer></main></body></html>\n");
    return html.toString();
  }

  private static void header(StringBuilder html, ReportModel model) {
    WindowStats total = model.total();
    html.append("<header><h1>Run <span class=\"runid\">").append(Html.escape(model.runId()))
        .append("</span> <span class=\"badge ").append(Html.escape(model.status())).append("\">")
        .append(Html.escape(model.status())).append("</span></h1>");
    html.append("<div class=\"sub\">target <b>").append(Html.escape(model.targetService())).append("</b> · ");
    if (model.startUs() != null && model.endUs() != null) {
      html.append(time(model.startUs())).append(" → ").append(time(model.endUs())).append(" · duration ")
          .append(SvgChart.clock(Math.round(total.seconds())));
    } else {
      html.append("no samples yet");
    }
    html.append("</div><div class=\"kpis\">");
    kpi(html, count(total.requests()), "requests");
    kpi(html, fixed(total.rps(), 1), "mean throughput (req/s)");
    kpi(html, count(total.errors()) + " (" + percent(total.errorRate()) + ")", "errors");
    kpi(html, ms(total.p50Ms()), "p50 latency (ms)");
    kpi(html, ms(total.p95Ms()), "p95 latency (ms)");
    kpi(html, ms(total.p99Ms()), "p99 latency (ms)");
    kpi(html, ms(total.p999Ms()), "p99.9 latency (ms)");
    kpi(html, ms(total.maxMs()), "max latency (ms)");
    kpi(html, ms(total.meanMs()), "mean latency (ms)");
    kpi(html, count(total.late()), "late samples");
    html.append("</div></header>");
  }

  static void kpi(StringBuilder html, String value, String label) {
    html.append("<div class=\"kpi\"><b>").append(Html.escape(value)).append("</b><span>").append(Html.escape(label))
        .append("</span></div>");
  }

  private static void slos(StringBuilder html, ReportModel model) {
    html.append("<section id=\"slos\"><h2>SLO status</h2>");
    if (model.slos().isEmpty()) {
      html.append("<p class=\"note\">No SLOs configured.</p></section>");
      return;
    }
    html.append("<table><tr><th>status</th><th class=\"l\">SLO</th><th class=\"l\">endpoint</th>")
        .append("<th class=\"l\">indicator</th><th>objective</th><th>observed (whole run)</th><th>window</th>")
        .append("<th>breaches</th></tr>");
    for (ReportModel.SloStatus slo : model.slos()) {
      Boolean held = slo.held();
      String mark = held == null ? "<span class=\"na\" title=\"no samples\">–</span>"
          : held ? "<span class=\"ok\" title=\"held\">✓ held</span>" : "<span class=\"bad\" title=\"failed\">✗ failed</span>";
      html.append("<tr class=\"slo\"><td>").append(mark).append("</td><td class=\"l\">").append(Html.escape(slo.id()))
          .append("</td><td class=\"l\">").append(Html.escape(slo.endpoint())).append("</td><td class=\"l\">")
          .append(Html.escape(slo.indicator())).append("</td><td>≤ ").append(value(slo.objective(), slo.unit()))
          .append("</td><td>").append(slo.observed() == null ? "–" : value(slo.observed(), slo.unit()))
          .append("</td><td>").append(slo.windowSeconds()).append(" s</td><td>").append(slo.breaches())
          .append("</td></tr>");
    }
    html.append("</table></section>");
  }

  private static void charts(StringBuilder html, ReportModel model) {
    Timeline timeline = model.overall();
    html.append("<section id=\"charts\"><h2>Over time <span class=\"sub\">(").append(bucketLabel(timeline))
        .append(" buckets, all endpoints)</span></h2><div class=\"card\">");
    html.append("<h3>Latency percentiles</h3>");
    legend(html, latencyLegend(), !model.breaches().isEmpty());
    html.append(SvgChart.WIDE.render("Latency percentiles over time, all endpoints", timeline,
        latencySeries(timeline), "latency (ms)", breachMarkers(model)));
    html.append("<h3>Throughput</h3>");
    legend(html, List.of(new Swatch(RPS_COLOR, "requests/s", "")), false);
    html.append(SvgChart.WIDE.render("Throughput over time", timeline,
        List.of(new SvgChart.Series("requests/s", RPS_COLOR, SvgChart.Style.AREA,
            values(timeline, Timeline.Bucket::rps, false))), "throughput (req/s)", List.of()));
    html.append("<h3>Errors</h3>");
    List<SvgChart.Series> errors = errorSeries(timeline);
    if (errors.isEmpty()) {
      html.append("<p class=\"note\">No errors.</p>");
    } else {
      legend(html, errors.stream().map(e -> new Swatch(e.color(), e.name(), "box")).toList(), false);
      html.append(SvgChart.WIDE.render("Errors over time by cause", timeline, errors, "errors (req/s)", List.of()));
    }
    html.append("</div></section>");
  }

  private static void endpointTable(StringBuilder html, ReportModel model) {
    html.append("<section id=\"endpoints\"><h2>Endpoints</h2><table><tr><th class=\"l\">endpoint</th>")
        .append("<th>requests</th><th>req/s</th><th>errors</th><th>error rate</th><th>p50 ms</th><th>p90 ms</th>")
        .append("<th>p95 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
    for (ReportModel.EndpointSection endpoint : model.endpoints()) {
      endpointRow(html, Html.escape(endpoint.endpoint()), endpoint.stats(), "");
    }
    endpointRow(html, "all endpoints", model.total(), " class=\"total\"");
    html.append("</table></section>");
  }

  private static void endpointRow(StringBuilder html, String escapedName, WindowStats s, String rowAttributes) {
    html.append("<tr").append(rowAttributes).append("><td class=\"l\">").append(escapedName).append("</td><td>")
        .append(count(s.requests())).append("</td><td>").append(fixed(s.rps(), 1)).append("</td><td>")
        .append(count(s.errors())).append("</td><td").append(s.errors() > 0 ? " class=\"bad\"" : "").append('>')
        .append(percent(s.errorRate())).append("</td><td>").append(ms(s.p50Ms())).append("</td><td>")
        .append(ms(s.p90Ms())).append("</td><td>").append(ms(s.p95Ms())).append("</td><td>").append(ms(s.p99Ms()))
        .append("</td><td>").append(ms(s.p999Ms())).append("</td><td>").append(ms(s.maxMs())).append("</td></tr>");
  }

  private static void endpointCharts(StringBuilder html, ReportModel model) {
    List<ReportModel.EndpointSection> charted =
        model.endpoints().stream().filter(e -> e.timeline() != null).toList();
    if (charted.isEmpty()) {
      return;
    }
    html.append("<section id=\"endpoint-charts\"><h2>Latency per endpoint</h2>");
    legend(html, latencyLegend(), false);
    html.append("<div class=\"multiples\">");
    for (ReportModel.EndpointSection endpoint : charted) {
      Timeline timeline = endpoint.timeline();
      html.append("<div class=\"card\"><h3>").append(Html.escape(endpoint.endpoint())).append("</h3>")
          .append(SvgChart.SMALL.render("Latency percentiles over time, " + endpoint.endpoint(), timeline,
              latencySeries(timeline), "latency (ms)", List.of()))
          .append("</div>");
    }
    html.append("</div>");
    if (charted.size() < model.endpoints().size()) {
      html.append("<p class=\"note\">Charts for the first ").append(charted.size()).append(" of ")
          .append(model.endpoints().size()).append(" endpoints; the table lists all of them.</p>");
    }
    html.append("</section>");
  }

  private static void breaches(StringBuilder html, ReportModel model) {
    html.append("<section id=\"breaches\"><h2>SLO breaches</h2>");
    if (model.breaches().isEmpty()) {
      html.append("<p class=\"note\">No breaches.</p></section>");
      return;
    }
    html.append("<table><tr><th class=\"l\">SLO</th><th class=\"l\">endpoint</th><th class=\"l\">indicator</th>")
        .append("<th>observed (latest)</th><th>objective</th><th>window</th><th>burn rate</th><th>opened</th>")
        .append("<th>resolved</th></tr>");
    for (ReportModel.BreachRow breach : model.breaches()) {
      html.append("<tr class=\"breach\"><td class=\"l\">").append(Html.escape(breach.sloId()))
          .append("</td><td class=\"l\">").append(Html.escape(breach.endpoint())).append("</td><td class=\"l\">")
          .append(Html.escape(breach.indicator())).append("</td><td")
          .append(breach.observed() > breach.objective() ? " class=\"bad\">" : ">")
          .append(value(breach.observed(), breach.unit())).append("</td><td>")
          .append(value(breach.objective(), breach.unit())).append("</td><td>").append(breach.windowSeconds())
          .append(" s</td><td>").append(breach.burnRate() == null ? "–" : fixed(breach.burnRate(), 1) + "×")
          .append("</td><td>").append(time(breach.openedAtUs())).append(offset(model, breach.openedAtUs()))
          .append("</td><td>").append(breach.resolvedAtUs() == null ? openLabel(model)
              : time(breach.resolvedAtUs())).append("</td></tr>");
    }
    html.append("</table><p class=\"note\">Opened: end of the first violating window (sample time, and offset ")
        .append("from the run start as marked on the latency chart). Observed: the value that opened it, or ")
        .append("resolved it. Resolved: when the objective had held again for the SLO's keepFiringFor (event time, like ")
        .append("opened). A breach found by ")
        .append("the final whole-run check stays open.</p></section>");
  }

  private static String openLabel(ReportModel model) {
    boolean ended = "finished".equals(model.status()) || "aborted".equals(model.status());
    return "<span class=\"bad\">" + (ended ? "open at run end" : "open") + "</span>";
  }

  private static List<Swatch> latencyLegend() {
    return List.of(new Swatch(P50_COLOR, "p50", ""), new Swatch(P95_COLOR, "p95", ""),
        new Swatch(P99_COLOR, "p99", ""), new Swatch(MAX_COLOR, "max", "dash"));
  }

  static void legend(StringBuilder html, List<Swatch> entries, boolean breachMarker) {
    html.append("<div class=\"legend\">");
    for (Swatch entry : entries) {
      html.append("<span><span class=\"sw ").append(entry.shape()).append("\" style=\"background:").append(entry.color())
          .append(";color:").append(entry.color()).append("\"></span>").append(Html.escape(entry.label())).append("</span>");
    }
    if (breachMarker) {
      html.append("<span><span class=\"sw dash\" style=\"color:#b42318\"></span>breach opened</span>");
    }
    html.append("</div>");
  }

  /** p50/p95/p99 lines and a dashed max line; buckets without requests are gaps. */
  static List<SvgChart.Series> latencySeries(Timeline timeline) {
    // Drawn bottom-up: max underneath, p50 on top, so the lower percentiles stay visible where the lines meet.
    return List.of(
        new SvgChart.Series("max", MAX_COLOR, SvgChart.Style.DASHED, values(timeline, Timeline.Bucket::maxMs, true)),
        new SvgChart.Series("p99", P99_COLOR, SvgChart.Style.LINE, values(timeline, Timeline.Bucket::p99Ms, true)),
        new SvgChart.Series("p95", P95_COLOR, SvgChart.Style.LINE, values(timeline, Timeline.Bucket::p95Ms, true)),
        new SvgChart.Series("p50", P50_COLOR, SvgChart.Style.LINE, values(timeline, Timeline.Bucket::p50Ms, true)));
  }

  /** Errors per second stacked by cause, only causes that occurred in the run. */
  static List<SvgChart.Series> errorSeries(Timeline timeline) {
    List<SvgChart.Series> series = new ArrayList<>();
    for (ErrorCounts.Cause cause : ErrorCounts.Cause.values()) {
      double[] values = values(timeline, b -> b.errorsPerSecond(cause), false);
      if (Arrays.stream(values).anyMatch(v -> v > 0)) {
        series.add(new SvgChart.Series(cause.label(), CAUSE_COLORS[cause.ordinal()], SvgChart.Style.STACKED_BARS,
            values));
      }
    }
    double[] unclassified = values(timeline, Timeline.Bucket::unclassifiedErrorsPerSecond, false);
    if (Arrays.stream(unclassified).anyMatch(v -> v > 0)) {
      series.add(new SvgChart.Series("unclassified", CAUSE_COLORS[CAUSE_COLORS.length - 1],
          SvgChart.Style.STACKED_BARS, unclassified));
    }
    return series;
  }

  static double[] values(Timeline timeline, ToDoubleFunction<Timeline.Bucket> value, boolean gapWhenEmpty) {
    double[] values = new double[timeline.buckets().size()];
    for (int i = 0; i < values.length; i++) {
      Timeline.Bucket bucket = timeline.buckets().get(i);
      values[i] = gapWhenEmpty && bucket.requests() == 0 ? Double.NaN : value.applyAsDouble(bucket);
    }
    return values;
  }

  private static List<SvgChart.Marker> breachMarkers(ReportModel model) {
    List<SvgChart.Marker> markers = new ArrayList<>();
    for (ReportModel.BreachRow breach : model.breaches()) {
      double offset = (breach.openedAtUs() - model.overall().firstSecond() * US_PER_SECOND) / 1e6;
      markers.add(new SvgChart.Marker(offset, "breach of " + breach.sloId() + " on " + breach.endpoint()
          + " opened at " + SvgChart.clock(Math.round(offset))));
    }
    return markers;
  }

  private static String offset(ReportModel model, long atUs) {
    long seconds = Math.round((atUs - model.overall().firstSecond() * US_PER_SECOND) / 1e6);
    return seconds >= 0 ? " <span class=\"sub\">(+" + SvgChart.clock(seconds) + ")</span>" : "";
  }

  static String bucketLabel(Timeline timeline) {
    int s = timeline.bucketSeconds();
    return s < 60 ? s + " s" : s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }

  private static String value(double value, String unit) {
    return "ratio".equals(unit) ? percent(value) : ms(value) + " ms";
  }

  /** Milliseconds with three significant digits or whole milliseconds from 100 ms. */
  static String ms(double ms) {
    if (ms >= 100) {
      return fixed(ms, 0);
    }
    return fixed(ms, ms >= 10 ? 1 : 2);
  }

  static String percent(double ratio) {
    return fixed(ratio * 100, ratio > 0 && ratio < 0.001 ? 3 : 2) + "%";
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String time(long epochUs) {
    return TIME.format(Instant.ofEpochSecond(0, epochUs * 1000));
  }

  private static String time(Instant instant) {
    return TIME.format(instant);
  }
}
