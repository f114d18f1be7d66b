package io.perfplane.loadgen.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.PlanRejectedException.Kind;

/**
 * Checks a submitted plan, in either format, and turns it into a {@link ValidPlan}. Reports every problem at once,
 * each naming its field in the submitted format ({@code stages[1].durationMs}, {@code scenarios[0].steps[2].path});
 * a malformed plan is {@link Kind#INVALID}, a well-formed plan beyond this generator's limits or allow-list is
 * {@link Kind#NOT_ALLOWED}. One validator serves both formats: a legacy {@link RunPlan} is translated into the
 * {@link TestDefinition} it means ({@link LegacyPlanTranslator}) and its violations renamed back. Thread-safe.
 */
public final class PlanValidator {

  static final double DEFAULT_MAX_RATE_PER_SECOND = 50_000;

  private final Limits limits;
  private final Supplier<String> runIdGenerator;

  /**
   * What this generator accepts.
   *
   * @param allowList targets it may hit
   * @param maxVus most virtual users any stage may target
   * @param maxDuration longest total plan duration
   * @param maxRatePerSecond highest total arrival rate of the open-model scenarios (iterations per second)
   */
  public record Limits(TargetAllowList allowList, int maxVus, Duration maxDuration, double maxRatePerSecond) {

    /** Limits with the default maximum rate, {@value #DEFAULT_MAX_RATE_PER_SECOND} iterations per second. */
    public Limits(TargetAllowList allowList, int maxVus, Duration maxDuration) {
      this(allowList, maxVus, maxDuration, DEFAULT_MAX_RATE_PER_SECOND);
    }
  }

  public PlanValidator(Limits limits, Supplier<String> runIdGenerator) {
    this.limits = limits;
    this.runIdGenerator = runIdGenerator;
  }

  /**
   * Validates a test definition (YAML/JSON format).
   *
   * @throws PlanRejectedException naming every offending field
   */
  public ValidPlan validate(TestDefinition definition) {
    return new DefinitionValidator(limits, runIdGenerator).validate(definition);
  }

  /**
   * Validates a legacy run plan; it becomes one closed-model scenario named after the plan, whose steps are the
   * requests in order with the plan's think time after each.
   *
   * @throws PlanRejectedException naming every offending field by its path in the run plan
   */
  public ValidPlan validate(RunPlan plan) {
    LegacyPlanTranslator.Translation translation = LegacyPlanTranslator.translate(plan);
    List<FieldViolation> untranslatable = translation.untranslatable();
    ValidPlan valid;
    try {
      valid = validate(translation.definition());
    } catch (PlanRejectedException e) {
      // Malformed before refused: a plan that is both hears only what is malformed, as a definition would.
      if (e.kind() == Kind.NOT_ALLOWED && !untranslatable.isEmpty()) {
        throw new PlanRejectedException(Kind.INVALID, untranslatable);
      }
      List<FieldViolation> violations = new ArrayList<>(untranslatable);
      violations.addAll(LegacyPlanTranslator.toLegacy(e.violations()));
      throw new PlanRejectedException(e.kind(), violations);
    }
    if (!untranslatable.isEmpty()) {
      throw new PlanRejectedException(Kind.INVALID, untranslatable);
    }
    return valid;
  }
}
