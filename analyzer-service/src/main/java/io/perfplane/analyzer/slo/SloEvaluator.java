package io.perfplane.analyzer.slo;

import java.util.function.IntFunction;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.BurnRatePolicy;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;

/** Evaluates SLOs over merged windows and decides breach transitions. Stateless. */
public final class SloEvaluator {

  /** What to do with the breach of one (run, SLO, endpoint) after a verdict. */
  public enum Transition {
    OPEN,
    RESOLVE,
    NONE
  }

  /**
   * Score measurements ({@code web_vital.cls}) are recorded × this into the µs-scaled histograms (the analyzer's
   * {@code MeasurementSeries}), so a score's percentile reads back as ms × 1000 / this.
   */
  public static final double SCORE_SCALE = 10_000;

  private SloEvaluator() {
  }

  /** Evaluates {@code slo} over {@code window}, requiring the SLO's own minRequests. */
  public static Verdict evaluate(Slo slo, LatencySlice window) {
    return evaluate(slo, window, slo.minRequests());
  }

  /**
   * Evaluates {@code slo} over {@code window}.
   *
   * @param minRequests fewer requests than this give {@link Verdict.Outcome#INSUFFICIENT_DATA}
   */
  public static Verdict evaluate(Slo slo, LatencySlice window, int minRequests) {
    if (window.requests() < Math.max(1, minRequests)) {
      return new Verdict(Verdict.Outcome.INSUFFICIENT_DATA, measure(slo, window));
    }
    double observed = measure(slo, window);
    return new Verdict(observed > slo.objective() ? Verdict.Outcome.VIOLATED : Verdict.Outcome.HELD, observed);
  }

  /**
   * Evaluates an error-rate SLO from the window's counts alone, exactly as {@link #evaluate(Slo, LatencySlice)} would
   * over a slice with those counts: an error rate needs no latency histogram, so its window need not be merged.
   *
   * @throws IllegalArgumentException for a latency SLO
   */
  public static Verdict evaluate(Slo slo, BurnRatePolicy.Counts window) {
    if (slo.indicator() != Indicator.ERROR_RATE) {
      throw new IllegalArgumentException("SLO '" + slo.id() + "' needs latencies, not just counts");
    }
    double observed = window.requests() == 0 ? 0.0 : (double) window.errors() / window.requests();
    if (window.requests() < Math.max(1, slo.minRequests())) {
      return new Verdict(Verdict.Outcome.INSUFFICIENT_DATA, observed);
    }
    return new Verdict(observed > slo.objective() ? Verdict.Outcome.VIOLATED : Verdict.Outcome.HELD, observed);
  }

  /**
   * Evaluates a burn-rate SLO ({@link Slo#burnRate()} set) at one instant: VIOLATED when any rule fires over both
   * its windows, HELD when none does. A rule whose short window has fewer than minRequests requests is skipped (it
   * can neither fire nor hold); with every rule skipped the verdict is INSUFFICIENT_DATA.
   *
   * @param window requests and errors of the SLO's scope over the trailing window of the given length in seconds,
   *     ending at the instant (counts only: burn rates need no histograms)
   */
  public static Verdict evaluateBurnRate(Slo slo, IntFunction<BurnRatePolicy.Counts> window) {
    BurnRatePolicy policy = slo.burnRate();
    if (policy == null) {
      throw new IllegalArgumentException("SLO '" + slo.id() + "' has no burn-rate rules");
    }
    BurnRatePolicy.Burn held = null;
    for (BurnRatePolicy.Rule rule : policy.rules()) {
      int longSeconds = policy.scaledSeconds(rule.longWindow());
      int shortSeconds = policy.scaledSeconds(rule.shortWindow());
      BurnRatePolicy.Counts shortWindow = window.apply(shortSeconds);
      if (shortWindow.requests() < slo.minRequests()) {
        continue;
      }
      BurnRatePolicy.Counts longWindow = window.apply(longSeconds);
      double longErrorRatio = longWindow.requests() == 0 ? 0.0 : (double) longWindow.errors() / longWindow.requests();
      BurnRatePolicy.Burn burn = new BurnRatePolicy.Burn(rule, longSeconds, shortSeconds, longErrorRatio,
          policy.burnRate(longWindow), policy.burnRate(shortWindow));
      if (burn.fires()) {
        return new Verdict(Verdict.Outcome.VIOLATED, burn.longErrorRatio(), burn);
      }
      if (held == null) {
        held = burn;
      }
    }
    return held == null ? new Verdict(Verdict.Outcome.INSUFFICIENT_DATA, 0.0)
        : new Verdict(Verdict.Outcome.HELD, held.longErrorRatio(), held);
  }

  /**
   * At most one breach is open per key: a violation opens one only when none is open, a held objective resolves
   * the open one, and missing data changes nothing.
   */
  public static Transition transition(boolean breachOpen, Verdict verdict) {
    return switch (verdict.outcome()) {
      case VIOLATED -> breachOpen ? Transition.NONE : Transition.OPEN;
      case HELD -> breachOpen ? Transition.RESOLVE : Transition.NONE;
      case INSUFFICIENT_DATA -> Transition.NONE;
    };
  }

  /** The indicator's value over {@code window}, in {@link Indicator#unit()}. */
  static double measure(Indicator indicator, LatencySlice window) {
    return indicator == Indicator.ERROR_RATE ? window.errorRate() : window.latencyMsAt(indicator.percentile());
  }

  /** The SLO's indicator over {@code window}: in {@link #unit(Slo)}, a score measurement's percentile unscaled. */
  static double measure(Slo slo, LatencySlice window) {
    double value = measure(slo.indicator(), window);
    return slo.measure() != null && slo.measure().score() ? value * 1_000 / SCORE_SCALE : value;
  }

  /** {@code ms}, {@code ratio}, or {@code score} for a score measurement's percentile. */
  public static String unit(Slo slo) {
    return slo.measure() != null && slo.measure().score() ? "score" : slo.indicator().unit();
  }
}
