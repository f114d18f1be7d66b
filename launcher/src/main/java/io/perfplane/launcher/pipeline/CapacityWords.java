package io.perfplane.launcher.pipeline;

import java.util.Locale;

import io.perfplane.launcher.Summary;
import tools.jackson.databind.JsonNode;

/**
 * The capacity line of the end-of-run summaries, from the analyzer's capacity view: what kind of evidence the
 * figure is (a knee, or a bound), the figure, its range and the analyzer's reason in words. A bound is never
 * printed as if it were a knee.
 */
public final class CapacityWords {

  private CapacityWords() {
  }

  /** Two lines ending in a newline: the verdict with its figures, then the evidence indented under it. */
  public static String lines(JsonNode capacity) {
    String rps = Summary.number(capacity.path("maxSustainedRps").asDouble(0));
    String kind = capacity.path("kind").asString("UNKNOWN");
    String head = switch (kind) {
      case "KNEE" -> "knee reached at " + rps + " req/s" + range(capacity);
      case "LOWER_BOUND" -> "not saturated: at least " + rps + " req/s (a lower bound, no knee reached)";
      case "UPPER_BOUND" -> "below " + rps + " req/s (an upper bound: SLOs failed from the lowest load)";
      // A v1 analyzer, which told no kind: its figure as it was meant.
      default -> rps + " req/s sustained";
    };
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  capacity   %s; %s, p95 %s ms there, %s "
            + "concurrent, confidence %s%n", head,
        capacity.path("sloHeld").asBoolean(false) ? "SLOs held" : "SLOs NOT held",
        Summary.number(capacity.path("p95AtCapacityMs").asDouble(0)), capacity.path("concurrencyAtSlo").asInt(0),
        Summary.number(capacity.path("confidence").asDouble(0))));
    String evidence = capacity.path("evidence").asString("");
    if (!evidence.isBlank()) {
      out.append("             ").append(evidence);
      if (capacity.path("method").asString("").equals("kneedle")) {
        out.append(" (Kneedle)");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String range(JsonNode capacity) {
    if (!capacity.path("lowRps").isNumber() || !capacity.path("highRps").isNumber()) {
      return "";
    }
    return " (range " + Summary.number(capacity.path("lowRps").asDouble()) + "–"
        + Summary.number(capacity.path("highRps").asDouble()) + ")";
  }
}
