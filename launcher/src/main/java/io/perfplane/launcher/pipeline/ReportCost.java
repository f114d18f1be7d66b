package io.perfplane.launcher.pipeline;

import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * The saved HTML report's cost section: the analyzer renders the run, cost-service prices it, and the report a user
 * keeps should hold both. Inserted before the report's footer, in its own markup (table, note), every value escaped.
 */
public final class ReportCost {

  private ReportCost() {
  }

  /**
   * {@code html} with a cost section before its footer (or at the end of its body when it has none).
   *
   * @param estimates cost-service's {@code GET /estimates?runId=} answer
   */
  public static String insert(String html, JsonNode estimates) {
    if (!estimates.isArray() || estimates.isEmpty()) {
      return html;
    }
    String section = section(estimates);
    int at = html.lastIndexOf("<footer>");
    if (at < 0) {
      at = html.lastIndexOf("</main>");
    }
    return at < 0 ? html + section : html.substring(0, at) + section + html.substring(at);
  }

  static String section(JsonNode estimates) {
    StringBuilder html = new StringBuilder("<section id=\"cost\"><h2>Cost per month</h2>");
    html.append("<table><tr><th class=\"l\">scenario</th><th>users/month</th><th>peak req/s</th>")
        .append("<th class=\"l\">strategy</th><th>monthly</th><th>range</th><th class=\"l\">sized from</th></tr>");
    String catalog = "";
    for (JsonNode estimate : estimates) {
      JsonNode strategies = estimate.path("strategies");
      Iterable<JsonNode> rows = strategies.isArray() && !strategies.isEmpty() ? strategies : java.util.List.of(estimate);
      for (JsonNode strategy : rows) {
        html.append("<tr><td class=\"l\">").append(escape(estimate.path("scenario").asString(""))).append("</td><td>")
            .append(String.format(Locale.ROOT, "%,d", estimate.path("monthlyUsers").asLong(0))).append("</td><td>")
            .append(escape(String.format(Locale.ROOT, "%.1f", estimate.path("peakRps").asDouble(0))))
            .append("</td><td class=\"l\">").append(escape(strategy.path("strategy").asString(""))).append("</td><td>")
            .append(escape(CostWords.usd(strategy.path("monthlyUsd").asString("")))).append("</td><td>")
            .append(escape(range(strategy))).append("</td><td class=\"l\">")
            .append(escape(kind(strategy.has("capacityKind") ? strategy : estimate))).append("</td></tr>");
      }
      catalog = estimate.path("catalogVersion").asString("");
    }
    return html.append("</table><p class=\"note\">Priced by cost-service from catalog ").append(escape(catalog))
        .append(". A lower bound on capacity prices the fleet it would need at most; a range comes from the capacity's")
        .append(" range.</p></section>").toString();
  }

  private static String range(JsonNode node) {
    String low = node.path("monthlyUsdLow").isString() ? CostWords.usd(node.path("monthlyUsdLow").asString()) : null;
    String high = node.path("monthlyUsdHigh").isString() ? CostWords.usd(node.path("monthlyUsdHigh").asString()) : null;
    if ((low == null && high == null) || (low != null && low.equals(high))) {
      return "–"; // no range, or one figure: the monthly column says it
    }
    return (low == null ? "?" : low) + " – " + (high == null ? "?" : high);
  }

  private static String kind(JsonNode node) {
    return switch (node.path("capacityKind").asString("")) {
      case "KNEE" -> "the capacity knee";
      case "LOWER_BOUND" -> "a lower bound (not saturated): at most this";
      case "UPPER_BOUND" -> "an upper bound (SLOs failed from the lowest load): at least this";
      default -> "capacity of unknown kind";
    };
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
