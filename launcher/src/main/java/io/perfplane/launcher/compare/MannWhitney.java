package io.perfplane.launcher.compare;

/**
 * The Mann–Whitney U test of two independent samples and the Hodges–Lehmann estimate of the shift between them with
 * its distribution-free confidence interval (Moses' interval: order statistics of the pairwise differences). This is
 * the model of Go's benchstat (the test) and Spinnaker Kayenta's classifier (the interval against a tolerance band).
 *
 * <p>Samples are ascending arrays of integers (latencies in µs, requests per second). Nothing here enumerates the
 * {@code n·m} pairs: ranks come from one merge of the sorted samples, and the k-th pairwise difference from a
 * binary search over the difference value, counting the pairs below it in one linear pass ({@code O((n+m) log
 * range)}), so a million samples a side take milliseconds. The pass runs over distinct values with their counts, so
 * a side expanded from a histogram (a few thousand distinct values for millions of requests) costs its distinct
 * values, not its requests.
 */
final class MannWhitney {

  private MannWhitney() {
  }

  /**
   * Result of the test of candidate against baseline.
   *
   * @param u the U statistic of the candidate: pairs in which the candidate value is larger, a tie counting one half
   *     (0..n·m; n·m/2 when neither tends to be larger)
   * @param z the normal approximation's statistic, with the tie and continuity corrections (positive: candidate
   *     larger)
   * @param p two-sided p-value, 0..1 (1 when every value ties)
   * @param shift the Hodges–Lehmann estimate: the median of the differences candidate − baseline, in the samples'
   *     unit
   * @param low lower end of the shift's confidence interval, same unit
   * @param high upper end, same unit
   */
  record Result(double u, double z, double p, double shift, double low, double high) {
  }

  /**
   * Tests {@code candidate} against {@code baseline}.
   *
   * @param baseline ascending, at least one value
   * @param candidate ascending, at least one value
   * @param confidence of the shift's interval, in (0, 1), e.g. 0.95
   */
  static Result test(long[] baseline, long[] candidate, double confidence) {
    int n = baseline.length;
    int m = candidate.length;
    if (n == 0 || m == 0) {
      throw new IllegalArgumentException("both samples need values: " + n + " and " + m);
    }
    double rankSum = 0;
    double tieTerm = 0;
    long rank = 0;
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      long value = j >= m || (i < n && baseline[i] <= candidate[j]) ? baseline[i] : candidate[j];
      int a = 0;
      while (i < n && baseline[i] == value) {
        i++;
        a++;
      }
      int b = 0;
      while (j < m && candidate[j] == value) {
        j++;
        b++;
      }
      double tied = a + b;
      rankSum += b * (rank + (tied + 1) / 2);
      tieTerm += tied * tied * tied - tied;
      rank += a + b;
    }
    double pairs = (double) n * m;
    double u = rankSum - (double) m * (m + 1) / 2;
    double total = n + m;
    double variance = pairs / 12 * ((total + 1) - tieTerm / (total * (total - 1)));
    double z;
    double p;
    if (variance <= 0) {
      z = 0;
      p = 1;
    } else {
      double distance = Math.max(0, Math.abs(u - pairs / 2) - 0.5);
      z = Math.signum(u - pairs / 2) * distance / Math.sqrt(variance);
      p = Normal.twoSidedP(z);
    }
    long count = (long) n * m;
    Runs x = Runs.of(baseline);
    Runs y = Runs.of(candidate);
    double shift = count % 2 == 1 ? kth(x, y, (count + 1) / 2)
        : (kth(x, y, count / 2) + (double) kth(x, y, count / 2 + 1)) / 2;
    double zc = Normal.quantile(1 - (1 - confidence) / 2);
    long c = Math.round(pairs / 2 - zc * Math.sqrt(pairs * (total + 1) / 12));
    c = Math.max(1, Math.min(c, count));
    long upperRank = Math.max(c, count + 1 - c);
    return new Result(u, z, p, shift, kth(x, y, Math.min(c, upperRank)), kth(x, y, upperRank));
  }

  /**
   * An ascending sample as its distinct values and how often each occurs.
   *
   * @param values distinct, ascending
   * @param counts occurrences of each value, &gt;= 1
   */
  private record Runs(long[] values, long[] counts) {

    static Runs of(long[] sorted) {
      int distinct = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      long[] values = new long[distinct];
      long[] counts = new long[distinct];
      int at = -1;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          values[++at] = sorted[i];
        }
        counts[at]++;
      }
      return new Runs(values, counts);
    }

    long total() {
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      return total;
    }
  }

  /** The k-th smallest (1-based) of the differences candidate[j] − baseline[i] over all pairs. */
  static long kth(long[] baseline, long[] candidate, long k) {
    return kth(Runs.of(baseline), Runs.of(candidate), k);
  }

  private static long kth(Runs baseline, Runs candidate, long k) {
    long[] x = baseline.values();
    long[] y = candidate.values();
    long low = y[0] - x[x.length - 1];
    long high = y[y.length - 1] - x[0];
    long baselineTotal = baseline.total();
    while (low < high) {
      long mid = Math.floorDiv(low + high, 2);
      if (countAtMost(baseline, baselineTotal, candidate, mid) >= k) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /**
   * Pairs with candidate[j] − baseline[i] &lt;= d, in one pass over the distinct values: the first baseline value
   * &gt;= candidate[j] − d only moves right as j grows.
   */
  private static long countAtMost(Runs baseline, long baselineTotal, Runs candidate, long d) {
    long[] x = baseline.values();
    long[] xCounts = baseline.counts();
    long[] y = candidate.values();
    long[] yCounts = candidate.counts();
    long count = 0;
    long below = 0;
    int first = 0;
    for (int j = 0; j < y.length; j++) {
      while (first < x.length && x[first] < y[j] - d) {
        below += xCounts[first];
        first++;
      }
      count += yCounts[j] * (baselineTotal - below);
    }
    return count;
  }
}
