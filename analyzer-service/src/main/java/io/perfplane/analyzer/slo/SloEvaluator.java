package io.perfplane.analyzer.slo;

import io.perfplane.analyzer.window.LatencySlice;

/** Evaluates SLOs over merged windows and decides breach transitions. Stateless. */
public final class SloEvaluator {

  /** What to do with the breach of one (run, SLO, endpoint) after a verdict. */
  public enum Transition {
    OPEN,
    RESOLVE,
    NONE
  }

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
      return new Verdict(Verdict.Outcome.INSUFFICIENT_DATA, slo.indicator().measure(window));
    }
    double observed = slo.indicator().measure(window);
    return new Verdict(observed > slo.objective() ? Verdict.Outcome.VIOLATED : Verdict.Outcome.HELD, observed);
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
}
