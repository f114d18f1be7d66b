package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.PlanRejectedException.Kind;
import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;
import io.perfplane.loadgen.plan.TestDefinition.StageSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import io.perfplane.loadgen.plan.TestDefinition.WorkloadSpec;
import org.junit.jupiter.api.Test;

class PlanLimitsTest {

  private final PlanValidator validator = new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 100, Duration.ofMinutes(10)), () -> "id");

  private static WorkloadSpec vus(double... targets) {
    return new WorkloadSpec("ramping-vus", java.util.Arrays.stream(targets).mapToObj(t -> new StageSpec("1s", t))
        .toList(), null, null, null, null, null);
  }

  private static ScenarioSpec scenario(String name, WorkloadSpec workload) {
    return new ScenarioSpec(name, null, workload, null, null, List.of(new StepSpec("GET /", null, null, "/", null,
        null, null, null, null)));
  }

  private static TestDefinition definition(WorkloadSpec shared, List<ScenarioSpec> scenarios) {
    return new TestDefinition(null, "n", "s", "http://127.0.0.1:1", null, null, shared, scenarios, null, null);
  }

  @Test
  void aStageOverTheVuLimitByItselfIsNamed() {
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class, () -> validator.validate(
        definition(null, List.of(scenario("a", vus(10, 101, 5)), scenario("b", vus(1))))));

    assertThat(rejected.kind()).isEqualTo(Kind.NOT_ALLOWED);
    assertThat(rejected.violations()).containsExactly(new FieldViolation("scenarios[0].workload.stages[1].target",
        "must be <= 100 (perfplane.loadgen.max-vus)"));
  }

  @Test
  void scenariosOverTheVuLimitOnlyTogetherAreNamedTogether() {
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class, () -> validator.validate(
        definition(null, List.of(scenario("a", vus(60)), scenario("b", vus(60))))));

    assertThat(rejected.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("scenarios");
      assertThat(v.message()).contains("add up to 120, more than 100");
    });
  }

  @Test
  void aSharedWorkloadOverTheLimitIsNamedAsTheScenariosTogether() {
    ScenarioSpec a = new ScenarioSpec("a", null, null, null, null, scenario("a", vus(1)).steps());
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(definition(vus(150), List.of(a))));

    assertThat(rejected.violations()).extracting(FieldViolation::field).containsExactly("scenarios");
  }
}
