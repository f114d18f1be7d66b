package io.perfplane.loadgen.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.slo.SloFile;
import io.perfplane.loadgen.definition.DefinitionReader.Format;
import io.perfplane.loadgen.plan.ArrivalSchedule;
import io.perfplane.loadgen.plan.Check;
import io.perfplane.loadgen.plan.Extraction;
import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.ThinkTime;
import io.perfplane.loadgen.plan.Threshold;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.loadgen.plan.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionReaderTest {

  private final PlanValidator validator = new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 20_000, Duration.ofHours(2), 1_000), () -> "generated");
  private final DefinitionReader reader = new DefinitionReader(validator);

  static final String FULL = """
      name: checkout
      targetService: shop
      targetBaseUrl: http://127.0.0.1:8081/
      requestTimeout: 2s
      defaults:
        headers: {X-Api-Key: k}
        thinkTime: {uniform: {min: 1s, max: 6s}}
      scenarios:
        - name: browse
          weight: 3
          workload:
            executor: ramping-vus
            stages:
              - {duration: 30s, target: 100}
              - {duration: 1m, target: 500}
              - {duration: 10s, target: 1200}
              - {duration: 20s, target: 0}
          feeder:
            strategy: random
            csv: |
              slug,login
              engineering,pat
              "oss-radar",tina
          steps:
            - name: GET /api/dashboards/{slug}
              group: insight
              path: /api/dashboards/${slug}?by=${login}
              probability: 0.3
              checks:
                - status: [200, 304]
                - bodyContains: slug
                - jsonPath: $.users[0].login
                  equals: pat
              thinkTime: {exponential: 2s}
        - name: api
          workload:
            executor: ramping-arrival-rate
            startRate: 10
            timeUnit: 1m
            maxConcurrency: 50
            stages:
              - {duration: 1m, target: 600}
          steps:
            - name: POST /api/things
              method: post
              path: /api/things
              headers: {Content-Type: application/json}
              body: '{"vu": ${vu}, "i": ${iteration}}'
      thresholds:
        - threshold: p(95) < 500ms
        - threshold: error_rate < 1%
          endpoint: POST /api/things
          abortOnFail: true
          delayAbortEval: 5s
      """;

  @Test
  void readsEveryPartOfAYamlDefinition() {
    ValidPlan plan = reader.read(FULL, Format.YAML);

    assertThat(plan.runId()).isEqualTo("generated");
    assertThat(plan.targetBaseUrl()).isEqualTo("http://127.0.0.1:8081");
    assertThat(plan.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(plan.plannedDurationMs()).isEqualTo(120_000);
    ValidPlan.Scenario browse = plan.scenarios().getFirst();
    assertThat(browse.weight()).isEqualTo(3);
    assertThat(browse.thinkTime()).isEqualTo(ThinkTime.uniform(1_000, 6_000));
    assertThat(browse.workload()).isInstanceOfSatisfying(Workload.RampingVus.class,
        vus -> assertThat(vus.schedule().peakVus()).isEqualTo(1_200));
    assertThat(browse.feeder().rows()).hasSize(2).last().satisfies(row ->
        assertThat(row).containsEntry("slug", "oss-radar").containsEntry("login", "tina"));
    ValidPlan.Step step = browse.steps().getFirst();
    assertThat(step.group()).isEqualTo("insight");
    assertThat(step.probability()).isEqualTo(0.3);
    assertThat(step.path().variables()).containsExactly("slug", "login");
    assertThat(step.headers().get("X-Api-Key").text()).isEqualTo("k"); // inherited from defaults
    assertThat(step.thinkTime()).isEqualTo(ThinkTime.exponential(2_000));
    assertThat(step.checks()).containsExactly(new Check.Status(java.util.Set.of(200, 304)),
        new Check.BodyContains("slug"), new Check.JsonPath("$.users[0].login", "/users/0/login", "pat"));

    ValidPlan.Scenario api = plan.scenarios().get(1);
    assertThat(api.workload()).isInstanceOfSatisfying(Workload.ArrivalRate.class, rate -> {
      assertThat(rate.maxConcurrency()).isEqualTo(50);
      assertThat(rate.executor()).isEqualTo("ramping-arrival-rate");
      // Per minute in the file, per second in the model: 10/min -> 600/min is 1/6 s -> 10/s.
      assertThat(rate.schedule().startRatePerSecond()).isEqualTo(10 / 60.0);
      assertThat(rate.schedule().stages()).containsExactly(new ArrivalSchedule.Stage(60_000, 10));
    });
    assertThat(api.steps().getFirst().method()).isEqualTo("POST");
    assertThat(plan.thresholds()).extracting(Threshold::expression).containsExactly("p(95) < 500ms",
        "error_rate < 1%");
    assertThat(plan.thresholds().get(1).endpoint()).isEqualTo("POST /api/things");
    assertThat(plan.thresholds().get(1).abortOnFail()).isTrue();
    assertThat(plan.thresholds().get(1).delayAbortEvalMs()).isEqualTo(5_000);
  }

  @Test
  void jsonDefinitionsReadTheSame() {
    String json = """
        {"name": "n", "targetService": "s", "targetBaseUrl": "http://127.0.0.1:1",
         "scenarios": [{"name": "a", "workload": {"executor": "constant-arrival-rate", "rate": 20,
           "duration": "3s", "maxConcurrency": 4}, "steps": [{"name": "GET /", "path": "/"}]}]}
        """;
    ValidPlan plan = reader.read(json, Format.JSON);
    assertThat(plan.scenarios().getFirst().workload()).isInstanceOfSatisfying(Workload.ArrivalRate.class,
        rate -> assertThat(rate.schedule().totalArrivals()).isEqualTo(60));
  }

  @Test
  void theLegacyJsonPlanStillReadsAsOneClosedScenario() {
    String legacy = """
        {"runId": "r1", "name": "demo", "targetService": "api-service", "targetBaseUrl": "http://127.0.0.1:8081",
         "stages": [{"durationMs": 1000, "targetVus": 2}], "thinkTimeMs": 50, "requestTimeoutMs": 5000,
         "requests": [{"name": "GET /a", "method": "GET", "path": "/a", "headers": {"X-Api-Key": "ccl-demo-key"}}]}
        """;
    ValidPlan plan = reader.read(legacy, Format.JSON);
    assertThat(plan.runId()).isEqualTo("r1");
    assertThat(plan.scenarios()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("demo");
      assertThat(s.workload()).isInstanceOf(Workload.RampingVus.class);
      assertThat(s.thinkTime()).isEqualTo(ThinkTime.constant(50));
    });
  }

  @Test
  void sharedWorkloadIsSplitByWeight() {
    String yaml = """
        name: n
        targetService: s
        targetBaseUrl: http://127.0.0.1:1
        workload:
          executor: ramping-vus
          stages: [{duration: 10s, target: 1000}]
        scenarios:
          - {name: a, weight: 80, steps: [{name: A, path: /a}]}
          - {name: b, weight: 20, steps: [{name: B, path: /b}]}
        """;
    ValidPlan plan = reader.read(yaml, Format.YAML);
    assertThat(plan.scenarios()).extracting(s -> ((Workload.RampingVus) s.workload()).schedule().peakVus())
        .containsExactly(800, 200);
  }

  @Test
  void validationErrorsNameTheFieldAndItsYamlLine() {
    String yaml = """
        name: n
        targetService: s
        targetBaseUrl: http://127.0.0.1:1
        scenarios:
          - name: a
            workload:
              executor: ramping-vus
              stages:
                - {duration: 10x, target: 5}
            steps:
              - name: A
                path: /a/${nope}
                probability: 1.5
        thresholds:
          - threshold: p(95) <> 5
        """;
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read(yaml, Format.YAML));

    assertThat(e.kind()).isEqualTo(PlanRejectedException.Kind.INVALID);
    assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::line).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("scenarios[0].workload.stages[0].duration", 9),
        org.assertj.core.groups.Tuple.tuple("scenarios[0].steps[0].path", 12),
        org.assertj.core.groups.Tuple.tuple("scenarios[0].steps[0].probability", 13),
        org.assertj.core.groups.Tuple.tuple("thresholds[0].threshold", 15));
    assertThat(e.violations()).filteredOn(v -> v.field().endsWith("path")).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("${nope}"));
  }

  @Test
  void unknownAndMistypedFieldsNameTheFieldAndLine() {
    PlanRejectedException misspelt = catchThrowableOfType(PlanRejectedException.class, () -> reader.read("""
        name: n
        scenarios:
          - name: a
            stepz: []
        """, Format.YAML));
    assertThat(misspelt.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("scenarios[0].stepz");
      assertThat(v.line()).isEqualTo(4);
    });

    PlanRejectedException mistyped = catchThrowableOfType(PlanRejectedException.class, () -> reader.read("""
        name: n
        scenarios:
          - name: a
            weight: [1]
        """, Format.YAML));
    assertThat(mistyped.violations()).singleElement().satisfies(v ->
        assertThat(v.field()).isEqualTo("scenarios[0].weight"));

    PlanRejectedException broken = catchThrowableOfType(PlanRejectedException.class,
        () -> reader.read("name: [unclosed\n", Format.YAML));
    assertThat(broken.violations()).singleElement().satisfies(v -> assertThat(v.line()).isNotNull());
  }

  @Test
  void openModelsNeedAConcurrencyCapAndExecutorsRejectForeignFields() {
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read("""
        name: n
        targetService: s
        targetBaseUrl: http://127.0.0.1:1
        scenarios:
          - name: a
            workload: {executor: constant-arrival-rate, rate: 5, duration: 1s, stages: [{duration: 1s, target: 1}]}
            steps: [{name: A, path: /a}]
          - name: b
            workload: {executor: closed-loop}
            steps: [{name: B, path: /b, checks: [{status: [200], bodyContains: x}]}]
        """, Format.YAML));
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
        "scenarios[0].workload.maxConcurrency", "scenarios[0].workload.stages", "scenarios[1].workload.executor",
        "scenarios[1].steps[0].checks[0]");
  }

  @Test
  void limitsApplyToTheWholeDefinition() {
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read("""
        name: n
        targetService: s
        targetBaseUrl: http://10.0.0.1:1
        scenarios:
          - name: a
            workload: {executor: constant-arrival-rate, rate: 2000, duration: 1s, maxConcurrency: 10}
            steps: [{name: A, path: /a}]
        """, Format.YAML));
    assertThat(e.kind()).isEqualTo(PlanRejectedException.Kind.NOT_ALLOWED);
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("targetBaseUrl", "scenarios");
  }

  @Test
  void overridesReplaceRunIdAndTargetBeforeValidation() {
    String withoutTarget = """
        name: n
        targetService: s
        scenarios:
          - name: a
            workload: {executor: ramping-vus, stages: [{duration: 1s, target: 1}]}
            steps: [{name: A, path: /a}]
        """;
    ValidPlan plan = reader.read(withoutTarget, Format.YAML, "cli-run", "http://127.0.0.1:4321");
    assertThat(plan.runId()).isEqualTo("cli-run");
    assertThat(plan.targetBaseUrl()).isEqualTo("http://127.0.0.1:4321");

    ValidPlan legacy = reader.read("""
        {"runId": "r1", "name": "demo", "targetService": "api-service", "targetBaseUrl": "http://127.0.0.1:8081",
         "stages": [{"durationMs": 1000, "targetVus": 1}], "requests": [{"name": "GET /", "path": "/"}]}""",
        Format.JSON, null, "http://127.0.0.1:9");
    assertThat(legacy.runId()).isEqualTo("r1");
    assertThat(legacy.targetBaseUrl()).isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void anOverriddenTargetMustPassTheAllowListAndItsViolationHasNoDocumentLine() {
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read(FULL, Format.YAML,
        null, "http://10.0.0.1:8081"));

    assertThat(e.kind()).isEqualTo(PlanRejectedException.Kind.NOT_ALLOWED);
    // Line 3 holds the document's (allowed) target; pointing there would send the user to the wrong place.
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("targetBaseUrl");
      assertThat(v.line()).isNull();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed", "smoke", "1k-users", "10k-users"})
  void everyBuiltInProfileIsValid(String name) {
    ValidPlan plan = validator.validate(Profiles.load(name).orElseThrow());
    assertThat(plan.targetService()).isEqualTo("api-service");
    // Every request is authenticated: by the demo key, or (seed) by the session token its login extracted.
    assertThat(plan.scenarios()).allSatisfy(s -> assertThat(s.steps()).allSatisfy(step -> {
      if (step.endpoint().equals("POST /api/login")) {
        assertThat(step.body().text()).contains("ccl-demo-key");
      } else if (name.equals("seed")) {
        assertThat(step.headers().get("Authorization").text()).isEqualTo("Bearer ${token}");
        assertThat(step.requires()).containsExactly("token");
      } else {
        assertThat(step.headers().get("X-Api-Key").text()).isEqualTo("ccl-demo-key");
      }
    }));
    assertThat(plan.thresholds()).isNotEmpty();
  }

  @Test
  void theSeedProfileHasSevenGroupsThinkTimesAndProbabilisticDetailViews() {
    ValidPlan seed = validator.validate(Profiles.load("seed").orElseThrow());
    List<ValidPlan.Step> steps = seed.scenarios().getFirst().steps();
    assertThat(steps).extracting(ValidPlan.Step::group).containsExactly("auth", "navigation", "overview", "insight",
        "run-views", "analytics", "static-assets");
    assertThat(steps).extracting(ValidPlan.Step::probability).containsExactly(1.0, 1.0, 1.0, 0.3, 0.2, 1.0, 1.0);
    assertThat(seed.scenarios().getFirst().thinkTime()).isEqualTo(ThinkTime.uniform(1_000, 6_000));
    assertThat(seed.scenarios().getFirst().feeder().rows()).extracting(r -> r.get("slug"))
        .containsOnly("engineering", "oss-radar");
    // Each browsing user logs in once and reuses the token; the auth scenario logs in and out every iteration.
    assertThat(seed.scenarios().getFirst().onStart()).singleElement().satisfies(login -> {
      assertThat(login.endpoint()).isEqualTo("POST /api/login");
      assertThat(login.extractions()).extracting(Extraction::name).containsExactly("token");
    });
    assertThat(seed.scenarios().get(1).steps()).extracting(ValidPlan.Step::endpoint)
        .containsExactly("POST /api/login", "GET /api/dashboards", "POST /api/logout");
    assertThat(seed.scenarios().get(1).steps()).extracting(ValidPlan.Step::group).containsOnly("auth");
    // Seed 002's thresholds as SLOs, in the form the analyzer reads them, and its database-time header captured.
    List<Slo> slos = SloFile.parse("seed", new StringReader(seed.slos()));
    assertThat(slos).extracting(slo -> (slo.measure() == null ? slo.metric().name() : slo.measure().name()) + " "
            + slo.indicator() + " " + slo.objective() + " " + slo.window().toSeconds())
        .containsExactly("LATENCY LATENCY_P95 500.0 60", "LATENCY LATENCY_P99 1000.0 60", "LATENCY ERROR_RATE 0.01 60",
            "server_timing.db LATENCY_P95 100.0 60", "server_timing.db LATENCY_P99 200.0 60",
            "TTFB LATENCY_P95 200.0 60", "TTFB LATENCY_P99 400.0 60", "checks ERROR_RATE 0.05 60");
    assertThat(seed.timings().serverTimingHeader()).isTrue();
    assertThat(seed.timings().headers()).extracting(h -> h.header() + " " + h.name() + " " + h.unit())
        .containsExactly("x-db-query-duration db ms"); // header names are matched in lower case
    ValidPlan tenK = validator.validate(DefinitionReader.override(Profiles.load("10k-users").orElseThrow(),
        "run-10k", "http://127.0.0.1:9999"));
    assertThat(tenK.runId()).isEqualTo("run-10k");
    assertThat(tenK.targetBaseUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(tenK.peakConcurrency()).isEqualTo(10_000);
  }

  @Test
  void slosTravelWithThePlanAsVersionedJsonAndAMalformedSectionIsRefusedWithItsLine() {
    String yaml = """
        name: slo
        targetService: shop
        targetBaseUrl: http://127.0.0.1:8081
        workload:
          executor: ramping-vus
          stages: [{duration: 10s, target: 2}]
        scenarios:
          - name: s
            steps: [{name: GET /a, path: /a}]
        slos:
          - id: a-p95
            objective: p(95) < 500ms
            endpoint: GET /a
            abortOnFail: true
        """;

    ValidPlan plan = reader.read(yaml, Format.YAML);

    assertThat(plan.slos()).isEqualTo("{\"schema\":1,\"slos\":[{\"id\":\"a-p95\",\"objective\":\"p(95) < 500ms\","
        + "\"endpoint\":\"GET /a\",\"abortOnFail\":\"true\"}]}");
    assertThat(reader.read(yaml.substring(0, yaml.indexOf("slos:")), Format.YAML).slos()).isEmpty();
    // A shard rebuilds the plan under the run's id: its STARTED must carry the same SLOs.
    assertThat(plan.withRunId("other").slos()).isEqualTo(plan.slos());

    String bad = yaml.replace("    objective: p(95) < 500ms\n", "    objectve: p(95) < 500ms\n");
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read(bad, Format.YAML));
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("slos[0].objectve");
      assertThat(v.message()).startsWith("unknown field");
      assertThat(v.line()).isEqualTo(12);
    });

    String badObjective = yaml.replace("p(95) < 500ms", "p(97) < 500ms");
    PlanRejectedException objective = catchThrowableOfType(PlanRejectedException.class,
        () -> reader.read(badObjective, Format.YAML));
    assertThat(objective.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("slos[0].objective");
      assertThat(v.message()).contains("unknown objective 'p(97) < 500ms'");
      assertThat(v.line()).isEqualTo(12);
    });

    String quoted = yaml.replace("    abortOnFail: true\n", "    description: 'say \"fast\" \\\\ or\ttab'\n");
    tools.jackson.databind.JsonNode parsed = tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree(reader.read(quoted, Format.YAML).slos());
    assertThat(parsed.get("slos").get(0).get("description").asString()).isEqualTo("say \"fast\" \\\\ or\ttab");
  }
}
