package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.perfplane.loadgen.plan.TestDefinition.StageSpec;
import io.perfplane.loadgen.plan.TestDefinition.WorkloadSpec;
import org.jspecify.annotations.Nullable;

/**
 * A definition's load models ({@code workload:}): the executor, its stages and rates, each checked under its field
 * path, built into a {@link Workload} scaled to a scenario's share.
 */
final class WorkloadSection {

  static final int MAX_STAGES = 1_000;
  /** Longest stage or constant-rate duration (ms): far beyond any limit, low enough that sums cannot overflow. */
  static final long MAX_DURATION_MS = Long.MAX_VALUE / 4;

  private final FieldChecks checks;

  WorkloadSection(FieldChecks checks) {
    this.checks = checks;
  }

  /**
   * The load model, or null (with violations) when it is unusable.
   *
   * @param field path of the spec, e.g. {@code scenarios[1].workload} or the shared {@code workload}
   * @param share the scenario's part of it, (0, 1]: VU targets and rates are scaled by it
   */
  @Nullable Workload workload(WorkloadSpec spec, String field, double share) {
    String executor = spec.executor() == null ? "" : spec.executor().strip().toLowerCase(Locale.ROOT);
    return switch (executor) {
      case "ramping-vus" -> rampingVus(spec, field, share);
      case "constant-arrival-rate", "ramping-arrival-rate" -> arrivalRate(spec, field, share, executor);
      default -> {
        checks.add(field + ".executor", spec.executor() == null ? "is required"
            : "must be ramping-vus, constant-arrival-rate or ramping-arrival-rate");
        yield null;
      }
    };
  }

  private Workload.@Nullable RampingVus rampingVus(WorkloadSpec spec, String field, double share) {
    int before = checks.count();
    String executor = "ramping-vus";
    checks.unused(spec.rate(), field + ".rate", executor);
    checks.unused(spec.maxConcurrency(), field + ".maxConcurrency", executor);
    checks.unused(spec.duration(), field + ".duration", executor);
    List<StageSchedule.Stage> stages = new ArrayList<>();
    for (StageSpec stage : stages(spec, field)) {
      String stageField = field + ".stages[" + stages.size() + "]";
      stages.add(new StageSchedule.Stage(checks.millis(stage.duration(), stageField + ".duration", 1, MAX_DURATION_MS),
          (int) Math.round(target(stage, stageField + ".target", true) * share)));
    }
    return checks.count() == before ? new Workload.RampingVus(new StageSchedule(stages)) : null;
  }

  private Workload.@Nullable ArrivalRate arrivalRate(WorkloadSpec spec, String field, double share, String executor) {
    int before = checks.count();
    double perSecond = 1_000_000.0 / (spec.timeUnit() == null ? 1_000_000
        : Math.max(1, checks.micros(spec.timeUnit(), field + ".timeUnit")));
    int maxConcurrency = 0;
    if (spec.maxConcurrency() == null) {
      checks.add(field + ".maxConcurrency", "is required for " + executor
          + " (most iterations in flight; beyond it due iterations are dropped and counted)");
    } else if (spec.maxConcurrency() < 1) {
      checks.add(field + ".maxConcurrency", "must be >= 1");
    } else {
      maxConcurrency = Math.max(1, (int) Math.ceil(spec.maxConcurrency() * share));
    }
    ArrivalSchedule schedule = executor.equals("constant-arrival-rate")
        ? constantRate(spec, field, perSecond, share, before)
        : rampingRate(spec, field, perSecond, share, before);
    return schedule == null ? null : new Workload.ArrivalRate(schedule, maxConcurrency, executor);
  }

  /**
   * @param perSecond from the spec's rate unit to iterations per second
   * @param share the scenario's part of the rate
   */
  private @Nullable ArrivalSchedule constantRate(WorkloadSpec spec, String field, double perSecond, double share,
      int before) {
    String executor = "constant-arrival-rate";
    checks.unused(spec.stages(), field + ".stages", executor);
    checks.unused(spec.startRate(), field + ".startRate", executor);
    Double rate = spec.rate();
    if (rate == null || !(rate > 0) || rate.isInfinite()) {
      checks.add(field + ".rate", rate == null ? "is required" : "must be > 0");
    }
    long durationMs = checks.millis(spec.duration(), field + ".duration", 1, MAX_DURATION_MS);
    return checks.count() == before ? ArrivalSchedule.constant(rate * perSecond * share, durationMs) : null;
  }

  private @Nullable ArrivalSchedule rampingRate(WorkloadSpec spec, String field, double perSecond, double share,
      int before) {
    String executor = "ramping-arrival-rate";
    checks.unused(spec.rate(), field + ".rate", executor);
    checks.unused(spec.duration(), field + ".duration", executor);
    double start = 0;
    if (spec.startRate() != null) {
      if (!(spec.startRate() >= 0) || spec.startRate().isInfinite()) {
        checks.add(field + ".startRate", "must be >= 0");
      } else {
        start = spec.startRate();
      }
    }
    List<ArrivalSchedule.Stage> stages = new ArrayList<>();
    for (StageSpec stage : stages(spec, field)) {
      String stageField = field + ".stages[" + stages.size() + "]";
      stages.add(new ArrivalSchedule.Stage(checks.millis(stage.duration(), stageField + ".duration", 1,
          MAX_DURATION_MS), target(stage, stageField + ".target", false) * perSecond * share));
    }
    return checks.count() == before ? new ArrivalSchedule(start * perSecond * share, stages) : null;
  }

  /** The stage specs, each non-null with its duration and target; a placeholder stage stands in for a bad one. */
  private List<StageSpec> stages(WorkloadSpec spec, String field) {
    List<@Nullable StageSpec> stages = spec.stages();
    if (stages == null || stages.isEmpty()) {
      checks.add(field + ".stages", "must contain at least one stage");
      return List.of();
    }
    if (stages.size() > MAX_STAGES) {
      checks.add(field + ".stages", "must contain at most " + MAX_STAGES + " stages");
      return List.of();
    }
    List<StageSpec> result = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      StageSpec stage = stages.get(i);
      if (stage == null) {
        checks.add(field + ".stages[" + i + "]", "must not be null");
        stage = new StageSpec("1ms", 0.0);
      }
      result.add(stage);
    }
    return result;
  }

  private double target(StageSpec stage, String field, boolean integral) {
    Double target = stage.target();
    if (target == null) {
      checks.add(field, "is required");
      return 0;
    }
    if (!(target >= 0) || target.isInfinite() || (integral && target != Math.floor(target))) {
      checks.add(field, integral ? "must be a whole number >= 0" : "must be >= 0");
      return 0;
    }
    return target;
  }
}
