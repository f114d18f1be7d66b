package io.perfplane.loadgen.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.definition.DefinitionReader.Format;
import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.HttpSettings;
import io.perfplane.loadgen.plan.HttpSettings.Version;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanShards;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.loadgen.plan.ValidPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The definition's {@code http:} section: protocol version, TLS verification and client certificate. */
class HttpDefinitionTest {

  private final DefinitionReader reader = new DefinitionReader(new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 20_000, Duration.ofHours(2), 1_000), () -> "generated"));

  private static String definition(String http) {
    return """
        name: h2
        targetService: shop
        targetBaseUrl: https://127.0.0.1:8443
        %s
        scenarios:
          - name: browse
            workload: {executor: ramping-vus, stages: [{duration: 10s, target: 5}]}
            steps:
              - {name: GET /, path: /}
        """.formatted(http);
  }

  @Test
  void aDefinitionWithoutHttpKeepsTheDefaults() {
    ValidPlan plan = reader.read(definition(""), Format.YAML);

    assertThat(plan.http()).isEqualTo(HttpSettings.DEFAULT);
    assertThat(plan.http().version()).isEqualTo(Version.AUTO);
    assertThat(plan.http().insecureSkipVerify()).isFalse();
    assertThat(plan.http().clientCertificate()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "auto | AUTO", "'auto' | AUTO", "1.1 | HTTP_1_1", "'1.1' | HTTP_1_1", "2 | HTTP_2", "'2' | HTTP_2",
      "2.0 | HTTP_2"})
  void versionsReadAsWrittenWhetherNumbersOrText(String written, Version expected) {
    ValidPlan plan = reader.read(definition("http: {version: " + written + "}"), Format.YAML);

    assertThat(plan.http().version()).isEqualTo(expected);
  }

  @Test
  void everySettingIsReadAndSurvivesShardingAndANewRunId() {
    ValidPlan plan = reader.read(definition("""
        http:
          version: 2
          insecureSkipVerify: true
          maxConnections: 2
          clientCertificate: {keystore: /etc/perfplane/client.p12, passwordEnv: CLIENT_P12_PASSWORD}
        """), Format.YAML);

    HttpSettings expected = new HttpSettings(Version.HTTP_2, true,
        new HttpSettings.ClientCertificate("/etc/perfplane/client.p12", "CLIENT_P12_PASSWORD", null), 2);
    assertThat(plan.http()).isEqualTo(expected);
    assertThat(plan.withRunId("other").http()).isEqualTo(expected);
    assertThat(PlanShards.split(plan, new Shard(1, 2)).http()).isEqualTo(expected);
  }

  @Test
  void jsonDefinitionsCarryTheSameSection() {
    String json = """
        {"name": "h2", "targetService": "shop", "targetBaseUrl": "http://127.0.0.1:8080",
         "http": {"version": "2", "clientCertificate": {"keystore": "c.p12", "passwordFile": "/run/secrets/p"}},
         "scenarios": [{"name": "s", "workload": {"executor": "ramping-vus",
           "stages": [{"duration": "1s", "target": 1}]}, "steps": [{"name": "GET /", "path": "/"}]}]}
        """;

    ValidPlan plan = reader.read(json, Format.JSON);

    assertThat(plan.http().version()).isEqualTo(Version.HTTP_2);
    assertThat(plan.http().clientCertificate())
        .isEqualTo(new HttpSettings.ClientCertificate("c.p12", null, "/run/secrets/p"));
  }

  @Test
  void invalidSettingsAreRefusedNamingTheFieldAndItsLine() {
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read(definition("""
        http:
          version: 3
          maxConnections: 0
          clientCertificate:
            passwordEnv: NOT-A-NAME
            passwordFile: /p
        """), Format.YAML));

    assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::line).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("http.version", 5),
        org.assertj.core.groups.Tuple.tuple("http.maxConnections", 6),
        org.assertj.core.groups.Tuple.tuple("http.clientCertificate.keystore", 7),
        org.assertj.core.groups.Tuple.tuple("http.clientCertificate", 7),
        org.assertj.core.groups.Tuple.tuple("http.clientCertificate.passwordEnv", 8));
    assertThat(e.violations()).filteredOn(v -> v.field().equals("http.version")).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("auto, 1.1 or 2").contains("'3'"));
  }

  @Test
  void anUnknownHttpFieldIsRefusedWithItsName() {
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read(definition("""
        http:
          insecureSkipVerifyy: true
        """), Format.YAML));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("http.insecureSkipVerifyy");
      assertThat(v.line()).isEqualTo(5);
    });
  }
}
