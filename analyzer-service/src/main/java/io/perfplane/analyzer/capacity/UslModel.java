package io.perfplane.analyzer.capacity;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Gunther's Universal Scalability Law, {@code X(N) = λN / (1 + σ(N-1) + κN(N-1))}: throughput X (requests/s) at
 * concurrency N (requests in flight). Fitted by least squares on its linear form {@code N/X = a + b(N-1) + cN(N-1)}
 * with {@code λ = 1/a, σ = b/a, κ = c/a}, keeping σ and κ non-negative (a term that would go negative is dropped and
 * the rest refitted), as in Gunther, <i>Guerrilla Capacity Planning</i> (2007), ch. 5.
 *
 * @param sigma contention σ
 * @param kappa coherency κ
 * @param lambda throughput of a single request in flight (requests/s)
 * @param rSquared goodness of fit of X(N) (not of the linear form) over the points, at most 1
 * @param points number of points fitted
 */
public record UslModel(double sigma, double kappa, double lambda, double rSquared, int points) {

  private static final double NEGLIGIBLE = 1e-9;

  /** One observation: concurrency (requests in flight) and throughput (requests/s). */
  public record Point(double concurrency, double rps) {
  }

  /** Modelled throughput (requests/s) at concurrency {@code n}. */
  public double throughputAt(double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /** Concurrency of peak throughput, {@code sqrt((1-σ)/κ)}; null when κ is 0 (no retrograde region). */
  public @Nullable Double peakConcurrency() {
    if (kappa <= 0) {
      return null;
    }
    return Math.sqrt(Math.max(0, 1 - sigma) / kappa);
  }

  /**
   * Highest throughput the model allows (requests/s): at the peak concurrency when κ > 0, the asymptote λ/σ when
   * only contention limits it, null when the fit is linear (no limit seen).
   */
  public @Nullable Double peakRps() {
    Double peak = peakConcurrency();
    if (peak != null) {
      return throughputAt(Math.max(1, peak));
    }
    return sigma > 0 ? lambda / sigma : null;
  }

  /**
   * The smallest concurrency where the model reaches {@code share} of its peak throughput (bisection; the model
   * rises monotonically up to its peak); null without a peak.
   */
  public @Nullable Double concurrencyReaching(double share) {
    Double peakRps = peakRps();
    if (peakRps == null) {
      return null;
    }
    double target = share * peakRps;
    Double peakN = peakConcurrency();
    double lo = 0;
    double hi = peakN != null ? peakN : 1;
    while (peakN == null && throughputAt(hi) < target) {
      hi *= 2;
      if (hi > 1e9) {
        return null;
      }
    }
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (throughputAt(mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** The least-squares fit, or empty with fewer than three usable points (N and X positive). */
  public static Optional<UslModel> fit(List<Point> points) {
    List<Point> usable = points.stream().filter(p -> p.concurrency() > 0 && p.rps() > 0).toList();
    if (usable.size() < 3) {
      return Optional.empty();
    }
    // Active set over the two non-negative terms: all, then without κ, then without σ, then neither.
    boolean[][] terms = {{true, true}, {true, false}, {false, true}, {false, false}};
    for (boolean[] use : terms) {
      double[] coef = leastSquares(usable, use[0], use[1]);
      if (coef != null && coef[0] > 0 && coef[1] >= -NEGLIGIBLE * coef[0] && coef[2] >= -NEGLIGIBLE * coef[0]) {
        double lambda = 1 / coef[0];
        // Rounding leaves ~1e-17 where a term is absent; taken literally it would put a peak at N = 1e17.
        double sigma = coef[1] * lambda < NEGLIGIBLE ? 0 : coef[1] * lambda;
        double kappa = coef[2] * lambda < NEGLIGIBLE * NEGLIGIBLE ? 0 : coef[2] * lambda;
        UslModel model = new UslModel(sigma, kappa, lambda, 0, usable.size());
        return Optional.of(new UslModel(model.sigma, model.kappa, lambda, rSquared(model, usable), usable.size()));
      }
    }
    return Optional.empty();
  }

  private static double rSquared(UslModel model, List<Point> points) {
    double mean = points.stream().mapToDouble(Point::rps).average().orElse(0);
    double total = 0;
    double residual = 0;
    for (Point p : points) {
      total += (p.rps() - mean) * (p.rps() - mean);
      double e = p.rps() - model.throughputAt(p.concurrency());
      residual += e * e;
    }
    // Flat data (every X equal) fitted exactly is a perfect fit, not 0/0.
    return total == 0 ? (residual == 0 ? 1 : 0) : Math.max(0, 1 - residual / total);
  }

  /** Coefficients {a, b, c} of N/X = a + b(N-1) + cN(N-1) with the unused terms fixed at 0; null if singular. */
  private static double @Nullable [] leastSquares(List<Point> points, boolean contention, boolean coherency) {
    int k = 1 + (contention ? 1 : 0) + (coherency ? 1 : 0);
    double[][] normal = new double[k][k + 1];
    for (Point p : points) {
      double n = p.concurrency();
      double[] row = new double[k];
      int j = 0;
      row[j++] = 1;
      if (contention) {
        row[j++] = n - 1;
      }
      if (coherency) {
        row[j] = n * (n - 1);
      }
      double y = n / p.rps();
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          normal[r][c] += row[r] * row[c];
        }
        normal[r][k] += row[r] * y;
      }
    }
    double[] solved = solve(normal);
    if (solved == null) {
      return null;
    }
    double[] coef = new double[3];
    int j = 0;
    coef[0] = solved[j++];
    coef[1] = contention ? solved[j++] : 0;
    coef[2] = coherency ? solved[j] : 0;
    return coef;
  }

  /** Gaussian elimination with partial pivoting on an augmented k×(k+1) matrix; null when singular. */
  private static double @Nullable [] solve(double[][] m) {
    int k = m.length;
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int r = col + 1; r < k; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(m[pivot][col]) < 1e-12 * Math.max(1, Math.abs(m[0][0]))) {
        return null;
      }
      double[] swap = m[col];
      m[col] = m[pivot];
      m[pivot] = swap;
      for (int r = 0; r < k; r++) {
        if (r != col) {
          double f = m[r][col] / m[col][col];
          for (int c = col; c <= k; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    double[] x = new double[k];
    for (int r = 0; r < k; r++) {
      x[r] = m[r][k] / m[r][r];
    }
    return x;
  }
}
