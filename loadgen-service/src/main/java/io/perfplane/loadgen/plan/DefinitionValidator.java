package io.perfplane.loadgen.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.perfplane.loadgen.plan.PlanRejectedException.Kind;
import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link TestDefinition} and builds its {@link ValidPlan}, reporting every problem at once with the path of
 * its field ({@code scenarios[0].steps[2].path}): first everything malformed ({@link Kind#INVALID}), then, for a
 * well-formed plan, everything beyond this generator's limits ({@link Kind#NOT_ALLOWED}, {@link PlanLimits}). The
 * one validator of the package: a legacy {@link RunPlan} is translated into a definition first
 * ({@link LegacyPlanTranslator}). The sections live in their own classes ({@link ScenarioSection},
 * {@link WorkloadSection}, {@link StepSection}, ...). One instance per validation.
 */
final class DefinitionValidator {

  static final int MAX_SCENARIOS = 100;
  static final long DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
  static final long MAX_REQUEST_TIMEOUT_MS = 300_000;
  // Run ids end up in Kafka keys, metric-free logs and URLs: keep them boring.
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final PlanValidator.Limits limits;
  private final Supplier<String> runIds;
  private final FieldChecks checks = new FieldChecks();
  private final ThinkTimeSection thinkTimes = new ThinkTimeSection(checks);
  private final StepSection steps = new StepSection(checks, thinkTimes);
  private final ScenarioSection scenarioSection = new ScenarioSection(checks, thinkTimes, steps);

  DefinitionValidator(PlanValidator.Limits limits, Supplier<String> runIds) {
    this.limits = limits;
    this.runIds = runIds;
  }

  /** @throws PlanRejectedException naming every offending field */
  ValidPlan validate(TestDefinition d) {
    String runId = d.runId();
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      checks.add("runId", "must be 1-64 characters [A-Za-z0-9._-] starting with a letter or digit");
    }
    checks.requireText(d.name(), "name");
    checks.requireText(d.targetService(), "targetService");
    String baseUrl = PlanTarget.checkBaseUrl(d.targetBaseUrl(), checks.sink());
    long timeoutMs = d.requestTimeout() == null ? DEFAULT_REQUEST_TIMEOUT_MS
        : checks.millis(d.requestTimeout(), "requestTimeout", 1, MAX_REQUEST_TIMEOUT_MS);
    Map<String, String> defaultHeaders = steps.headers(d.defaults() == null ? null : d.defaults().headers(),
        "defaults.headers");
    ThinkTime defaultThink = d.defaults() == null || d.defaults().thinkTime() == null ? ThinkTime.NONE
        : thinkTimes.thinkTime(d.defaults().thinkTime(), "defaults.thinkTime");
    List<ValidPlan.Scenario> scenarios = scenarios(d, baseUrl, defaultHeaders, defaultThink);
    List<Threshold> thresholds = ThresholdSection.thresholds(d.thresholds(), scenarios, checks);
    String slos = SloSection.json(d.slos(), checks.sink());
    HttpSettings http = HttpSection.settings(d.http(), checks);
    TimingCapture timings = TimingCapture.of(d.serverTimings(), checks.sink());
    if (!checks.isEmpty()) {
      throw new PlanRejectedException(Kind.INVALID, checks.violations());
    }

    ValidPlan plan = new ValidPlan(runId != null ? runId : runIds.get(), FieldChecks.textOf(d.name()),
        FieldChecks.textOf(d.targetService()), baseUrl, scenarios, thresholds, Duration.ofMillis(timeoutMs), slos,
        http, timings);
    List<FieldViolation> notAllowed = PlanLimits.check(plan, d, limits);
    if (!notAllowed.isEmpty()) {
      throw new PlanRejectedException(Kind.NOT_ALLOWED, notAllowed);
    }
    return plan;
  }

  private List<ValidPlan.Scenario> scenarios(TestDefinition d, String baseUrl, Map<String, String> defaultHeaders,
      ThinkTime defaultThink) {
    List<ValidPlan.Scenario> scenarios = new ArrayList<>();
    List<@Nullable ScenarioSpec> specs = d.scenarios();
    if (specs == null || specs.isEmpty()) {
      checks.add("scenarios", "must contain at least one scenario");
    } else if (specs.size() > MAX_SCENARIOS) {
      checks.add("scenarios", "must contain at most " + MAX_SCENARIOS + " scenarios");
    } else {
      double sharedWeight = 0;
      for (ScenarioSpec spec : specs) {
        if (spec != null && spec.workload() == null) {
          sharedWeight += spec.weight() == null || spec.weight() <= 0 ? 1 : spec.weight();
        }
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < specs.size(); i++) {
        ValidPlan.Scenario scenario = scenarioSection.scenario(specs.get(i), "scenarios[" + i + "]", d.workload(),
            sharedWeight, baseUrl, defaultHeaders, defaultThink);
        if (scenario != null) {
          if (!names.add(scenario.name())) {
            checks.add("scenarios[" + i + "].name", "duplicates another scenario's name");
          }
          scenarios.add(scenario);
        }
      }
    }
    if (d.workload() != null && specs != null && specs.stream().allMatch(s -> s == null || s.workload() != null)) {
      checks.add("workload", "is not used: every scenario has its own workload");
    }
    return scenarios;
  }
}
