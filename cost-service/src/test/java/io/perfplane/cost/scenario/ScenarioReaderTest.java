package io.perfplane.cost.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  private static final String VALID = """
      scenarios:
        - name: s
          usersPerMonth: 1000
          concurrentUsers: {min: 10, max: 20}
          peakFactor: 2
          sessionsPerUserPerMonth: 20
          requestsPerSession: 30
          sessionMinutes: 10
          initialDataGb: 1
          dataGrowthGbPerMonth: 0.5
          retentionMonths: 24
          availability: single-az-staging
      """;

  static List<Scenario> shipped() {
    return ScenarioReader.read(ScenarioReaderTest.class.getResourceAsStream("/scenarios/default.yml"), "default");
  }

  @Test
  void shipsTheTwoSeedScenarios() {
    List<Scenario> scenarios = shipped();

    assertThat(scenarios).extracting(Scenario::name).containsExactly("1k-users", "10k-users");
    Scenario small = scenarios.get(0);
    assertThat(small.usersPerMonth()).isEqualTo(1000);
    assertThat(small.concurrentUsers()).isEqualTo(new ConcurrentUsers(10, 20));
    assertThat(small.peakFactor()).isEqualByComparingTo("2");
    Scenario large = scenarios.get(1);
    assertThat(large.usersPerMonth()).isEqualTo(10_000);
    assertThat(large.concurrentUsers()).isEqualTo(new ConcurrentUsers(150, 1500));
    assertThat(large.peakFactor()).isEqualByComparingTo("5");
    // Seed 000: 1K is staging (single AZ, minimal redundancy), 10K production; api-service uses no Kafka.
    assertThat(small.availability()).isEqualTo(Availability.SINGLE_AZ_STAGING);
    assertThat(large.availability()).isEqualTo(Availability.MULTI_AZ_PRODUCTION);
    assertThat(scenarios).noneMatch(Scenario::usesKafka);
  }

  @Test
  void usesKafkaIsOptionalAndMustBeABoolean() {
    assertThat(read(VALID).getFirst().usesKafka()).isFalse();
    // The text block's items are indented by 4 spaces: a field of the first scenario is appended at that depth.
    assertThat(read(VALID + "    usesKafka: true\n").getFirst().usesKafka()).isTrue();
    assertThatThrownBy(() -> read(VALID + "    usesKafka: maybe\n"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("scenarios[0].usesKafka: must be true or false");
  }

  @Test
  void readsDecimalsExactlyAndDerivesTheRates() {
    Scenario s = read(VALID).getFirst();

    assertThat(s.dataGrowthGbPerMonth()).isEqualTo(new java.math.BigDecimal("0.5"));
    // 1000 users × 20 sessions × 30 requests = 600,000 requests / 2,592,000 s = 0.231481 rps; × 2 = 0.462963.
    assertThat(s.monthlyRequests()).isEqualByComparingTo("600000");
    assertThat(s.volumePeakRps()).isEqualByComparingTo("0.4629629629629630");
    // 20 concurrent × 30 requests per 600 s session = 1 rps: the concurrency peak is the larger.
    assertThat(s.concurrencyPeakRps()).isEqualByComparingTo("1");
    assertThat(s.peakRps()).isEqualByComparingTo("1");
    // 1 GB + 0.5 GB × 24 months.
    assertThat(s.retainedDataGb()).isEqualByComparingTo("13");
    assertThat(s.availability().zones()).isEqualTo(1);
  }

  @Test
  void errorsNameTheField() {
    assertField(VALID.replace("peakFactor: 2", "peakFactor: 0.5"), "scenarios[0].peakFactor", ">= 1");
    assertField(VALID.replace("    peakFactor: 2\n", ""), "scenarios[0].peakFactor", "required");
    assertField(VALID.replace("usersPerMonth: 1000", "usersPerMonth: many"), "scenarios[0].usersPerMonth",
        "whole number");
    assertField(VALID.replace("usersPerMonth: 1000", "usersPerMonth: 0"), "scenarios[0].usersPerMonth", "> 0");
    assertField(VALID.replace("{min: 10, max: 20}", "{min: 30, max: 20}"), "scenarios[0].concurrentUsers.max",
        "concurrentUsers.min");
    assertField(VALID.replace("{min: 10, max: 20}", "{min: 10, max: 20, avg: 15}"),
        "scenarios[0].concurrentUsers.avg", "unknown");
    assertField(VALID.replace("single-az-staging", "two-az"), "scenarios[0].availability", "multi-az-production");
    assertField(VALID.replace("retentionMonths: 24", "retentionMonths: 24\n    retentionMonth: 3"),
        "scenarios[0].retentionMonth", "unknown field");
    assertField(VALID.replace("sessionMinutes: 10", "sessionMinutes: -1"), "scenarios[0].sessionMinutes", "> 0");
    assertField(VALID.replace("name: s", "name: a/b"), "scenarios[0].name", "'/'");
    assertField(VALID + VALID.substring(VALID.indexOf("  - name")), "scenarios[1].name", "duplicate");
    assertField("scenarios: []", "scenarios", "non-empty");
    assertField("scenario:\n  - name: s", "scenario", "unknown field");
  }

  @Test
  void malformedYamlIsAnErrorNotAnEmptyList() {
    assertThatThrownBy(() -> read("scenarios: [ {name: s"))
        .isInstanceOf(ScenarioException.class).hasMessageContaining("invalid YAML");
  }

  @Test
  void grownByScalesTheAudienceNotTheBehaviour() {
    Scenario s = read(VALID).getFirst();
    Scenario grown = s.grownBy(10);

    assertThat(grown.usersPerMonth()).isEqualTo(10_000);
    assertThat(grown.concurrentUsers()).isEqualTo(new ConcurrentUsers(100, 200));
    assertThat(grown.requestsPerSession()).isEqualByComparingTo(s.requestsPerSession());
    assertThat(grown.peakRps()).isEqualByComparingTo("10");
  }

  private static void assertField(String yaml, String field, String messagePart) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(field).hasMessageContaining(messagePart);
  }

  private static List<Scenario> read(String yaml) {
    return ScenarioReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
