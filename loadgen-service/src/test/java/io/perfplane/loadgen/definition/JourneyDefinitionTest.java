package io.perfplane.loadgen.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.Extraction;
import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.ValidPlan;
import org.junit.jupiter.api.Test;

/** {@code extract:}, {@code onStart:} and {@code cookies:} as a definition states them, and how to get them wrong. */
class JourneyDefinitionTest {

  private final DefinitionReader reader = new DefinitionReader(new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 1_000, Duration.ofHours(1), 100), () -> "generated"));

  private static String definition(String scenario) {
    return """
        name: journey
        targetService: shop
        targetBaseUrl: http://127.0.0.1:8081
        scenarios:
          - name: s
            workload: {executor: ramping-vus, stages: [{duration: 10s, target: 1}]}
        """ + scenario.indent(4);
  }

  private List<FieldViolation> violations(String scenario) {
    return catchThrowableOfType(PlanRejectedException.class,
        () -> reader.read(definition(scenario), DefinitionReader.Format.YAML)).violations();
  }

  @Test
  void readsExtractionsOnStartAndCookiesAndWorksOutWhatEachStepRequires() {
    ValidPlan plan = reader.read(definition("""
        cookies: false
        feeder: {rows: [{user: pat}]}
        onStart:
          - name: POST /login
            method: POST
            path: /login
            body: 'user=${user}'
            extract:
              - {name: token, jsonPath: $.token}
              - {name: loc, header: Location}
        steps:
          - name: GET /form
            path: /form/${vu}
            headers: {Authorization: 'Bearer ${token}'}
            extract: [{name: csrf, regex: 'name="csrf" value="([^"]+)"'}]
          - name: POST /orders
            method: POST
            path: /orders?by=${user}
            headers: {X-Csrf: '${csrf}', X-From: '${loc}'}
            body: '{"token": "${token}"}'
        """), DefinitionReader.Format.YAML);

    ValidPlan.Scenario scenario = plan.scenarios().getFirst();
    assertThat(scenario.cookies()).isFalse();
    assertThat(scenario.onStart()).singleElement().satisfies(login -> {
      assertThat(login.requires()).isEmpty();
      assertThat(login.extractions()).containsExactly(new Extraction.JsonPath("token", "$.token", "/token"),
          new Extraction.Header("loc", "location"));
    });
    assertThat(scenario.steps().get(0).requires()).containsExactly("token");
    assertThat(((Extraction.Regex) scenario.steps().get(0).extractions().getFirst()).pattern().pattern())
        .isEqualTo("name=\"csrf\" value=\"([^\"]+)\"");
    // Feeder columns and built-ins never make a step skippable; extracted variables do.
    assertThat(scenario.steps().get(1).requires()).isEqualTo(Set.of("csrf", "loc", "token"));
  }

  @Test
  void cookiesAreOnByDefaultAndOnStartIsOptional() {
    ValidPlan plan = reader.read(definition("steps: [{name: GET /, path: /}]"), DefinitionReader.Format.YAML);

    assertThat(plan.scenarios().getFirst().cookies()).isTrue();
    assertThat(plan.scenarios().getFirst().onStart()).isEmpty();
  }

  @Test
  void aVariableNothingDefinesIsNamedWithItsFieldPath() {
    assertThat(violations("""
        onStart: [{name: login, method: POST, path: /login, extract: [{name: token, jsonPath: $.token}]}]
        steps:
          - {name: a, path: /a, headers: {Authorization: 'Bearer ${tokn}'}}
          - {name: b, path: '/b/${token}', body: '${csrf}'}
        """)).satisfiesExactlyInAnyOrder(v -> {
          assertThat(v.field()).isEqualTo("scenarios[0].steps[0].headers.Authorization");
          assertThat(v.message()).startsWith("uses ${tokn}, which neither the scenario's feeder, its extract entries");
        }, v -> {
          assertThat(v.field()).isEqualTo("scenarios[0].steps[1].body");
          assertThat(v.message()).startsWith("uses ${csrf}, which neither");
        });
  }

  @Test
  void anExtractionNeedsANameExactlyOneSourceACompilingRegexWithAGroupAndNoClash() {
    List<FieldViolation> violations = violations("""
        feeder: {rows: [{user: pat}]}
        onStart:
          - name: login
            path: /login
            extract:
              - {name: a, jsonPath: $.a, regex: 'x(y)'}
              - {name: b}
              - {name: c, regex: '(unclosed'}
              - {name: d, regex: 'no group'}
              - {name: e, jsonPath: '$..deep'}
              - {name: user, jsonPath: $.user}
              - {name: vu, header: X-Vu}
              - {name: '1st', header: X-A}
              - {name: f, header: 'Bad Header'}
        steps: [{name: a, path: /a}]
        """);

    assertThat(violations).extracting(FieldViolation::field).containsExactly(
        "scenarios[0].onStart[0].extract[0]", "scenarios[0].onStart[0].extract[1]",
        "scenarios[0].onStart[0].extract[2].regex", "scenarios[0].onStart[0].extract[3].regex",
        "scenarios[0].onStart[0].extract[4].jsonPath", "scenarios[0].onStart[0].extract[5].name",
        "scenarios[0].onStart[0].extract[6].name", "scenarios[0].onStart[0].extract[7].name",
        "scenarios[0].onStart[0].extract[8].header");
    assertThat(violations.get(0).message()).isEqualTo("must have exactly one of jsonPath, regex, header");
    assertThat(violations.get(2).message()).startsWith("is not a valid regular expression");
    assertThat(violations.get(3).message()).startsWith("must have a group");
    assertThat(violations.get(5).message()).isEqualTo("'user' is already a built-in or feeder variable");
    // Every violation carries the line of its field in the document.
    assertThat(violations).allSatisfy(v -> assertThat(v.line()).isNotNull());
  }

  @Test
  void onStartStepsAreCheckedLikeSteps() {
    assertThat(violations("""
        onStart: [{name: login, method: 'no way', path: login}]
        steps: [{name: a, path: /a}]
        """)).extracting(FieldViolation::field)
        .contains("scenarios[0].onStart[0].method", "scenarios[0].onStart[0].path");
  }
}
