package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.PlanRejectedException.Kind;
import io.perfplane.loadgen.plan.RunPlan.Request;
import io.perfplane.loadgen.plan.RunPlan.Stage;
import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;
import io.perfplane.loadgen.plan.TestDefinition.StageSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import io.perfplane.loadgen.plan.TestDefinition.ThinkTimeSpec;
import io.perfplane.loadgen.plan.TestDefinition.WorkloadSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The legacy run plan goes through the definition validator: it must build the same plan as the definition it means,
 * and every violation must still name the legacy plan's own field, worded as before.
 */
class LegacyPlanTranslatorTest {

  private final PlanValidator validator = new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 100, Duration.ofMinutes(10)), () -> "generated-id");

  private static final RunPlan PLAN = new RunPlan("run-1", "demo", "api-service", "http://127.0.0.1:8081/",
      List.of(new Stage(5_000L, 5), new Stage(2_000L, 5), new Stage(5_000L, 0)),
      List.of(new Request("GET /a", null, "/a?x=1", Map.of("X-Api-Key", "k"), null),
          new Request("POST /b", "post", "/b", Map.of("X-Note", "${as-is}"), "{\"v\":\"${not-a-variable}\"}")),
      250L, 2_000L);

  /** What {@link #PLAN} means, written as a definition; its texts escape '${' as a definition must. */
  private static final TestDefinition DEFINITION = new TestDefinition("run-1", "demo", "api-service",
      "http://127.0.0.1:8081/", "2s", null, null, List.of(new ScenarioSpec("demo", null,
          new WorkloadSpec("ramping-vus", List.of(new StageSpec("5s", 5.0), new StageSpec("2000", 5.0),
              new StageSpec("5s", 0.0)), null, null, null, null, null),
          new ThinkTimeSpec("250ms", null, null), null,
          List.of(new StepSpec("GET /a", null, "GET", "/a?x=1", Map.of("X-Api-Key", "k"), null, null, null, null),
              new StepSpec("POST /b", null, "POST", "/b", Map.of("X-Note", "$${as-is}"),
                  "{\"v\":\"$${not-a-variable}\"}", null, null, null)))),
      null, null);

  @Test
  void aLegacyPlanAndItsDefinitionBuildEqualPlans() {
    ValidPlan legacy = validator.validate(PLAN);

    assertThat(legacy).isEqualTo(validator.validate(DEFINITION));
    // Legacy texts were never templates: they are sent as written.
    ValidPlan.Step post = legacy.scenarios().getFirst().steps().get(1);
    assertThat(post.headers().get("X-Note").render(name -> "x", v -> v)).isEqualTo("${as-is}");
    assertThat(post.body().render(name -> "x", v -> v)).isEqualTo("{\"v\":\"${not-a-variable}\"}");
    assertThat(post.body()).isEqualTo(Template.literal("{\"v\":\"${not-a-variable}\"}"));
  }

  @Test
  void equalPlansNeedEqualShapes() {
    RunPlan longer = new RunPlan("run-1", "demo", "api-service", "http://127.0.0.1:8081/",
        List.of(new Stage(5_000L, 5), new Stage(2_001L, 5), new Stage(5_000L, 0)), PLAN.requests(), 250L, 2_000L);
    assertThat(validator.validate(longer)).isNotEqualTo(validator.validate(DEFINITION));
  }

  @Test
  void theTranslationIsOneRampingVuScenarioNamedAfterThePlan() {
    LegacyPlanTranslator.Translation translation = LegacyPlanTranslator.translate(PLAN);

    assertThat(translation.untranslatable()).isEmpty();
    ScenarioSpec scenario = translation.definition().scenarios().getFirst();
    assertThat(scenario.name()).isEqualTo("demo");
    assertThat(scenario.workload().executor()).isEqualTo("ramping-vus");
    assertThat(scenario.workload().stages()).containsExactly(new StageSpec("5000ms", 5.0),
        new StageSpec("2000ms", 5.0), new StageSpec("5000ms", 0.0));
    assertThat(scenario.steps()).extracting(StepSpec::path).containsExactly("/a?x=1", "/b");
    assertThat(scenario.steps().get(1).body()).isEqualTo("{\"v\":\"$${not-a-variable}\"}");
    assertThat(translation.definition().requestTimeout()).isEqualTo("2000ms");
  }

  @Test
  void aDurationTooLongForADefinitionIsStillRefusedByTheDurationLimit() {
    assertThat(DurationText.parseMillis(DurationText.MAX_MILLIS + "ms")).isBetween(DurationText.MAX_MILLIS - 1,
        DurationText.MAX_MILLIS);
    RunPlan forever = new RunPlan(null, "demo", "svc", "http://127.0.0.1:1", List.of(new Stage(Long.MAX_VALUE, 1)),
        List.of(new Request("GET /", null, "/", null, null)), null, null);

    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(forever));

    assertThat(rejected.kind()).isEqualTo(Kind.NOT_ALLOWED);
    assertThat(rejected.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("stages");
      assertThat(v.message()).startsWith("the stages last ").endsWith(" ms, more than 600000 ms "
          + "(perfplane.loadgen.max-duration)");
    });
  }

  /** One broken legacy field: the violation it must produce, field and message as the legacy validator wrote them. */
  static Stream<Arguments> legacyViolations() {
    List<@Nullable Stage> nullStage = Arrays.asList(new Stage(1_000L, 1), null);
    Map<String, @Nullable String> nullHeader = new LinkedHashMap<>();
    nullHeader.put("X-Null", null);
    List<@Nullable Request> nullRequest = Arrays.asList(PLAN.requests().getFirst(), null);
    return Stream.of(
        invalid("runId", p -> with(p, "runId", "bad id!"),
            "must be 1-64 characters [A-Za-z0-9._-] starting with a letter or digit"),
        invalid("name", p -> with(p, "name", null), "is required"),
        invalid("name", p -> with(p, "name", "n".repeat(201)), "must be at most 200 characters"),
        invalid("targetService", p -> with(p, "targetService", " "), "is required"),
        invalid("targetBaseUrl", p -> with(p, "targetBaseUrl", "ftp://127.0.0.1"),
            "must be an absolute http:// or https:// URL with a host"),
        invalid("stages", p -> stages(p, null), "must contain at least one stage"),
        invalid("stages", p -> stages(p, List.of()), "must contain at least one stage"),
        invalid("stages", p -> stages(p, Collections.nCopies(1_001, new Stage(1L, 1))),
            "must contain at most 1000 stages"),
        invalid("stages[1]", p -> stages(p, nullStage), "must not be null"),
        invalid("stages[0].durationMs", p -> stages(p, List.of(new Stage(0L, 1))), "must be > 0"),
        invalid("stages[0].durationMs", p -> stages(p, List.of(new Stage(null, 1))), "is required"),
        invalid("stages[0].targetVus", p -> stages(p, List.of(new Stage(1L, -1))), "must be >= 0"),
        invalid("stages[0].targetVus", p -> stages(p, List.of(new Stage(1L, null))), "is required"),
        invalid("requests", p -> requests(p, null), "must contain at least one request"),
        invalid("requests", p -> requests(p, List.of()), "must contain at least one request"),
        invalid("requests", p -> requests(p, Collections.nCopies(1_001, PLAN.requests().getFirst())),
            "must contain at most 1000 requests"),
        invalid("requests[1]", p -> requests(p, nullRequest), "must not be null"),
        invalid("requests[0].name", p -> request(p, new Request(" ", null, "/", null, null)), "is required"),
        invalid("requests[0].method", p -> request(p, new Request("r", "G E T", "/", null, null)),
            "must be an HTTP method such as GET or POST"),
        invalid("requests[0].path", p -> request(p, new Request("r", null, "no-slash", null, null)),
            "must start with a single '/'"),
        invalid("requests[0].path", p -> request(p, new Request("r", null, null, null, null)), "is required"),
        invalid("requests[0].path", p -> request(p, new Request("r", null, "@evil.com/", null, null)),
            "must start with a single '/'"),
        invalid("requests[0].headers.X-Null", p -> request(p, new Request("r", null, "/", nullHeader, null)),
            "must not be null"),
        invalid("thinkTimeMs", p -> timings(p, -1L, null), "must be between 0 and 600000"),
        invalid("thinkTimeMs", p -> timings(p, 600_001L, null), "must be between 0 and 600000"),
        invalid("requestTimeoutMs", p -> timings(p, null, 0L), "must be between 1 and 300000"),
        invalid("requestTimeoutMs", p -> timings(p, null, 300_001L), "must be between 1 and 300000"),
        Arguments.of(Kind.NOT_ALLOWED, "targetBaseUrl", (UnaryOperator<RunPlan>) p -> with(p, "targetBaseUrl",
            "http://10.0.0.1:8081"), "target 10.0.0.1:8081 is not in the allowed targets [127.0.0.1:*] "
            + "(perfplane.loadgen.allowed-targets, env PERFPLANE_LOADGEN_ALLOWED_TARGETS)"),
        Arguments.of(Kind.NOT_ALLOWED, "stages[1].targetVus", (UnaryOperator<RunPlan>) p -> stages(p,
            List.of(new Stage(1_000L, 100), new Stage(1_000L, 101))), "must be <= 100 (perfplane.loadgen.max-vus)"),
        Arguments.of(Kind.NOT_ALLOWED, "stages", (UnaryOperator<RunPlan>) p -> stages(p,
            List.of(new Stage(600_000L, 1), new Stage(1L, 1))),
            "the stages last 600001 ms, more than 600000 ms (perfplane.loadgen.max-duration)"));
  }

  @ParameterizedTest(name = "{1}: {3}")
  @MethodSource("legacyViolations")
  void everyLegacyViolationKeepsItsFieldAndWording(Kind kind, String field, UnaryOperator<RunPlan> breakIt,
      String message) {
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(breakIt.apply(PLAN)));

    assertThat(rejected.kind()).isEqualTo(kind);
    assertThat(rejected.violations()).containsExactly(new FieldViolation(field, message));
  }

  @Test
  void definitionPathsOfATranslationMapBackToLegacyFields() {
    assertThat(LegacyPlanTranslator.toLegacy(List.of(
        new FieldViolation("scenarios[0].steps[12].headers.Host", "m"),
        new FieldViolation("scenarios[0].steps[3].body", "m"),
        new FieldViolation("scenarios[0].workload.stages[7].duration", "m"),
        new FieldViolation("scenarios[0].workload.stages[7].target", "m"),
        new FieldViolation("scenarios[0].thinkTime.constant", "m"),
        new FieldViolation("requestTimeout", "m"),
        new FieldViolation("scenarios[0].name", "is required"),
        new FieldViolation("runId", "m")))).extracting(FieldViolation::field).containsExactly(
        "requests[12].headers.Host", "requests[3].body", "stages[7].durationMs", "stages[7].targetVus", "thinkTimeMs",
        "requestTimeoutMs", "runId");
  }

  private static Arguments invalid(String field, UnaryOperator<RunPlan> breakIt, String message) {
    return Arguments.of(Kind.INVALID, field, breakIt, message);
  }

  private static RunPlan with(RunPlan p, String field, @Nullable String value) {
    return new RunPlan(field.equals("runId") ? value : p.runId(), field.equals("name") ? value : p.name(),
        field.equals("targetService") ? value : p.targetService(),
        field.equals("targetBaseUrl") ? value : p.targetBaseUrl(), p.stages(), p.requests(), p.thinkTimeMs(),
        p.requestTimeoutMs());
  }

  private static RunPlan stages(RunPlan p, @Nullable List<@Nullable Stage> stages) {
    return new RunPlan(p.runId(), p.name(), p.targetService(), p.targetBaseUrl(), stages, p.requests(),
        p.thinkTimeMs(), p.requestTimeoutMs());
  }

  private static RunPlan requests(RunPlan p, @Nullable List<@Nullable Request> requests) {
    return new RunPlan(p.runId(), p.name(), p.targetService(), p.targetBaseUrl(), p.stages(), requests,
        p.thinkTimeMs(), p.requestTimeoutMs());
  }

  private static RunPlan request(RunPlan p, Request request) {
    List<@Nullable Request> requests = new ArrayList<>(List.of(request));
    return requests(p, requests);
  }

  private static RunPlan timings(RunPlan p, @Nullable Long thinkTimeMs, @Nullable Long requestTimeoutMs) {
    return new RunPlan(p.runId(), p.name(), p.targetService(), p.targetBaseUrl(), p.stages(), p.requests(),
        thinkTimeMs, requestTimeoutMs);
  }
}
