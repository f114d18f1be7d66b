package io.perfplane.contracts.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SloFileTest {

  @TempDir
  Path dir;

  private static List<Slo> parse(String yaml) {
    return SloFile.parse("slos.yml", new StringReader(yaml));
  }

  @Test
  void theShippedExampleLoads() throws Exception {
    Path example = Path.of("src/main/resources/slo-example.yml");
    List<Slo> slos = SloFile.load(example);

    assertThat(slos).extracting(Slo::id)
        .containsExactly("overall-p95", "overall-p999", "orders-p99", "availability", "items-errors");
    Duration tenSeconds = Duration.ofSeconds(10);
    Duration minute = Duration.ofSeconds(60);
    assertThat(slos.get(0)).isEqualTo(new Slo("overall-p95", "*", Indicator.LATENCY_P95, 500, tenSeconds, 20, false)
        .withLifecycle(tenSeconds, minute));
    assertThat(slos.get(1)).isEqualTo(
        new Slo("overall-p999", "*", Indicator.LATENCY_P999, 2000, Duration.ofSeconds(30), 20, false)
            .withLifecycle(tenSeconds, minute));
    assertThat(slos.get(2)).isEqualTo(new Slo("orders-p99", "POST /api/orders", Indicator.LATENCY_P99, 800,
        tenSeconds, 20, true).withLifecycle(Duration.ZERO, minute));
    assertThat(slos.get(2).forSeconds()).isZero();
    assertThat(slos.get(3).forSeconds()).as("defaults' for is for threshold SLOs only").isZero();
    assertThat(slos.get(3).keepFiringForSeconds()).isZero();

    Slo availability = slos.get(3);
    assertThat(availability.indicator()).isEqualTo(Indicator.ERROR_RATE);
    assertThat(availability.objective()).isEqualTo(0.001);
    BurnRatePolicy policy = availability.burnRate();
    assertThat(policy).isNotNull();
    assertThat(policy.rules()).isEqualTo(BurnRatePolicy.WORKBOOK_RULES);
    // 12 h / 30 d = 1/60: 1 h -> 60 s, 5 m -> 5 s, 6 h -> 360 s, 30 m -> 30 s.
    assertThat(policy.scaledSeconds(Duration.ofHours(1))).isEqualTo(60);
    assertThat(policy.scaledSeconds(Duration.ofMinutes(5))).isEqualTo(5);
    assertThat(policy.scaledSeconds(Duration.ofHours(6))).isEqualTo(360);
    assertThat(policy.scaledSeconds(Duration.ofMinutes(30))).isEqualTo(30);

    Slo items = slos.get(4);
    assertThat(items.endpoint()).isEqualTo("GET /api/items");
    assertThat(items.objective()).isEqualTo(0.01);
    // 1 h / 30 d = 1/720: 1 h -> 5 s, 5 m -> 0.42 s -> at least 1 s.
    assertThat(items.burnRate().scaledSeconds(Duration.ofHours(1))).isEqualTo(5);
    assertThat(items.burnRate().scaledSeconds(Duration.ofMinutes(5))).isEqualTo(1);
  }

  @Test
  void latencyObjectivesAcceptSecondsAndLessOrEqual() {
    List<Slo> slos = parse("""
        slos:
          - id: a
            objective: p50 <= 1.5s
          - id: b
            objective: P90<250ms
            window: 30
            minRequests: 5
        """);
    assertThat(slos.get(0).indicator()).isEqualTo(Indicator.LATENCY_P50);
    assertThat(slos.get(0).objective()).isEqualTo(1500.0);
    assertThat(slos.get(1).indicator()).isEqualTo(Indicator.LATENCY_P90);
    assertThat(slos.get(1).objective()).isEqualTo(250.0);
    assertThat(slos.get(1).window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(slos.get(1).minRequests()).isEqualTo(5);
  }

  @Test
  void forAndKeepFiringForDefaultLikePrometheusRulesAndCanBeSetPerSloOrInDefaults() {
    List<Slo> plain = parse("""
        slos:
          - id: p95
            objective: p95 < 100ms
            window: 30s
          - id: short
            objective: p95 < 100ms
            window: 5s
          - id: avail
            objective: availability >= 99%
            burnRate: {budgetPeriod: 1h}
        """);
    assertThat(plain.get(0).forSeconds()).as("one window").isEqualTo(30);
    assertThat(plain.get(0).keepFiringForSeconds()).as("max(60 s, window)")
        .isEqualTo(60);
    assertThat(plain.get(1).forSeconds()).isEqualTo(5);
    assertThat(plain.get(2).forSeconds()).isZero();
    assertThat(plain.get(2).keepFiringForSeconds()).isZero();

    List<Slo> set = parse("""
        defaults:
          for: 20s
          keepFiringFor: 2m
        slos:
          - id: p95
            objective: p95 < 100ms
          - id: now
            objective: p95 < 100ms
            for: 0
            keepFiringFor: 0s
          - id: avail
            objective: availability >= 99%
            burnRate: {budgetPeriod: 1h}
          - id: avail-slow
            objective: availability >= 99%
            burnRate: {budgetPeriod: 1h}
            for: 30s
        """);
    assertThat(set.get(0).forSeconds()).isEqualTo(20);
    assertThat(set.get(0).keepFiringForSeconds()).isEqualTo(120);
    assertThat(set.get(1).forSeconds()).isZero();
    assertThat(set.get(1).keepFiringForSeconds()).isZero();
    assertThat(set.get(2).forSeconds()).as("defaults apply to threshold SLOs only").isZero();
    assertThat(set.get(3).forSeconds()).isEqualTo(30);
  }

  @Test
  void metricNamesWhichTimeALatencyObjectiveMeasures() {
    List<Slo> slos = parse("""
        slos:
          - id: corrected
            objective: p95 < 100ms
          - id: raw
            objective: p99 < 80ms
            metric: service_time
          - id: first-byte
            objective: p95 < 20ms
            metric: ttfb
        """);
    assertThat(slos).extracting(Slo::metric)
        .containsExactly(LatencyMetric.LATENCY, LatencyMetric.SERVICE_TIME, LatencyMetric.TTFB);
    assertThatThrownBy(() -> parse("""
        slos:
          - id: e
            objective: error_rate < 1%
            metric: ttfb
        """)).hasMessageContaining("slos[0].metric").hasMessageContaining("needs a latency objective");
    assertThatThrownBy(() -> parse("""
        slos:
          - id: x
            objective: p95 < 1s
            metric: cpu
        """)).hasMessageContaining("slos[0].metric: unknown metric 'cpu'");
  }

  @Test
  void namedMeasurementsAndChecksAreMetricsWithTheirOwnObjectives() {
    List<Slo> slos = parse("""
        slos:
          - id: db
            objective: p(95) < 100ms
            metric: server_timing.db
          - id: db-p99
            objective: p99 < 0.2s
            metric: server_timing.db
            endpoint: GET /a
          - id: lcp
            objective: p(75) < 2.5s
            metric: web_vital.lcp
          - id: cls
            objective: p(75) < 0.1
            metric: web_vital.cls
          - id: checks
            objective: checks > 95%
        """);

    assertThat(slos).extracting(Slo::measure).containsExactly(new Slo.Measure("server_timing.db", false),
        new Slo.Measure("server_timing.db", false), new Slo.Measure("web_vital.lcp", false),
        new Slo.Measure("web_vital.cls", true), Slo.Measure.CHECKS);
    assertThat(slos).extracting(Slo::indicator).containsExactly(Indicator.LATENCY_P95, Indicator.LATENCY_P99,
        Indicator.LATENCY_P75, Indicator.LATENCY_P75, Indicator.ERROR_RATE);
    assertThat(slos).extracting(Slo::objective).containsExactly(100.0, 200.0, 2500.0, 0.1, 0.05);
    assertThat(slos).extracting(Slo::metricId).containsExactly("server_timing.db", "server_timing.db",
        "web_vital.lcp", "web_vital.cls", "checks");
    assertThat(slos).extracting(Slo::metric).containsOnly(LatencyMetric.LATENCY);
    assertThatThrownBy(() -> parse("""
        slos:
          - id: x
            objective: p95 < 100
        """)).hasMessageContaining("slos[0].objective: a latency objective needs a unit");
    assertThatThrownBy(() -> parse("""
        slos:
          - id: x
            objective: error_rate < 1%
            metric: server_timing.db
        """)).hasMessageContaining("slos[0].metric: metric server_timing.db needs a percentile objective");
    assertThatThrownBy(() -> parse("""
        slos:
          - id: x
            objective: checks > 95%
            metric: ttfb
        """)).hasMessageContaining("slos[0].metric: a 'checks > N%' objective judges the check outcomes");
    assertThatThrownBy(() -> parse("""
        slos:
          - id: x
            objective: checks > 0%
        """)).hasMessageContaining("slos[0].objective: a checks pass rate must be above 0%");
  }

  @Test
  void aNegativeOrFractionalForIsRejectedWithItsField() {
    assertThatThrownBy(() -> parse("""
        slos:
          - id: p95
            objective: p95 < 100ms
            for: -5s
        """)).hasMessageContaining("slos[0].for");
  }

  @Test
  void errorRateObjectiveAsRatioOrPercent() {
    List<Slo> slos = parse("""
        slos:
          - id: a
            objective: error_rate <= 0.02
          - id: b
            objective: error_rate < 2.5%
        """);
    assertThat(slos).extracting(Slo::objective).containsExactly(0.02, 0.025);
    assertThat(slos.get(0).burnRate()).isNull();
  }

  @Test
  void explicitRulesAreScaledByTheBudgetPeriodFromDefaults() {
    List<Slo> slos = parse("""
        defaults:
          budgetPeriod: 30d
        slos:
          - id: avail
            objective: availability >= 99%
            burnRate:
              rules:
                - {factor: 10, long: 10s, short: 2s}
        """);
    BurnRatePolicy policy = slos.getFirst().burnRate();
    assertThat(policy.target()).isEqualTo(0.99, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(policy.timeScale()).isEqualTo(1.0);
    assertThat(policy.rules()).containsExactly(
        new BurnRatePolicy.Rule(10, Duration.ofSeconds(10), Duration.ofSeconds(2)));
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.yml");
    assertThatThrownBy(() -> SloFile.load(missing))
        .isInstanceOf(SloFile.InvalidSloFileException.class)
        .hasMessageStartingWith("SLO file " + missing + " cannot be read");
  }

  @Test
  void fileErrorsNameThePath() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(file, "slos:\n  - id: x\n    objective: p97 < 5ms\n");
    assertThatThrownBy(() -> SloFile.load(file))
        .hasMessageStartingWith(file + ":3: slos[0].objective: unknown objective 'p97 < 5ms'");
  }

  /** Each bad definition fails with the file, the (1-based) line and the field at fault. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      not yaml           | "slos: [\\n  - id: x"                                                          | "slos.yml:2: not valid YAML"
      empty file         | ""                                                                             | "slos.yml:1: slos: the file is empty"
      no slos            | "kind: SLOList\\n"                                                             | "slos.yml:1: slos: is required"
      empty slos         | "slos: []\\n"                                                                  | "slos.yml:1: slos: must be a non-empty list"
      unknown top field  | "slo:\\n  - id: x\\n"                                                          | "slos.yml:1: slo: unknown field"
      slo not a mapping  | "slos:\\n  - just-a-string\\n"                                                 | "slos.yml:2: slos[0]: must be a mapping"
      missing id         | "slos:\\n  - objective: p95 < 5ms\\n"                                          | "slos.yml:2: slos[0].id: is required"
      blank id           | "slos:\\n  - id: ''\\n    objective: p95 < 5ms\\n"                            | "slos.yml:2: slos[0].id: must not be blank"
      pipe in id         | "slos:\\n  - id: a|b\\n    objective: p95 < 5ms\\n"                           | "slos.yml:2: slos[0]: SLO id must be non-blank without '|'"
      duplicate id       | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n  - id: a\\n    objective: p99 < 5ms\\n" | "slos.yml:4: slos[1].id: duplicate SLO id 'a'"
      typo in field      | "slos:\\n  - id: a\\n    objectiv: p95 < 5ms\\n"                              | "slos.yml:3: slos[0].objectiv: unknown field"
      missing objective  | "slos:\\n  - id: a\\n"                                                         | "slos.yml:2: slos[0].objective: is required"
      unknown objective  | "slos:\\n  - id: a\\n    objective: p97 < 5ms\\n"                             | "slos.yml:3: slos[0].objective: unknown objective 'p97 < 5ms'"
      availability 100   | "slos:\\n  - id: a\\n    objective: availability >= 100%\\n"                  | "slos.yml:3: slos[0].objective: availability must be between"
      error rate > 100%  | "slos:\\n  - id: a\\n    objective: error_rate <= 150%\\n"                    | "slos.yml:3: slos[0].objective: error rate must be at most 100%"
      bad window         | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    window: soon\\n"          | "slos.yml:4: slos[0].window: not a duration: 'soon'"
      sub-second window  | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    window: 500ms\\n"         | "slos.yml:2: slos[0]: SLO 'a' window must be whole seconds >= 1s"
      zero window        | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    window: 0s\\n"            | "slos.yml:4: slos[0].window: must be positive"
      bad minRequests    | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    minRequests: 0\\n"        | "slos.yml:4: slos[0].minRequests: must be a whole number >= 1: '0'"
      bad abortOnFail    | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    abortOnFail: maybe\\n"    | "slos.yml:4: slos[0].abortOnFail: must be true or false: 'maybe'"
      list as endpoint   | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    endpoint: [a, b]\\n"      | "slos.yml:4: slos[0].endpoint: must be a single value"
      burn on latency    | "slos:\\n  - id: a\\n    objective: p95 < 5ms\\n    burnRate:\\n      budgetPeriod: 1h\\n" | "slos.yml:5: slos[0].burnRate: burn-rate rules need a ratio objective"
      no budget period   | "slos:\\n  - id: a\\n    objective: availability >= 99%\\n    burnRate: {}\\n" | "slos.yml:4: slos[0].burnRate.budgetPeriod: is required"
      period over 30d    | "slos:\\n  - id: a\\n    objective: availability >= 99%\\n    burnRate:\\n      budgetPeriod: 31d\\n" | "slos.yml:5: slos[0].burnRate.budgetPeriod: must be at most 30d"
      zero budget        | "slos:\\n  - id: a\\n    objective: error_rate <= 0\\n    burnRate:\\n      budgetPeriod: 1h\\n" | "slos.yml:3: slos[0].objective: a burn-rate SLO needs a non-zero error budget"
      rule missing short | "slos:\\n  - id: a\\n    objective: availability >= 99%\\n    burnRate:\\n      budgetPeriod: 1h\\n      rules:\\n        - {factor: 2, long: 1h}\\n" | "slos.yml:7: slos[0].burnRate.rules[0].short: is required"
      rule bad factor    | "slos:\\n  - id: a\\n    objective: availability >= 99%\\n    burnRate:\\n      budgetPeriod: 1h\\n      rules:\\n        - {factor: fast, long: 1h, short: 5m}\\n" | "slos.yml:7: slos[0].burnRate.rules[0].factor: not a number: 'fast'"
      rule short > long  | "slos:\\n  - id: a\\n    objective: availability >= 99%\\n    burnRate:\\n      budgetPeriod: 1h\\n      rules:\\n        - {factor: 2, long: 5m, short: 1h}\\n" | "slos.yml:7: slos[0].burnRate.rules[0]: short window must be positive and shorter"
      empty rules        | "slos:\\n  - id: a\\n    objective: availability >= 99%\\n    burnRate:\\n      budgetPeriod: 1h\\n      rules: []\\n" | "slos.yml:6: slos[0].burnRate.rules: must be a non-empty list"
      duplicate key      | "slos:\\n  - id: a\\n    id: b\\n    objective: p95 < 5ms\\n"                  | "slos.yml:3: slos[0].id: duplicate field"
      """)
  void badDefinitionsNameLineAndField(String name, String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
        .as(name)
        .isInstanceOf(SloFile.InvalidSloFileException.class)
        .hasMessageStartingWith(message);
  }
}
