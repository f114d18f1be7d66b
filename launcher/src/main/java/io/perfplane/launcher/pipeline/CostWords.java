package io.perfplane.launcher.pipeline;

import java.math.BigDecimal;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * A monthly cost in words from cost-service's estimate (or one of its strategies): the point figure, and how to read
 * it given the kind of capacity it was sized from. A lower bound is never shown as a plain estimate: a fleet sized
 * from an unsaturated run is the most it costs, not what it costs.
 *
 * <ul>
 *   <li>certain (a knee with confidence 1, or no kind: older cost-service): {@code $651.82};</li>
 *   <li>KNEE with a range: {@code ≈ $651.82 (range $493.00–$651.82)};</li>
 *   <li>LOWER_BOUND: {@code at most $651.82 (capacity not saturated; from $219.00)};</li>
 *   <li>UPPER_BOUND: {@code at least $651.82 (an SLO failed at the lowest load)}.</li>
 * </ul>
 */
public final class CostWords {

  private CostWords() {
  }

  /** @param node an object with {@code monthlyUsd} and optionally {@code capacityKind}, {@code monthlyUsdLow/High} */
  public static String monthly(JsonNode node) {
    String point = usd(node.path("monthlyUsd").asString(""));
    String low = node.path("monthlyUsdLow").isString() ? usd(node.path("monthlyUsdLow").asString()) : null;
    String high = node.path("monthlyUsdHigh").isString() ? usd(node.path("monthlyUsdHigh").asString()) : null;
    return switch (node.path("capacityKind").asString("")) {
      case "LOWER_BOUND" -> "at most " + point + " (capacity not saturated" + (low == null ? "" : "; from " + low) + ")";
      case "UPPER_BOUND" -> "at least " + point + " (an SLO failed at the lowest load)";
      // A range that is one figure (a certain knee) is no range: the point figure says it.
      default -> low == null || (low.equals(point) && point.equals(high)) ? point
          : "≈ " + point + " (range " + low + "–" + (high == null ? "?" : high) + ")";
    };
  }

  /**
   * One scenario's strategies on one line, the kind said once: {@code on-demand $219.00, spot $219.00},
   * {@code at most: on-demand $651.82, spot $560.10 (capacity not saturated)}, {@code at least: ... (an SLO failed
   * at the lowest load)}; a knee with a range keeps each strategy's range.
   *
   * @param estimate one element of cost-service's {@code GET /estimates} answer
   */
  public static String strategies(JsonNode estimate) {
    java.util.List<JsonNode> rows = new java.util.ArrayList<>();
    estimate.path("strategies").forEach(rows::add);
    if (rows.isEmpty()) {
      rows.add(estimate);
    }
    String kind = estimate.path("capacityKind").asString("");
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (JsonNode row : rows) {
      String name = row.path("strategy").asString(estimate.path("strategy").asString(""));
      parts.add(name + " " + (kind.equals("LOWER_BOUND") || kind.equals("UPPER_BOUND")
          ? usd(row.path("monthlyUsd").asString("")) : monthly(row)));
    }
    String joined = String.join(", ", parts);
    return switch (kind) {
      case "LOWER_BOUND" -> "at most: " + joined + " (capacity not saturated)";
      case "UPPER_BOUND" -> "at least: " + joined + " (an SLO failed at the lowest load)";
      default -> joined;
    };
  }

  /** Dollars to the cent with thousands separators; cost-service keeps six decimals for sums, not for reading. */
  public static String usd(String amount) {
    try {
      return String.format(Locale.ROOT, "$%,.2f", new BigDecimal(amount));
    } catch (NumberFormatException e) {
      return "$" + amount;
    }
  }
}
