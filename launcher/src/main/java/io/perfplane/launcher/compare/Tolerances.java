package io.perfplane.launcher.compare;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The regressions a user accepts, from {@code --max-regression METRIC=N%} (repeatable): relative for latencies and
 * throughput ({@code p95=10%}: up to 10 % slower), percentage points for {@code error_rate} ({@code error_rate=0.5%}:
 * up to 0.5 points more). A metric without one is reported but never fails the gate.
 */
final class Tolerances {

  private final Map<Metric, Double> fractions = new EnumMap<>(Metric.class);

  /** Parses and adds one {@code METRIC=N%} (the {@code %} is optional); IllegalArgumentException if malformed. */
  Tolerances add(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--max-regression needs METRIC=N%, e.g. p95=10%: '" + spec + "'");
    }
    Metric metric = Metric.of(spec.substring(0, eq).strip());
    String number = spec.substring(eq + 1).strip();
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1).strip();
    }
    double percent;
    try {
      percent = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--max-regression " + metric.id() + " needs a percentage: '" + spec + "'");
    }
    if (!(percent >= 0 && percent < 1e6)) {
      throw new IllegalArgumentException("--max-regression " + metric.id() + " must be a percentage >= 0: '" + spec
          + "'");
    }
    fractions.put(metric, percent / 100);
    return this;
  }

  /** The tolerance as a fraction (0.1 = 10 % or 10 points), null when the metric is not gated. */
  @Nullable Double of(Metric metric) {
    return fractions.get(metric);
  }

  /** Every tolerance set, in percent (or points), keyed by metric id. */
  Map<String, Double> asPercent() {
    Map<String, Double> out = new LinkedHashMap<>();
    fractions.forEach((metric, fraction) -> out.put(metric.id(), fraction * 100));
    return out;
  }

  boolean isEmpty() {
    return fractions.isEmpty();
  }
}
