package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The statistics against values worked out by hand, published examples and brute force. */
class StatisticsTest {

  @Test
  void normalMatchesTableValues() {
    assertThat(Normal.cdf(1.959964)).isCloseTo(0.975, within(1e-6));
    assertThat(Normal.cdf(-1.0)).isCloseTo(0.158655, within(1e-6));
    assertThat(Normal.quantile(0.975)).isCloseTo(1.959964, within(1e-5));
    assertThat(Normal.quantile(0.005)).isCloseTo(-2.575829, within(1e-5));
    assertThat(Normal.twoSidedP(1.959964)).isCloseTo(0.05, within(1e-6));
    // Far in the tail 1 - cdf would cancel to 0; the p-value must stay positive and tiny.
    assertThat(Normal.twoSidedP(10)).isPositive().isLessThan(1e-20);
  }

  @Test
  void mannWhitneyOnASmallExampleWorkedByHand() {
    // Ranks of 10 11 12 14 15 16 18: the candidate holds 2, 5, 6, 7, so R = 20 and U = 20 - 4*5/2 = 10 (the pairs
    // in which the candidate is larger). E[U] = 6, Var[U] = 3*4*8/12 = 8, z = (|10 - 6| - 0.5) / sqrt(8) = 1.2374,
    // two-sided p = 2 * (1 - 0.8920) = 0.2159 (normal table).
    MannWhitney.Result result = MannWhitney.test(new long[] {10, 12, 14}, new long[] {11, 15, 16, 18}, 0.95);

    assertThat(result.u()).isEqualTo(10);
    assertThat(result.z()).isCloseTo(3.5 / Math.sqrt(8), within(1e-9));
    assertThat(result.p()).isCloseTo(0.2159, within(5e-4));
    // Pairwise differences sorted: -3 -1 1 1 2 3 4 4 5 6 6 8; the median of the 12 is (3 + 4) / 2.
    assertThat(result.shift()).isEqualTo(3.5);
    // C = round(12/2 - 1.96 * sqrt(12 * 8 / 12)) = round(0.46) = 0, at least 1: the widest interval [D1, D12].
    assertThat(result.low()).isEqualTo(-3);
    assertThat(result.high()).isEqualTo(8);
  }

  @Test
  void mannWhitneyCorrectsForTies() {
    // 1 2 2 | 2 3: the three 2s share rank 3, R = 3 + 5 = 8, U = 8 - 3 = 5 (pairs: 2 > 1, two ties of 2, 3 > all).
    // Var = 3*2/12 * (6 - (27 - 3) / (5*4)) = 2.4, z = (|5 - 3| - 0.5) / sqrt(2.4).
    MannWhitney.Result result = MannWhitney.test(new long[] {1, 2, 2}, new long[] {2, 3}, 0.95);

    assertThat(result.u()).isEqualTo(5);
    assertThat(result.z()).isCloseTo(1.5 / Math.sqrt(2.4), within(1e-9));
  }

  @Test
  void identicalSamplesShowNoShift() {
    long[] same = {5, 5, 5, 5};
    MannWhitney.Result result = MannWhitney.test(same, same, 0.95);

    assertThat(result.p()).isEqualTo(1);
    assertThat(result.shift()).isZero();
  }

