package io.perfplane.loadgen.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A pass/fail criterion in k6 spirit: {@code p(95) < 500ms}, {@code p(99.9) <= 1s}, {@code avg < 200ms},
 * {@code max < 2s}, {@code error_rate < 1%}; over every sample of the run or of one endpoint.
 *
 * @param expression the expression as written
 * @param metric what is measured
 * @param percentile the percentile for {@link Metric#PERCENTILE} (0-100], else 0
 * @param comparison how the measured value must compare to {@code limit}
 * @param limit the bound: microseconds for latency metrics, a fraction (0-1) for the error rate
 * @param endpoint endpoint label this threshold is restricted to; null for all samples
 * @param abortOnFail whether a failing threshold aborts the run
 * @param delayAbortEvalMs how long after the start failures may not yet abort (ms), so a cold start does not
 */
public record Threshold(String expression, Metric metric, double percentile, Comparison comparison, double limit,
    @Nullable String endpoint, boolean abortOnFail, long delayAbortEvalMs) {

  /** Measured quantities. Latencies are the CO-corrected {@code latencyUs}. */
  public enum Metric {
    PERCENTILE, AVG, MAX, ERROR_RATE
  }

  /** Comparison operators. */
  public enum Comparison {
    LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public boolean holds(double value, double limit) {
      return switch (this) {
        case LT -> value < limit;
        case LE -> value <= limit;
        case GT -> value > limit;
        case GE -> value >= limit;
      };
    }

    public String symbol() {
      return symbol;
    }
  }

  private static final Pattern EXPRESSION = Pattern.compile(
      "\\s*(p\\(\\s*([0-9]+(?:\\.[0-9]+)?)\\s*\\)|avg|max|error_rate)\\s*(<=|<|>=|>)\\s*([0-9]+(?:\\.[0-9]+)?\\s*(?:%|us|µs|ms|s|m)?)\\s*");

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Threshold parse(String expression, @Nullable String endpoint, boolean abortOnFail,
      long delayAbortEvalMs) {
    Matcher m = EXPRESSION.matcher(expression.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("must look like 'p(95) < 500ms', 'avg < 200ms', 'max < 2s' or "
          + "'error_rate < 1%', was '" + expression + "'");
    }
    String what = m.group(1);
    Comparison comparison = switch (m.group(3)) {
      case "<" -> Comparison.LT;
      case "<=" -> Comparison.LE;
      case ">" -> Comparison.GT;
      default -> Comparison.GE;
    };
    String bound = m.group(4).strip();
    if (what.equals("error_rate")) {
      double fraction = bound.endsWith("%")
          ? Double.parseDouble(bound.substring(0, bound.length() - 1).strip()) / 100
          : Double.parseDouble(bound);
      if (fraction > 1) {
        throw new IllegalArgumentException("error_rate bound must be at most 100% (or 1), was '" + bound + "'");
      }
      return new Threshold(expression.strip(), Metric.ERROR_RATE, 0, comparison, fraction, endpoint, abortOnFail,
          delayAbortEvalMs);
    }
    if (bound.endsWith("%")) {
      throw new IllegalArgumentException("a latency bound needs a time unit such as 500ms or 1s, was '" + bound + "'");
    }
    double limitUs = DurationText.parseMicros(bound);
    if (what.startsWith("p(")) {
      double percentile = Double.parseDouble(m.group(2));
      if (percentile <= 0 || percentile > 100) {
        throw new IllegalArgumentException("percentile must be in (0, 100], was " + m.group(2));
      }
      return new Threshold(expression.strip(), Metric.PERCENTILE, percentile, comparison, limitUs, endpoint,
          abortOnFail, delayAbortEvalMs);
    }
    return new Threshold(expression.strip(), what.equals("avg") ? Metric.AVG : Metric.MAX, 0, comparison, limitUs,
        endpoint, abortOnFail, delayAbortEvalMs);
  }

  /** Whether a measured value (µs, or a fraction for the error rate) passes. */
  public boolean passes(double value) {
    return comparison.holds(value, limit);
  }
}
