package io.perfplane.launcher.compare;

/**
 * Error rates: Wilson score intervals for one proportion, Newcombe's hybrid score interval for the difference of two
 * (his method 10, which keeps its coverage near zero errors where the Wald interval collapses), and the pooled
 * two-proportion z test.
 */
final class Proportions {

  private Proportions() {
  }

  /** Wilson score interval of {@code k} of {@code n}: {low, high}, 0..1 ({0, 1} when n is 0). */
  static double[] wilson(long k, long n, double confidence) {
    if (n == 0) {
      return new double[] {0, 1};
    }
    double z = Normal.quantile(1 - (1 - confidence) / 2);
    double p = (double) k / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
  }

  /**
   * Newcombe's interval of the difference candidate − baseline of two independent proportions: {difference, low,
   * high}, each −1..1.
   */
  static double[] difference(long baselineK, long baselineN, long candidateK, long candidateN, double confidence) {
    double p1 = baselineN == 0 ? 0 : (double) baselineK / baselineN;
    double p2 = candidateN == 0 ? 0 : (double) candidateK / candidateN;
    double[] w1 = wilson(baselineK, baselineN, confidence);
    double[] w2 = wilson(candidateK, candidateN, confidence);
    double d = p2 - p1;
    double low = d - Math.sqrt(square(p2 - w2[0]) + square(w1[1] - p1));
    double high = d + Math.sqrt(square(w2[1] - p2) + square(p1 - w1[0]));
    return new double[] {d, low, high};
  }

  /** Two-sided p-value of the pooled two-proportion z test (1 when neither side has a failure or a success). */
  static double pValue(long baselineK, long baselineN, long candidateK, long candidateN) {
    if (baselineN == 0 || candidateN == 0) {
      return 1;
    }
    double pooled = (double) (baselineK + candidateK) / (baselineN + candidateN);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineN + 1.0 / candidateN));
    if (se == 0) {
      return 1;
    }
    return Normal.twoSidedP(((double) candidateK / candidateN - (double) baselineK / baselineN) / se);
  }

  private static double square(double x) {
    return x * x;
  }
}
