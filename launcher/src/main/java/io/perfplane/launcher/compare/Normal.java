package io.perfplane.launcher.compare;

/** The standard normal distribution, enough of it for large-sample tests and intervals. */
final class Normal {

  private Normal() {
  }

  /** P(Z &lt;= z). */
  static double cdf(double z) {
    return z >= 0 ? 1 - erfc(z / Math.sqrt(2)) / 2 : erfc(-z / Math.sqrt(2)) / 2;
  }

  /** P(|Z| &gt;= |z|), the two-sided p-value of a z statistic, 0..1. */
  static double twoSidedP(double z) {
    return Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
  }

  /**
   * The z with {@code cdf(z) == p}, for 0 &lt; p &lt; 1. Bisection: called once per comparison, so a closed form's
   * speed buys nothing, and bisection cannot be wrong in the tails.
   */
  static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1): " + p);
    }
    double low = -40;
    double high = 40;
    for (int i = 0; i < 200 && high - low > 1e-12; i++) {
      double mid = (low + high) / 2;
      if (cdf(mid) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  /**
   * The complementary error function for x &gt;= 0 by its Chebyshev-fitted exponential form (fractional error below
   * 1.2e-7 everywhere), which keeps small p-values accurate where {@code 1 - cdf} would cancel to 0.
   */
  private static double erfc(double x) {
    double t = 1 / (1 + 0.5 * x);
    double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    return t * Math.exp(poly);
  }
}
