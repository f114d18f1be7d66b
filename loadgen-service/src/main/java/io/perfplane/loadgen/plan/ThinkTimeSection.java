package io.perfplane.loadgen.plan;

import io.perfplane.loadgen.plan.TestDefinition.ThinkTimeSpec;

/** Think times ({@code thinkTime:} of the defaults, a scenario or a step), each checked under its field path. */
final class ThinkTimeSection {

  static final long MAX_THINK_TIME_MS = 600_000;

  private final FieldChecks checks;

  ThinkTimeSection(FieldChecks checks) {
    this.checks = checks;
  }

  /** The think time; none (with a violation) when the spec is unusable. */
  ThinkTime thinkTime(ThinkTimeSpec spec, String field) {
    int given = (spec.constant() == null ? 0 : 1) + (spec.uniform() == null ? 0 : 1)
        + (spec.exponential() == null ? 0 : 1);
    if (given != 1) {
      checks.add(field, "must have exactly one of constant, uniform, exponential");
      return ThinkTime.NONE;
    }
    long max = MAX_THINK_TIME_MS;
    if (spec.constant() != null) {
      return ThinkTime.constant(checks.millis(spec.constant(), field + ".constant", 0, max));
    }
    if (spec.exponential() != null) {
      return ThinkTime.exponential(checks.millis(spec.exponential(), field + ".exponential", 0, max));
    }
    TestDefinition.Range range = spec.uniform();
    long min = checks.millis(range.min(), field + ".uniform.min", 0, max);
    long upper = checks.millis(range.max(), field + ".uniform.max", 0, max);
    if (upper < min) {
      checks.add(field + ".uniform.max", "must be >= min");
      return ThinkTime.NONE;
    }
    return ThinkTime.uniform(min, upper);
  }
}
