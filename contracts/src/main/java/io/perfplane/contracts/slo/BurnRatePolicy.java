package io.perfplane.contracts.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Multi-window, multi-burn-rate alerting on an error budget (Google SRE workbook, chapter 5): a rule fires when the
 * budget burns at least {@code factor} times faster than sustainable over both its long and its short window. The
 * short window makes the alert reset quickly once the burn stops.
 *
 * <p>Load tests last minutes, not the 30-day SLO period the workbook's windows assume, so windows are multiplied by
 * {@code timeScale}: with {@code 1/60}, "14.4x over 1 h / 5 m" becomes "14.4x over 60 s / 5 s".
 *
 * @param target objective as a good-request ratio in (0, 1), e.g. 0.999 for 99.9% availability
 * @param rules the rules, any of which fires the alert
 * @param timeScale factor applied to every rule window, in (0, 1]
 */
public record BurnRatePolicy(double target, List<Rule> rules, double timeScale) {

  /** The workbook's page-level rules: 14.4x over 1 h / 5 m and 6x over 6 h / 30 m. */
  public static final List<Rule> WORKBOOK_RULES = List.of(
      new Rule(14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
      new Rule(6.0, Duration.ofHours(6), Duration.ofMinutes(30)));

  public BurnRatePolicy {
    rules = List.copyOf(rules);
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("target must be in (0, 1): " + target);
    }
    if (!(timeScale > 0 && timeScale <= 1)) {
      throw new IllegalArgumentException("timeScale must be in (0, 1]: " + timeScale);
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("at least one burn-rate rule is required");
    }
  }

  /**
   * One rule.
   *
   * @param factor burn rate that fires the rule, > 0
   * @param longWindow the long window (unscaled)
   * @param shortWindow the short window (unscaled), shorter than the long one
   */
  public record Rule(double factor, Duration longWindow, Duration shortWindow) {

    public Rule {
      Objects.requireNonNull(longWindow, "longWindow");
      Objects.requireNonNull(shortWindow, "shortWindow");
      if (!(factor > 0)) {
        throw new IllegalArgumentException("burn-rate factor must be > 0: " + factor);
      }
      if (shortWindow.compareTo(longWindow) >= 0 || shortWindow.isNegative() || shortWindow.isZero()) {
        throw new IllegalArgumentException("short window must be positive and shorter than the long window");
      }
    }
  }

  /** Requests and failures observed in a window. */
  public record Counts(long requests, long errors) {
  }

  /**
   * One rule evaluated over its scaled windows.
   *
   * @param rule the rule
   * @param longSeconds its scaled long window (s)
   * @param shortSeconds its scaled short window (s)
   * @param longErrorRatio error ratio over the long window, 0..1
   * @param longBurn burn rate over the long window
   * @param shortBurn burn rate over the short window
   */
  public record Burn(Rule rule, int longSeconds, int shortSeconds, double longErrorRatio, double longBurn,
      double shortBurn) {

    /** Both windows burn at least the rule's factor. */
    public boolean fires() {
      return longBurn >= rule.factor() && shortBurn >= rule.factor();
    }

    /** Which rule this is, after scaling, e.g. {@code 14.4x/60s/5s}: what breach events report. */
    public String ruleId() {
      double factor = rule.factor();
      String f = factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
      return f + "x/" + longSeconds + "s/" + shortSeconds + "s";
    }
  }

  /** Allowed error ratio: {@code 1 - target}. */
  public double errorBudget() {
    return 1.0 - target;
  }

  /** How many times faster than sustainable the budget burns over {@code counts}; 0 without requests. */
  public double burnRate(Counts counts) {
    return counts.requests() == 0 ? 0.0 : ((double) counts.errors() / counts.requests()) / errorBudget();
  }

  /**
   * Fraction of the error budget a run of {@code counts} has consumed: 1 means the whole budget, above 1 exhausted.
   * A run is its own SLO period here, so this is the run's burn rate.
   */
  public double budgetConsumed(Counts counts) {
    return burnRate(counts);
  }

  /** A rule window after scaling, rounded to whole seconds, at least 1 s. */
  public int scaledSeconds(Duration window) {
    return (int) Math.max(1, Math.round(window.toSeconds() * timeScale));
  }

  /**
   * The first rule that fires, if any.
   *
   * @param window counts over the trailing window of the given length in seconds (already scaled)
   */
  public Optional<Rule> firing(IntFunction<Counts> window) {
    for (Rule rule : rules) {
      double longBurn = burnRate(window.apply(scaledSeconds(rule.longWindow())));
      double shortBurn = burnRate(window.apply(scaledSeconds(rule.shortWindow())));
      if (longBurn >= rule.factor() && shortBurn >= rule.factor()) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }
}
