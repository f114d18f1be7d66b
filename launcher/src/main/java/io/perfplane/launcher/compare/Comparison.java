package io.perfplane.launcher.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Compares a candidate run with a baseline, per endpoint and overall, row by row (method in docs/compare.md).
 *
 * @param rows every row, endpoints in label order, then the overall rows
 * @param notes what could not be compared (an endpoint on one side only, too few requests)
 */
record Comparison(List<Row> rows, List<String> notes) {

  /** The endpoint label of the rows over all endpoints. */
  static final String OVERALL = "overall";
  /** Requests each side needs at an endpoint before its distributions are compared. */
  static final int MIN_REQUESTS = 2;
  /** Whole seconds each side needs before its throughput is tested. */
  static final int MIN_SECONDS = 3;

  private static final Metric[] PERCENTILES = {Metric.P50, Metric.P95, Metric.P99};

  /**
   * Compares.
   *
   * @param confidence of every interval, in (0, 1); the tests' α is 1 − confidence
   */
  static Comparison of(RunSamples baseline, RunSamples candidate, Tolerances tolerances, double confidence) {
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, EndpointSamples> entry : baseline.endpoints().entrySet()) {
      EndpointSamples other = candidate.endpoints().get(entry.getKey());
      if (other == null) {
        notes.add(entry.getKey() + ": only in the baseline");
      } else {
        compare(entry.getKey(), entry.getValue(), other, tolerances, confidence, rows, notes);
      }
    }
    for (String endpoint : candidate.endpoints().keySet()) {
      if (!baseline.endpoints().containsKey(endpoint)) {
        notes.add(endpoint + ": only in the candidate");
      }
    }
    compare(OVERALL, baseline.overall(), candidate.overall(), tolerances, confidence, rows, notes);
    return new Comparison(List.copyOf(rows), List.copyOf(notes));
  }

  /** The rows that fail the gate. */
  List<Row> regressions() {
    return rows.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
  }

  private static void compare(String endpoint, EndpointSamples base, EndpointSamples cand, Tolerances tolerances,
      double confidence, List<Row> rows, List<String> notes) {
    if (base.requests() < MIN_REQUESTS || cand.requests() < MIN_REQUESTS
        || base.latencyUs().length < MIN_REQUESTS || cand.latencyUs().length < MIN_REQUESTS) {
      notes.add(endpoint + ": too few requests to compare (" + base.requests() + " and " + cand.requests()
          + ", at least " + MIN_REQUESTS + " each)");
      return;
    }
    for (Metric metric : PERCENTILES) {
      double q = metric.quantile();
      double[] change = Quantiles.relativeChange(base.latencyUs(), cand.latencyUs(), q, confidence);
      double each = 1 - (1 - confidence) / 2;
      Quantiles.Interval b = Quantiles.of(base.latencyUs(), q, each);
      Quantiles.Interval c = Quantiles.of(cand.latencyUs(), q, each);
      boolean significant = change[1] > 0 || change[2] < 0;
      String note = b.bounded() && c.bounded() ? null
          : "too few requests for a bounded " + metric.id() + " interval; it reaches the extreme sample";
      rows.add(new Row(endpoint, metric, ms(b.value()), ms(c.value()), change[0], change[1], change[2], null,
          verdict(metric, change[0], change[1], change[2], significant, tolerances.of(metric)), note));
    }
    rows.add(shift(endpoint, base, cand, tolerances, confidence));
    double[] errors = Proportions.difference(base.errors(), base.requests(), cand.errors(), cand.requests(),
        confidence);
    boolean errorsSignificant = errors[1] > 0 || errors[2] < 0;
    rows.add(new Row(endpoint, Metric.ERROR_RATE, base.errorRate(), cand.errorRate(), errors[0], errors[1],
        errors[2], Proportions.pValue(base.errors(), base.requests(), cand.errors(), cand.requests()),
        verdict(Metric.ERROR_RATE, errors[0], errors[1], errors[2], errorsSignificant,
            tolerances.of(Metric.ERROR_RATE)), null));
    rows.add(throughput(endpoint, base, cand, tolerances, confidence));
  }

  private static Row shift(String endpoint, EndpointSamples base, EndpointSamples cand, Tolerances tolerances,
      double confidence) {
    MannWhitney.Result test = MannWhitney.test(base.latencyUs(), cand.latencyUs(), confidence);
    long baseMedian = base.latencyUs()[Quantiles.nearestRank(base.latencyUs().length, 0.5) - 1];
    long candMedian = cand.latencyUs()[Quantiles.nearestRank(cand.latencyUs().length, 0.5) - 1];
    double scale = Math.max(1, baseMedian);
    double change = test.shift() / scale;
    double low = test.low() / scale;
    double high = test.high() / scale;
    boolean significant = test.p() <= 1 - confidence;
    return new Row(endpoint, Metric.SHIFT, ms(baseMedian), ms(candMedian), change, low, high, test.p(),
        verdict(Metric.SHIFT, change, low, high, significant, tolerances.of(Metric.SHIFT)), null);
  }

  private static Row throughput(String endpoint, EndpointSamples base, EndpointSamples cand, Tolerances tolerances,
      double confidence) {
    long[] baseSeconds = base.perSecond();
    long[] candSeconds = cand.perSecond();
    if (baseSeconds == null || candSeconds == null || baseSeconds.length < MIN_SECONDS
        || candSeconds.length < MIN_SECONDS) {
      double change = base.rps() == 0 ? 0 : cand.rps() / base.rps() - 1;
      String why = baseSeconds == null || candSeconds == null
          ? "no requests per second in " + (baseSeconds == null ? "the baseline" : "the candidate")
              + "'s histograms: plain change of requests / span, no interval"
          : "runs shorter than " + (MIN_SECONDS + 2) + " s: no interval for throughput";
      return new Row(endpoint, Metric.THROUGHPUT, base.rps(), cand.rps(), change, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY, null, Verdict.SAME, why);
    }
    MannWhitney.Result test = MannWhitney.test(baseSeconds, candSeconds, confidence);
    long baseMedian = baseSeconds[Quantiles.nearestRank(baseSeconds.length, 0.5) - 1];
    double scale = Math.max(1, baseMedian);
    double change = test.shift() / scale;
    double low = test.low() / scale;
    double high = test.high() / scale;
    boolean significant = test.p() <= 1 - confidence;
    return new Row(endpoint, Metric.THROUGHPUT, base.rps(), cand.rps(), change, low, high, test.p(),
        verdict(Metric.THROUGHPUT, change, low, high, significant, tolerances.of(Metric.THROUGHPUT)), null);
  }

  /**
   * The verdict of a change: {@code ~} unless significant; a significant change in the bad direction is a
   * REGRESSION only when its whole interval lies beyond the tolerance (Kayenta's rule: confident that the change
   * exceeds what the user accepts), else {@code worse}.
   *
   * @param tolerance fraction (or difference of rates for the error rate), null when the metric is not gated
   */
  static Verdict verdict(Metric metric, double change, double low, double high, boolean significant,
      @Nullable Double tolerance) {
    if (!significant || change == 0) {
      return Verdict.SAME;
    }
    boolean worse = metric.higherIsWorse() ? change > 0 : change < 0;
    if (!worse) {
      return Verdict.BETTER;
    }
    if (tolerance != null && (metric.higherIsWorse() ? low > tolerance : high < -tolerance)) {
      return Verdict.REGRESSION;
    }
    return Verdict.WORSE;
  }

  private static double ms(long us) {
    return us / 1000.0;
  }
}
