package io.perfplane.analyzer.report;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The report's capacity section: what kind of evidence the figure rests on, in words first, then the figures. */
final class CapacitySection {

  /** Below this R² a USL fit explains too little of the throughput to read a peak from it. */
  static final double MEANINGFUL_R_SQUARED = 0.5;

  private CapacitySection() {
  }

  static void render(StringBuilder html, RunReport.@Nullable CapacityView capacity) {
    html.append("<section id=\"capacity\"><h2>Capacity</h2>");
    if (capacity == null) {
      html.append("<p class=\"note\">Not estimated yet: capacity is decided when the run is finalized.")
          .append("</p></section>");
      return;
    }
    html.append("<p><b>").append(Html.escape(headline(capacity))).append("</b>");
    if (!capacity.evidence().isBlank()) {
      html.append(" — ").append(Html.escape(capacity.evidence()));
    }
    html.append("</p><div class=\"kpis\">");
    HtmlReport.kpi(html, capacity.sloHeld() ? "✓ held" : "✗ broke", "SLOs over the run");
    HtmlReport.kpi(html, figureLabel(capacity), figureCaption(capacity));
    HtmlReport.kpi(html, range(capacity), "capacity range (req/s)");
    HtmlReport.kpi(html, capacity.concurrencyAtSlo() > 0 ? Integer.toString(capacity.concurrencyAtSlo()) : "–",
        "concurrency at that point");
    HtmlReport.kpi(html, capacity.breakingRps() == null ? "–" : HtmlReport.fixed(capacity.breakingRps(), 1),
        "req/s where SLOs broke");
    HtmlReport.kpi(html, HtmlReport.ms(capacity.p95AtCapacityMs()), "p95 there (ms)");
    HtmlReport.kpi(html, HtmlReport.percent(capacity.confidence()), "confidence");
    html.append("</div>");
    RunReport.UslView usl = capacity.usl();
    if (usl != null) {
      html.append("<p class=\"note\">Universal Scalability Law fit of throughput against requests in flight (")
          .append(usl.points()).append(" windows, R² ").append(HtmlReport.fixed(usl.rSquared(), 2)).append("): σ ")
          .append(String.format(Locale.ROOT, "%.4f", usl.sigma())).append(", κ ")
          .append(String.format(Locale.ROOT, "%.6f", usl.kappa())).append(", λ ")
          .append(HtmlReport.fixed(usl.lambda(), 2)).append(" req/s");
      if (usl.rSquared() < MEANINGFUL_R_SQUARED) {
        html.append(". The points do not follow the model (the load barely varied, or noise dominates): ")
            .append("no peak is read from it.</p>");
      } else {
        if (usl.peakRps() != null && usl.peakConcurrency() != null) {
          html.append("; modelled peak ").append(HtmlReport.fixed(usl.peakRps(), 1)).append(" req/s at ")
              .append(HtmlReport.fixed(usl.peakConcurrency(), 1)).append(" in flight");
        }
        html.append(". The model is shown beside the decision, not used for it.</p>");
      }
    }
    html.append("</section>");
  }

  /** The kind of capacity in words, e.g. "Knee reached: 196.3 req/s". */
  static String headline(RunReport.CapacityView capacity) {
    String rps = HtmlReport.fixed(capacity.maxSustainedRps(), 1);
    return switch (capacity.kind()) {
      case "KNEE" -> "Knee reached: " + rps + " req/s";
      case "LOWER_BOUND" -> "Not saturated: capacity ≥ " + rps + " req/s";
      case "UPPER_BOUND" -> "SLOs failed from the lowest load: capacity with SLOs held < " + rps + " req/s";
      default -> "Capacity unknown";
    };
  }

  private static String figureLabel(RunReport.CapacityView capacity) {
    String rps = HtmlReport.fixed(capacity.maxSustainedRps(), 1);
    return switch (capacity.kind()) {
      case "LOWER_BOUND" -> "≥ " + rps;
      case "UPPER_BOUND" -> "< " + rps;
      default -> rps;
    };
  }

  private static String figureCaption(RunReport.CapacityView capacity) {
    return switch (capacity.kind()) {
      case "KNEE" -> "req/s at the knee";
      case "LOWER_BOUND" -> "req/s: highest seen with SLOs held";
      case "UPPER_BOUND" -> "req/s: lowest seen, SLOs already failing";
      default -> "req/s";
    };
  }

  private static String range(RunReport.CapacityView capacity) {
    Double low = capacity.lowRps();
    Double high = capacity.highRps();
    if (low == null && high == null) {
      return "–";
    }
    return (low == null ? "0" : HtmlReport.fixed(low, 1)) + " – " + (high == null ? "∞" : HtmlReport.fixed(high, 1));
  }
}
