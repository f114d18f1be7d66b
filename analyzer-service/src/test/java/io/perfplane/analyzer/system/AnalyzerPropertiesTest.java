package io.perfplane.analyzer.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.stream.AnalysisSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AnalyzerPropertiesTest {

  /** Binds {@code perfplane.analyzer} exactly as Spring Boot binds it from process environment variables. */
  private static AnalyzerProperties bindFromEnvironment(Map<String, Object> env) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return Binder.get(environment).bindOrCreate("perfplane.analyzer", AnalyzerProperties.class);
  }

  @Test
  void defaultsAreOverallP95AndErrorRate() {
    AnalysisSettings settings = bindFromEnvironment(Map.of()).toSettings();
    assertThat(settings.slos()).containsExactly(
        new Slo("overall-p95", "*", Indicator.LATENCY_P95, 500, Duration.ofSeconds(10), 20),
        new Slo("overall-errors", "*", Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10), 20));
    assertThat(settings.capacityWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.finalizeGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void environmentListEntriesReplaceTheDefaults() {
    AnalysisSettings settings = bindFromEnvironment(Map.of(
        "PERFPLANE_ANALYZER_SLOS_0_ID", "checkout-p99",
        "PERFPLANE_ANALYZER_SLOS_0_ENDPOINT", "POST /checkout",
        "PERFPLANE_ANALYZER_SLOS_0_INDICATOR", "latency_p99",
        "PERFPLANE_ANALYZER_SLOS_0_OBJECTIVE", "250",
        "PERFPLANE_ANALYZER_SLOS_0_WINDOW", "30",
        "PERFPLANE_ANALYZER_SLOS_1_ID", "errors",
        "PERFPLANE_ANALYZER_SLOS_1_INDICATOR", "error_rate",
        "PERFPLANE_ANALYZER_SLOS_1_OBJECTIVE", "0.05",
        "PERFPLANE_ANALYZER_SLOS_1_MINREQUESTS", "5")).toSettings();
    assertThat(settings.slos()).containsExactly(
        new Slo("checkout-p99", "POST /checkout", Indicator.LATENCY_P99, 250, Duration.ofSeconds(30), 20),
        new Slo("errors", "*", Indicator.ERROR_RATE, 0.05, Duration.ofSeconds(10), 5));
  }

  @Test
  void abortOnFailLateGraceAndLabelCapBindFromEnvironment() {
    AnalyzerProperties properties = bindFromEnvironment(Map.of(
        "PERFPLANE_ANALYZER_SLOS_0_ID", "hard", "PERFPLANE_ANALYZER_SLOS_0_INDICATOR", "latency_p99",
        "PERFPLANE_ANALYZER_SLOS_0_OBJECTIVE", "900", "PERFPLANE_ANALYZER_SLOS_0_ABORTONFAIL", "true",
        "PERFPLANE_ANALYZER_LATEGRACE", "3", "PERFPLANE_ANALYZER_ENDPOINTLABELCAP", "7"));
    AnalysisSettings settings = properties.toSettings();
    assertThat(settings.slos()).singleElement().satisfies(slo -> assertThat(slo.abortOnFail()).isTrue());
    assertThat(settings.lateGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(properties.endpointLabelCap()).isEqualTo(7);
    assertThat(bindFromEnvironment(Map.of()).toSettings().lateGrace()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void missingObjectiveNamesTheProperty() {
    AnalyzerProperties properties = bindFromEnvironment(Map.of(
        "PERFPLANE_ANALYZER_SLOS_0_ID", "x", "PERFPLANE_ANALYZER_SLOS_0_INDICATOR", "latency_p95"));
    assertThatThrownBy(properties::toSettings).hasMessage("perfplane.analyzer.slos[0].objective is required");
  }

  @Test
  void outOfRangeObjectiveNamesTheEntry() {
    AnalyzerProperties properties = bindFromEnvironment(Map.of("PERFPLANE_ANALYZER_SLOS_0_ID", "e",
        "PERFPLANE_ANALYZER_SLOS_0_INDICATOR", "error_rate", "PERFPLANE_ANALYZER_SLOS_0_OBJECTIVE", "2"));
    assertThatThrownBy(properties::toSettings).hasMessageStartingWith("perfplane.analyzer.slos[0]: ")
        .hasMessageContaining("objective out of range");
  }

  @Test
  void sloFileReplacesThePropertyList() {
    AnalysisSettings settings = bindFromEnvironment(Map.of(
        "PERFPLANE_ANALYZER_SLOFILE", "../contracts/src/main/resources/slo-example.yml",
        "PERFPLANE_ANALYZER_SLOS_0_ID", "ignored", "PERFPLANE_ANALYZER_SLOS_0_INDICATOR", "latency_p95",
        "PERFPLANE_ANALYZER_SLOS_0_OBJECTIVE", "1")).toSettings();
    assertThat(settings.slos()).extracting(Slo::id)
        .containsExactly("overall-p95", "overall-p999", "orders-p99", "availability", "items-errors");
  }

  @Test
  void badSloFileFailsNamingTheFile() {
    AnalyzerProperties properties = bindFromEnvironment(Map.of("PERFPLANE_ANALYZER_SLOFILE", "no/such/slos.yml"));
    assertThatThrownBy(properties::toSettings).hasMessageStartingWith("SLO file no/such/slos.yml cannot be read");
  }

  @Test
  void anOpenSloFileWorksAndCanBeMadeToOverrideARunsOwnSlos(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("openslo.yml");
    java.nio.file.Files.writeString(file, """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: p99}
        spec:
          objectives: [{op: lt, value: 1, target: 0.99}]
          budgetingMethod: Occurrences
          indicator: {metadata: {name: x}, spec: {thresholdMetric: {metricSource: {type: Prometheus}}}}
        """);
    AnalysisSettings plain = bindFromEnvironment(Map.of("PERFPLANE_ANALYZER_SLOFILE", file.toString()))
        .toSettings();
    assertThat(plain.slos()).containsExactly(new Slo("p99", "*", Indicator.LATENCY_P99, 1, Duration.ofSeconds(10),
        20));
    assertThat(plain.configuredSlosWin()).isFalse();
    assertThat(bindFromEnvironment(Map.of("PERFPLANE_ANALYZER_SLOFILE", file.toString(),
        "PERFPLANE_ANALYZER_SLOFILEOVERRIDESRUNS", "true")).toSettings().configuredSlosWin()).isTrue();
  }
}
