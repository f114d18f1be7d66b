package io.perfplane.analyzer.slo;

import io.perfplane.contracts.slo.BurnRatePolicy;
import org.jspecify.annotations.Nullable;

/**
 * Result of evaluating one SLO over one window.
 *
 * @param outcome held, violated, or no verdict
 * @param observed the indicator's value in the SLO's unit (ms or ratio); 0 when there was no data. For burn-rate
 *     SLOs the error ratio over the long window of {@code burn}
 * @param burn for burn-rate SLOs: the rule that fired (VIOLATED) or the first rule with enough data (HELD)
 */
public record Verdict(Outcome outcome, double observed, BurnRatePolicy.@Nullable Burn burn) {

  /** A verdict of a threshold SLO. */
  public Verdict(Outcome outcome, double observed) {
    this(outcome, observed, null);
  }

  /** Whether the objective was met. */
  public enum Outcome {
    HELD,
    VIOLATED,
    /** Fewer requests than the SLO's minRequests: neither opens nor resolves a breach. */
    INSUFFICIENT_DATA
  }

  public boolean violated() {
    return outcome == Outcome.VIOLATED;
  }
}
