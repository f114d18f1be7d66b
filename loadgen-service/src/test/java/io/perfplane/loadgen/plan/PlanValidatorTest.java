package io.perfplane.loadgen.plan;

import io.perfplane.contracts.net.TargetAllowList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.loadgen.plan.PlanRejectedException.Kind;
import io.perfplane.loadgen.plan.RunPlan.Request;
import io.perfplane.loadgen.plan.RunPlan.Stage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

  private final PlanValidator validator = new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*", "localhost:*", "[::1]:*")), 100, Duration.ofMinutes(10)),
      () -> "generated-id");

  private static RunPlan plan(String baseUrl, List<@Nullable Stage> stages, List<@Nullable Request> requests) {
    return new RunPlan(null, "demo", "api-service", baseUrl, stages, requests, 100L, 2_000L);
  }

  private static Request get(String path) {
    return new Request("GET /api/dashboards/{slug}/overview", null, path, Map.of("X-Api-Key", "k"), null);
  }

  private static final List<@Nullable Stage> STAGES = List.of(new Stage(5_000L, 5), new Stage(5_000L, 0));

  @Test
  void acceptsTheDemoPlanAndAppliesDefaults() {
    ValidPlan valid = validator.validate(plan("http://127.0.0.1:8081/", STAGES, List.of(
        get("/api/dashboards/engineering/overview"),
        new Request("POST /api/things", "post", "/api/things?x=1", null, "{\"a\":1}"))));

    assertThat(valid.runId()).isEqualTo("generated-id");
    assertThat(valid.plannedDurationMs()).isEqualTo(10_000);
    assertThat(valid.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(valid.targetBaseUrl()).isEqualTo("http://127.0.0.1:8081");
    // The legacy plan is one closed scenario named after the plan: its requests are the steps, in order.
    assertThat(valid.scenarios()).singleElement().satisfies(scenario -> {
      assertThat(scenario.name()).isEqualTo("demo");
      assertThat(scenario.workload()).isInstanceOfSatisfying(Workload.RampingVus.class,
          vus -> assertThat(vus.schedule().stages()).containsExactly(
              new StageSchedule.Stage(5_000, 5), new StageSchedule.Stage(5_000, 0)));
      assertThat(scenario.thinkTime()).isEqualTo(ThinkTime.constant(100));
      assertThat(scenario.steps()).extracting(s -> s.path().text()).containsExactly(
          "/api/dashboards/engineering/overview", "/api/things?x=1");
      assertThat(scenario.steps()).extracting(ValidPlan.Step::method).containsExactly("GET", "POST");
      assertThat(scenario.steps()).extracting(s -> s.body().text()).containsExactly("", "{\"a\":1}");
      assertThat(scenario.steps().getFirst().headers().get("X-Api-Key").text()).isEqualTo("k");
      assertThat(scenario.steps()).allSatisfy(s -> assertThat(s.probability()).isEqualTo(1.0));
    });
    assertThat(valid.thresholds()).isEmpty();
  }

  @Test
  void keepsASubmittedRunIdAndDefaultsTimings() {
    ValidPlan valid = validator.validate(new RunPlan("run-42", "demo", "svc", "http://localhost:1", STAGES,
        List.of(get("/")), null, null));
    assertThat(valid.runId()).isEqualTo("run-42");
    assertThat(valid.scenarios().getFirst().thinkTime()).isEqualTo(ThinkTime.NONE);
    assertThat(valid.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void namesEveryInvalidFieldAtOnce() {
    List<@Nullable Stage> stages = Arrays.asList(new Stage(1_000L, 1), new Stage(0L, 2), new Stage(null, -1), null);
    Map<String, @Nullable String> headers = new LinkedHashMap<>();
    headers.put("Host", "evil.com");
    headers.put("X-Null", null);
    List<@Nullable Request> requests = new ArrayList<>();
    requests.add(new Request(" ", "GET", "no-slash", null, null));
    requests.add(new Request("ok", "G E T", "//evil.com/x", null, null));
    requests.add(new Request("h", null, "/", headers, null));
    RunPlan plan = new RunPlan("bad id!", null, "", "http://127.0.0.1:8081", stages, requests, -1L, 0L);

    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class, () -> validator.validate(plan));

    assertThat(rejected.kind()).isEqualTo(Kind.INVALID);
    assertThat(rejected.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
        "runId", "name", "targetService", "stages[1].durationMs", "stages[2].durationMs", "stages[2].targetVus",
        "stages[3]", "requests[0].name", "requests[0].path", "requests[1].method", "requests[1].path",
        "requests[2].headers.Host", "requests[2].headers.X-Null", "thinkTimeMs", "requestTimeoutMs");
    assertThat(rejected.violations()).contains(new FieldViolation("stages[1].durationMs", "must be > 0"));
  }

  @Test
  void requiresStagesRequestsAndAnHttpBaseUrl() {
    RunPlan plan = new RunPlan(null, "demo", "svc", "ftp://127.0.0.1", null, List.of(), null, null);
    assertThat(catchThrowableOfType(PlanRejectedException.class, () -> validator.validate(plan)).violations())
        .extracting(FieldViolation::field).containsExactlyInAnyOrder("targetBaseUrl", "stages", "requests");
  }

  @Test
  void baseUrlMayNotCarryUserInfoQueryOrFragment() {
    for (String url : List.of("http://localhost@evil.com", "http://127.0.0.1:1/?a=b", "http://127.0.0.1:1/#x",
        "http://127.0.0.1:1\\@evil.com", "127.0.0.1:8081")) {
      PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
          () -> validator.validate(plan(url, STAGES, List.of(get("/")))));
      assertThat(rejected.kind()).as(url).isEqualTo(Kind.INVALID);
      assertThat(rejected.violations()).as(url).extracting(FieldViolation::field).containsExactly("targetBaseUrl");
    }
  }

  @Test
  void refusesTargetsOutsideTheAllowListNamingTheFieldAndTheList() {
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(plan("http://127.0.0.1.evil.com:8081", STAGES, List.of(get("/")))));

    assertThat(rejected.kind()).isEqualTo(Kind.NOT_ALLOWED);
    assertThat(rejected.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("targetBaseUrl");
      assertThat(v.message()).contains("127.0.0.1.evil.com:8081").contains("[127.0.0.1:*, localhost:*, [::1]:*]");
    });
  }

  @Test
  void refusesPlansBeyondTheVuAndDurationLimits() {
    List<@Nullable Stage> stages = List.of(new Stage(300_000L, 100), new Stage(300_001L, 101));
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(plan("http://localhost:8081", stages, List.of(get("/")))));

    assertThat(rejected.kind()).isEqualTo(Kind.NOT_ALLOWED);
    assertThat(rejected.violations()).extracting(FieldViolation::field)
        .containsExactly("stages[1].targetVus", "stages");
    assertThat(rejected.violations().get(1).message()).contains("600001").contains("600000");
  }

  @Test
  void hugeDurationsDoNotOverflowPastTheLimit() {
    List<@Nullable Stage> stages = List.of(new Stage(Long.MAX_VALUE, 1), new Stage(Long.MAX_VALUE, 1));
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(plan("http://localhost:8081", stages, List.of(get("/")))));
    assertThat(rejected.violations()).extracting(FieldViolation::field).containsExactly("stages");
  }

  @Test
  void structuralProblemsAreReportedBeforePolicyOnes() {
    PlanRejectedException rejected = catchThrowableOfType(PlanRejectedException.class,
        () -> validator.validate(plan("http://10.0.0.1", List.of(new Stage(-1L, 1)), List.of(get("/")))));
    assertThat(rejected.kind()).isEqualTo(Kind.INVALID);
    assertThat(rejected.violations()).extracting(FieldViolation::field).containsExactly("stages[0].durationMs");
  }
}