  @Test
  void kthPairwiseDifferenceEqualsBruteForce() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      long[] x = random.longs(1 + random.nextInt(30), 0, 50).sorted().toArray();
      long[] y = random.longs(1 + random.nextInt(30), 0, 50).sorted().toArray();
      List<Long> differences = new ArrayList<>();
      for (long b : x) {
        for (long c : y) {
          differences.add(c - b);
        }
      }
      differences.sort(null);
      for (int k = 1; k <= differences.size(); k += 1 + random.nextInt(5)) {
        assertThat(MannWhitney.kth(x, y, k)).as("k=%d of %s vs %s", k, Arrays.toString(x), Arrays.toString(y))
            .isEqualTo(differences.get(k - 1));
      }
    }
  }

  @Test
  void shiftIntervalCoversTheTrueShiftAboutAsOftenAsStated() {
    Random random = new Random(11);
    int covered = 0;
    int rounds = 400;
    for (int round = 0; round < rounds; round++) {
      long[] x = new long[60];
      long[] y = new long[50];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.round(1000 + 100 * random.nextGaussian());
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.round(1040 + 100 * random.nextGaussian());
      }
      Arrays.sort(x);
      Arrays.sort(y);
      MannWhitney.Result result = MannWhitney.test(x, y, 0.95);
      if (result.low() <= 40 && 40 <= result.high()) {
        covered++;
      }
    }
    assertThat((double) covered / rounds).isBetween(0.92, 0.98);
  }

  @Test
  void quantileIntervalFromOrderStatistics() {
    long[] ranks = new long[100];
    Arrays.setAll(ranks, i -> i + 1);

    Quantiles.Interval median = Quantiles.of(ranks, 0.5, 0.95);

    // Ranks 50 -/+ 1.96 * sqrt(100 * 0.5 * 0.5) = 50 -/+ 9.8: floor 40 and ceil 60, plus one at the top.
    assertThat(median.value()).isEqualTo(50);
    assertThat(median.low()).isEqualTo(40);
    assertThat(median.high()).isEqualTo(61);
    assertThat(median.bounded()).isTrue();
    assertThat(Quantiles.of(ranks, 0.95, 0.95).value()).isEqualTo(95);
    assertThat(Quantiles.of(ranks, 0.99, 0.95).bounded()).as("p99 of 100 values reaches the maximum").isFalse();
  }

  @Test
  void quantileIntervalCoversTheTrueP95AtLeastAsOftenAsStated() {
    Random random = new Random(3);
    int covered = 0;
    int rounds = 400;
    for (int round = 0; round < rounds; round++) {
      long[] values = random.longs(400, 0, 1_000_000).sorted().toArray();
      Quantiles.Interval p95 = Quantiles.of(values, 0.95, 0.95);
      if (p95.low() <= 950_000 && 950_000 <= p95.high()) {
        covered++;
      }
    }
    assertThat((double) covered / rounds).isBetween(0.93, 0.995);
  }

  @Test
  void wilsonAndNewcombeMatchNewcombesPublishedExamples() {
    // Newcombe (1998), Statistics in Medicine 17: 81/263 -> 0.2553..0.3662, 0/10 -> 0..0.2775, and the difference
    // 56/70 - 48/80 -> 0.0524..0.3339 by his method 10.
    double[] wilson = Proportions.wilson(81, 263, 0.95);
    assertThat(wilson[0]).isCloseTo(0.2553, within(1e-4));
    assertThat(wilson[1]).isCloseTo(0.3662, within(1e-4));
    assertThat(Proportions.wilson(0, 10, 0.95)[1]).isCloseTo(0.2775, within(1e-4));

    double[] difference = Proportions.difference(48, 80, 56, 70, 0.95);
    assertThat(difference[0]).isCloseTo(0.2, within(1e-12));
    assertThat(difference[1]).isCloseTo(0.0524, within(1e-4));
    assertThat(difference[2]).isCloseTo(0.3339, within(1e-4));
  }

  @Test
  void twoProportionTestByHand() {
    // Pooled p = 30/200 = 0.15, se = sqrt(0.15 * 0.85 * (1/100 + 1/100)) = 0.050498, z = 0.1 / se = 1.9803.
    assertThat(Proportions.pValue(10, 100, 20, 100)).isCloseTo(Normal.twoSidedP(0.1 / Math.sqrt(0.15 * 0.85 * 0.02)),
        within(1e-12)).isCloseTo(0.0477, within(2e-4));
    assertThat(Proportions.pValue(0, 100, 0, 100)).isEqualTo(1);
  }

  @Test
  void verdictNeedsTheWholeIntervalBeyondTheTolerance() {
    assertThat(Comparison.verdict(Metric.P95, 0.30, 0.20, 0.40, true, 0.10)).isEqualTo(Verdict.REGRESSION);
    assertThat(Comparison.verdict(Metric.P95, 0.30, 0.05, 0.55, true, 0.10)).isEqualTo(Verdict.WORSE);
    assertThat(Comparison.verdict(Metric.P95, 0.30, 0.20, 0.40, true, null)).isEqualTo(Verdict.WORSE);
    assertThat(Comparison.verdict(Metric.P95, 0.30, -0.01, 0.60, false, 0.10)).isEqualTo(Verdict.SAME);
    assertThat(Comparison.verdict(Metric.P95, -0.30, -0.40, -0.20, true, 0.10)).isEqualTo(Verdict.BETTER);
    assertThat(Comparison.verdict(Metric.THROUGHPUT, -0.30, -0.40, -0.20, true, 0.10))
        .isEqualTo(Verdict.REGRESSION);
    assertThat(Comparison.verdict(Metric.THROUGHPUT, 0.30, 0.20, 0.40, true, 0.10)).isEqualTo(Verdict.BETTER);
  }
}
