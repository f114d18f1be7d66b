package io.perfplane.launcher.compare;

/**
 * Percentiles of a sample with distribution-free confidence intervals from order statistics: the number of values
 * below the true q-quantile is Binomial(n, q), so the values at the ranks n·q ± z·√(n·q·(1−q)) bracket it (normal
 * approximation of the binomial). No resampling, no assumption about the latency distribution's shape.
 */
final class Quantiles {

  private Quantiles() {
  }

  /**
   * A percentile and its interval, in the sample's unit.
   *
   * @param value the nearest-rank percentile
   * @param low lower end (a sample value)
   * @param high upper end (a sample value)
   * @param bounded false when a rank of the interval fell outside the sample and was clamped to its extreme: too few
   *     values for this percentile, the interval's coverage is then not guaranteed
   */
  record Interval(long value, long low, long high, boolean bounded) {
  }

  /**
   * The q-quantile of {@code sorted} and its interval at {@code confidence}.
   *
   * @param sorted ascending, at least one value
   * @param q in (0, 1), e.g. 0.95
   * @param confidence in (0, 1)
   */
  static Interval of(long[] sorted, double q, double confidence) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    double z = Normal.quantile(1 - (1 - confidence) / 2);
    double spread = z * Math.sqrt(n * q * (1 - q));
    long lowRank = (long) Math.floor(n * q - spread);
    long highRank = (long) Math.ceil(n * q + spread) + 1;
    boolean bounded = lowRank >= 1 && highRank <= n;
    return new Interval(sorted[nearestRank(n, q) - 1], sorted[(int) Math.max(1, lowRank) - 1],
        sorted[(int) Math.min(n, highRank) - 1], bounded);
  }

  /** 1-based nearest rank: the smallest rank with at least q·n values at or below it. */
  static int nearestRank(int n, double q) {
    return (int) Math.max(1, Math.min(n, Math.ceil(q * n - 1e-9)));
  }

  /**
   * The relative change of a percentile, candidate / baseline − 1, and a conservative interval of it: each side's
   * interval is taken at 1 − α/2, so by Bonferroni both hold together with probability at least 1 − α, and the ratio
   * then lies between the extremes of the two intervals.
   *
   * @return {change, low, high} as fractions (0.1 = +10 %); infinite where a baseline bound is 0
   */
  static double[] relativeChange(long[] baseline, long[] candidate, double q, double confidence) {
    double each = 1 - (1 - confidence) / 2;
    Interval b = of(baseline, q, each);
    Interval c = of(candidate, q, each);
    return new double[] {ratio(c.value(), b.value()) - 1, ratio(c.low(), b.high()) - 1,
        ratio(c.high(), b.low()) - 1};
  }

  private static double ratio(long numerator, long denominator) {
    if (denominator == 0) {
      return numerator == 0 ? 1 : Double.POSITIVE_INFINITY;
    }
    return (double) numerator / denominator;
  }
}
