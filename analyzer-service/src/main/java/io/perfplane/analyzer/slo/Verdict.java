package io.perfplane.analyzer.slo;

/**
 * Result of evaluating one SLO over one window.
 *
 * @param outcome held, violated, or no verdict
 * @param observed the indicator's value in the SLO's unit (ms or ratio); 0 when there was no data
 */
public record Verdict(Outcome outcome, double observed) {

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
