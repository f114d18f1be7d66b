package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.List;

import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;

/**
 * What this generator allows, checked on a well-formed plan: the target on the allow-list, the virtual users, the
 * arrival rate and the duration within the configured limits. Each refusal names the narrowest field that explains
 * it: a stage asking for more virtual users than allowed by itself is named; otherwise the scenarios together.
 */
final class PlanLimits {

  private PlanLimits() {
  }

  /**
   * @param plan the plan built from {@code definition}, every scenario at its spec's index
   * @return the refusals, in the order: target, virtual users, rate, duration; empty when the plan may run
   */
  static List<FieldViolation> check(ValidPlan plan, TestDefinition definition, PlanValidator.Limits limits) {
    List<FieldViolation> notAllowed = new ArrayList<>();
    PlanTarget.checkAllowed(limits.allowList(), plan.targetBaseUrl(), notAllowed);
    int stagesOverVus = notAllowed.size();
    List<? extends ScenarioSpec> specs = definition.scenarios() == null ? List.of() : definition.scenarios();
    for (int i = 0; i < plan.scenarios().size(); i++) {
      ScenarioSpec spec = specs.get(i);
      if (spec.workload() != null && plan.scenarios().get(i).workload() instanceof Workload.RampingVus vus) {
        List<StageSchedule.Stage> stages = vus.schedule().stages();
        for (int j = 0; j < stages.size(); j++) {
          if (stages.get(j).targetVus() > limits.maxVus()) {
            notAllowed.add(new FieldViolation("scenarios[" + i + "].workload.stages[" + j + "].target",
                "must be <= " + limits.maxVus() + " (perfplane.loadgen.max-vus)"));
          }
        }
      }
    }
    stagesOverVus = notAllowed.size() - stagesOverVus;
    if (stagesOverVus == 0 && plan.peakConcurrency() > limits.maxVus()) {
      notAllowed.add(new FieldViolation("scenarios", "peak virtual users plus arrival-rate maxConcurrency add up to "
          + plan.peakConcurrency() + ", more than " + limits.maxVus() + " (perfplane.loadgen.max-vus)"));
    }
    double peakRate = plan.scenarios().stream().mapToDouble(s -> s.workload() instanceof Workload.ArrivalRate rate
        ? rate.schedule().peakRatePerSecond() : 0).sum();
    if (peakRate > limits.maxRatePerSecond()) {
      notAllowed.add(new FieldViolation("scenarios", "peak arrival rates add up to " + peakRate + "/s, more than "
          + limits.maxRatePerSecond() + "/s (perfplane.loadgen.max-rate)"));
    }
    if (plan.plannedDurationMs() > limits.maxDuration().toMillis()) {
      notAllowed.add(new FieldViolation("scenarios", "the longest scenario lasts " + plan.plannedDurationMs()
          + " ms, more than " + limits.maxDuration().toMillis() + " ms (perfplane.loadgen.max-duration)"));
    }
    return notAllowed;
  }
}
