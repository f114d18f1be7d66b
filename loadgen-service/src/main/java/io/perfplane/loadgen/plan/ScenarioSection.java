package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import io.perfplane.loadgen.plan.TestDefinition.WorkloadSpec;
import org.jspecify.annotations.Nullable;

/**
 * One scenario ({@code scenarios[i]}): its name, weight, load model (its own, or its share of the shared one),
 * think time, feeder and steps.
 */
final class ScenarioSection {

  static final int MAX_STEPS = 1_000;

  private final FieldChecks checks;
  private final WorkloadSection workloads;
  private final ThinkTimeSection thinkTimes;
  private final FeederSection feeders;
  private final StepSection steps;

  ScenarioSection(FieldChecks checks, ThinkTimeSection thinkTimes, StepSection steps) {
    this.checks = checks;
    this.workloads = new WorkloadSection(checks);
    this.thinkTimes = thinkTimes;
    this.feeders = new FeederSection(checks);
    this.steps = steps;
  }

  /**
   * The scenario, or null (with violations) when it is unusable.
   *
   * @param shared the top-level workload, split by weight among the scenarios without their own
   * @param sharedWeight the weights of those scenarios added up
   */
  ValidPlan.@Nullable Scenario scenario(@Nullable ScenarioSpec spec, String field, @Nullable WorkloadSpec shared,
      double sharedWeight, String baseUrl, Map<String, String> defaultHeaders, ThinkTime defaultThink) {
    if (spec == null) {
      checks.add(field, "must not be null");
      return null;
    }
    int before = checks.count();
    checks.requireText(spec.name(), field + ".name");
    double weight = 1;
    if (spec.weight() != null) {
      if (!(spec.weight() > 0) || spec.weight().isInfinite()) {
        checks.add(field + ".weight", "must be > 0");
      } else {
        weight = spec.weight();
      }
    }
    Workload workload = null;
    if (spec.workload() != null) {
      workload = workloads.workload(spec.workload(), field + ".workload", 1.0);
    } else if (shared != null) {
      workload = workloads.workload(shared, "workload", weight / sharedWeight);
    } else {
      checks.add(field + ".workload", "is required (or give a top-level workload shared by weight)");
    }
    ThinkTime think = spec.thinkTime() == null ? defaultThink
        : thinkTimes.thinkTime(spec.thinkTime(), field + ".thinkTime");
    Feeder feeder = spec.feeder() == null ? null : feeders.feeder(spec.feeder(), field + ".feeder");
    Set<String> variables = new HashSet<>(Template.BUILT_INS);
    if (feeder != null) {
      variables.addAll(feeder.columns());
    }
    List<@Nullable StepSpec> stepSpecs = spec.steps();
    List<@Nullable StepSpec> onStartSpecs = spec.onStart() == null ? List.of() : spec.onStart();
    // Variables live per virtual user: any step may use what onStart or any step (even a later one) extracts.
    Set<String> extracted = ExtractSection.names(onStartSpecs, new HashSet<>());
    if (stepSpecs != null) {
      ExtractSection.names(stepSpecs, extracted);
    }
    extracted.removeAll(variables); // reported as clashes by the extract entries themselves
    List<ValidPlan.Step> built = new ArrayList<>();
    if (stepSpecs == null || stepSpecs.isEmpty()) {
      checks.add(field + ".steps", "must contain at least one step");
    } else {
      built = steps(stepSpecs, field + ".steps", baseUrl, defaultHeaders, variables, extracted);
    }
    List<ValidPlan.Step> onStart = steps(onStartSpecs, field + ".onStart", baseUrl, defaultHeaders, variables,
        extracted);
    if (checks.count() != before || workload == null) {
      return null;
    }
    return new ValidPlan.Scenario(FieldChecks.textOf(spec.name()), weight, workload, built, think, feeder, onStart,
        spec.cookies() == null || spec.cookies());
  }

  private List<ValidPlan.Step> steps(List<@Nullable StepSpec> specs, String field, String baseUrl,
      Map<String, String> defaultHeaders, Set<String> variables, Set<String> extracted) {
    List<ValidPlan.Step> built = new ArrayList<>();
    if (specs.size() > MAX_STEPS) {
      checks.add(field, "must contain at most " + MAX_STEPS + " steps");
      return built;
    }
    for (int i = 0; i < specs.size(); i++) {
      ValidPlan.Step step = steps.step(specs.get(i), field + "[" + i + "]", baseUrl, defaultHeaders, variables,
          extracted);
      if (step != null) {
        built.add(step);
      }
    }
    return built;
  }
}
