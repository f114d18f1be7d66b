package io.perfplane.launcher.breaches;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;

/**
 * One {@link SloBreach} as one line of {@code perfplane breaches} (a documented format, docs/local-stack.md):
 *
 * <pre>
 * 2025-11-01T22:56:19Z  OPENED    shop-baseline  cart-p95  POST /api/cart  latency_p95 413 ms, objective &lt;= 150 ms
 *     over 10 s
 * 2025-11-01T22:58:09Z  RESOLVED  shop-baseline  cart-p95  POST /api/cart  latency_p95 120 ms, objective &lt;= 150 ms
 *     over 10 s; open 1m50s
 * </pre>
 * (each one line; wrapped here).
 *
 *
 * The time is the transition's event time (the samples' clock, UTC, to the second); observed and objective are in
 * the breach's unit (milliseconds, or a ratio printed as a percentage).
 */
final class BreachLine {

  private BreachLine() {
  }

  static String format(SloBreach breach) {
    StringBuilder line = new StringBuilder()
        .append(time(breach.getAtUs())).append("  ")
        .append(String.format(Locale.ROOT, "%-8s", breach.getState().name())).append("  ")
        .append(breach.getRunId()).append("  ")
        .append(breach.getSloId()).append("  ")
        .append("*".equals(breach.getEndpoint()) ? "all endpoints" : breach.getEndpoint()).append("  ")
        .append(breach.getIndicator());
    if (!"latency".equals(breach.getMetric()) && breach.getUnit().equals("ms")) {
      line.append(" (").append(breach.getMetric()).append(')');
    }
    line.append(' ').append(value(breach.getObserved(), breach.getUnit()))
        .append(", objective <= ").append(value(breach.getObjective(), breach.getUnit()))
        .append(" over ").append(breach.getWindowSeconds()).append(" s");
    if (breach.getBurnRate() != null) {
      line.append(String.format(Locale.ROOT, ", burn rate %.1fx", breach.getBurnRate()));
    }
    if (breach.getState() == BreachState.RESOLVED) {
      long resolvedUs = breach.getResolvedAtUs() != null ? breach.getResolvedAtUs() : breach.getAtUs();
      line.append("; open ").append(duration(Duration.of(Math.max(0, resolvedUs - breach.getOpenedAtUs()),
          ChronoUnit.MICROS)));
    }
    return line.toString();
  }

  /** Milliseconds with the precision a reader needs; a ratio as a percentage; anything else as it comes. */
  static String value(double value, String unit) {
    return switch (unit) {
      case "ms" -> (value < 10 ? String.format(Locale.ROOT, "%.2f", value)
          : value < 100 ? String.format(Locale.ROOT, "%.1f", value)
          : String.format(Locale.ROOT, "%.0f", value)) + " ms";
      case "ratio" -> String.format(Locale.ROOT, "%.2f%%", value * 100);
      default -> String.format(Locale.ROOT, "%.4g %s", value, unit);
    };
  }

  private static String time(long epochUs) {
    return Instant.EPOCH.plus(epochUs, ChronoUnit.MICROS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds / 60 % 60) + "m";
  }
}
