package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.perfplane.loadgen.plan.TestDefinition.ThresholdSpec;
import org.jspecify.annotations.Nullable;

/** A definition's pass/fail criteria ({@code thresholds:}), each naming a step of the scenarios if it names one. */
final class ThresholdSection {

  static final long DEFAULT_DELAY_ABORT_EVAL_MS = 10_000;

  private ThresholdSection() {
  }

  static List<Threshold> thresholds(@Nullable List<@Nullable ThresholdSpec> specs, List<ValidPlan.Scenario> scenarios,
      FieldChecks checks) {
    List<Threshold> thresholds = new ArrayList<>();
    if (specs == null) {
      return thresholds;
    }
    Set<String> endpoints = new HashSet<>();
    scenarios.forEach(s -> s.steps().forEach(step -> endpoints.add(step.endpoint())));
    for (int i = 0; i < specs.size(); i++) {
      ThresholdSpec spec = specs.get(i);
      String field = "thresholds[" + i + "]";
      if (spec == null || spec.threshold() == null) {
        checks.add(spec == null ? field : field + ".threshold", "is required");
        continue;
      }
      String endpoint = spec.endpoint() == null || spec.endpoint().isBlank() ? null : spec.endpoint().strip();
      if (endpoint != null && !endpoints.isEmpty() && !endpoints.contains(endpoint)) {
        checks.add(field + ".endpoint", "'" + endpoint + "' is not the name of any step");
      }
      long delay = spec.delayAbortEval() == null ? DEFAULT_DELAY_ABORT_EVAL_MS
          : checks.millis(spec.delayAbortEval(), field + ".delayAbortEval", 0, Long.MAX_VALUE / 4);
      try {
        thresholds.add(Threshold.parse(spec.threshold(), endpoint, Boolean.TRUE.equals(spec.abortOnFail()), delay));
      } catch (IllegalArgumentException e) {
        checks.add(field + ".threshold", String.valueOf(e.getMessage()));
      }
    }
    return thresholds;
  }
}
