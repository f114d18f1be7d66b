package io.perfplane.loadgen.plan;

import java.util.List;

/** A plan that cannot run; {@link #kind()} tells a malformed plan from one this generator's policy refuses. */
public final class PlanRejectedException extends RuntimeException {

  /** Why the plan was rejected. */
  public enum Kind {
    /** The plan itself is wrong (missing fields, negative durations, bad URLs): HTTP 400. */
    INVALID,
    /** The plan is well-formed but exceeds what this generator allows (target, VUs, duration): HTTP 422. */
    NOT_ALLOWED
  }

  private final Kind kind;
  private final List<FieldViolation> violations;

  public PlanRejectedException(Kind kind, List<FieldViolation> violations) {
    super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
    this.kind = kind;
    this.violations = List.copyOf(violations);
  }

  public Kind kind() {
    return kind;
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
