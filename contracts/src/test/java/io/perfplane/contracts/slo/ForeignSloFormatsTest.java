package io.perfplane.contracts.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** OpenSLO v1 and Sloth prometheus/v1 files read as perfplane SLOs, with what cannot apply reported. */
class ForeignSloFormatsTest {

  private static final double TWELVE_HOURS_OF_THIRTY_DAYS = 12.0 / (30 * 24);

  private static final String OPENSLO = """
      apiVersion: openslo/v1
      kind: SLO
      metadata:
        name: overview-latency
        annotations:
          perfplane.io/endpoint: GET /api/dashboards/{slug}/overview
      spec:
        service: dashboard
        indicatorRef: overview-duration
        timeWindow:
          - duration: 28d
            isRolling: true
        budgetingMethod: Timeslices
        objectives:
          - op: lte
            value: 500
            target: 0.95
            timeSliceTarget: 0.9
            timeSliceWindow: 30s
      ---
      apiVersion: openslo/v1
      kind: SLI
      metadata:
        name: overview-duration
      spec:
        thresholdMetric:
          metricSource:
            type: Prometheus
            spec:
              query: histogram_quantile(0.95, rate(http_server_requests_seconds_bucket[5m]))
      ---
      apiVersion: openslo/v1
      kind: SLO
      metadata:
        name: availability
        annotations:
          perfplane.io/budget-period: 1h
          perfplane.io/abort-on-fail: "true"
      spec:
        indicator:
          metadata:
            name: good-over-total
          spec:
            ratioMetric:
              counter: true
              good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(requests{code!~"5.."}[5m]))'}}}
              total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(requests[5m]))'}}}
        timeWindow:
          - duration: 30d
            isRolling: true
        budgetingMethod: Occurrences
        objectives:
          - targetPercent: 99.9
        alertPolicies:
          - alertPolicyRef: fast-burn
      ---
      apiVersion: openslo/v1
      kind: AlertPolicy
      metadata:
        name: fast-burn
      spec:
        alertWhenBreaching: true
        conditions:
          - conditionRef: burn-14x
        notificationTargets:
          - targetRef: on-call
      ---
      apiVersion: openslo/v1
      kind: AlertCondition
      metadata:
        name: burn-14x
      spec:
        severity: page
        condition:
          kind: burnrate
          op: gte
          threshold: 14.4
          lookbackWindow: 1h
          alertAfter: 5m
      ---
      apiVersion: openslo/v1
      kind: AlertNotificationTarget
      metadata:
        name: on-call
      spec:
        target: email
      """;

  @Test
  void openSloThresholdAndRatioObjectivesBecomeLatencyAndBurnRateSlosWithEveryUnusedPartNamed() {
    SloFile.Loaded loaded = SloFile.read("slos.yml", OPENSLO);

    assertThat(loaded.format()).isEqualTo("openslo/v1");
    assertThat(loaded.slos()).hasSize(2);
    assertThat(loaded.slos().get(0)).isEqualTo(new Slo("overview-latency", "GET /api/dashboards/{slug}/overview",
        Indicator.LATENCY_P95, 500, Duration.ofSeconds(30), 20, false));
    Slo availability = loaded.slos().get(1);
    assertThat(availability.indicator()).isEqualTo(Indicator.ERROR_RATE);
    assertThat(availability.objective()).isEqualTo(0.001);
    assertThat(availability.abortOnFail()).isTrue();
    assertThat(availability.burnRate()).isNotNull();
    assertThat(availability.burnRate().rules())
        .containsExactly(new BurnRatePolicy.Rule(14.4, Duration.ofHours(1), Duration.ofMinutes(5)));
    assertThat(availability.burnRate().timeScale()).isEqualTo(1.0 / (30 * 24));
    assertThat(availability.burnRate().target()).isEqualTo(0.999);

    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).startsWith("slos.yml:8: SLO overview-latency.spec"
        + ".service"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("SLI overview-duration", "metric queries "
        + "are not run"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("SLO availability.spec.indicator",
        "metric queries are not run"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("spec.timeWindow", "1h error-budget"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("notificationTargets"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("alertAfter", "not applied"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("AlertNotificationTarget is not used"));
  }

  @Test
  void aTargetThatIsNoEvaluatedPercentileIsAnErrorNamingLineAndField() {
    String yaml = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: odd
        spec:
          budgetingMethod: Occurrences
          objectives:
            - op: lt
              value: 200
              target: 0.97
        """;
    assertThatThrownBy(() -> SloFile.read("odd.yml", yaml))
        .isInstanceOf(SloFile.InvalidSloFileException.class)
        .hasMessageStartingWith("odd.yml:10: SLO odd.spec.objectives[0].target:")
        .hasMessageContaining("0.97");
  }

  @Test
  void aLowerBoundOnLatencyCannotBeMapped() {
    String yaml = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: floor}
        spec:
          objectives:
            - {op: gte, value: 5, target: 0.99}
        """;
    assertThatThrownBy(() -> SloFile.read("floor.yml", yaml))
        .isInstanceOf(SloFile.InvalidSloFileException.class)
        .hasMessageStartingWith("floor.yml:6: SLO floor.spec.objectives[0].op:");
  }

  @Test
  void anUnknownReferenceIsAnError() {
    String yaml = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: a}
        spec:
          objectives: [{target: 0.99}]
          alertPolicies:
            - alertPolicyRef: nowhere
        """;
    assertThatThrownBy(() -> SloFile.read("a.yml", yaml))
        .hasMessageStartingWith("a.yml:7: SLO a.spec.alertPolicies[0].alertPolicyRef: no AlertPolicy 'nowhere'");
  }

  private static final String SLOTH = """
      version: "prometheus/v1"
      service: "dashboard"
      labels:
        owner: "team-a"
        perfplane_budget_period: 12h
      slos:
        - name: "requests-availability"
          objective: 99.5
          labels:
            perfplane_endpoint: GET /api/items
          sli:
            events:
              error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
              total_query: sum(rate(http_requests_total[{{.window}}]))
          alerting:
            name: DashboardHighErrorRate
            page_alert:
              labels: {severity: page}
            ticket_alert:
              disable: true
        - name: "requests-latency"
          objective: 99
          sli:
            events:
              error_query: sum(rate(http_request_duration_seconds_count[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{le="0.5"}[{{.window}}]))
              total_query: sum(rate(http_request_duration_seconds_count[{{.window}}]))
        - name: "no-alerts"
          objective: 99.9
      """;

  @Test
  void slothRatiosBecomeErrorRateSlosWithTheWorkbookRulesOfEachEnabledAlert() {
    SloFile.Loaded loaded = SloFile.read("sloth.yml", SLOTH);

    assertThat(loaded.format()).isEqualTo("sloth prometheus/v1");
    assertThat(loaded.slos()).extracting(Slo::id).containsExactly("requests-availability", "no-alerts");
    Slo availability = loaded.slos().getFirst();
    assertThat(availability.endpoint()).isEqualTo("GET /api/items");
    assertThat(availability.objective()).isEqualTo(0.005);
    assertThat(availability.burnRate().rules()).isEqualTo(BurnRatePolicy.WORKBOOK_RULES);
    assertThat(availability.burnRate().timeScale()).isEqualTo(TWELVE_HOURS_OF_THIRTY_DAYS);
    Slo plain = loaded.slos().get(1);
    assertThat(plain.burnRate()).isNull();
    assertThat(plain.objective()).isEqualTo(0.001);
    assertThat(plain.endpoint()).isEqualTo(Slo.ALL_ENDPOINTS);

    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).startsWith("sloth.yml:23: slos[1].sli: skipped:"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).startsWith("sloth.yml:11: slos[0].sli: queries not "
        + "run"));
    assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("slos[0].alerting.name", "not used"));
  }

  @Test
  void slothTicketAlertsAddTheSlowRules() {
    String yaml = """
        version: prometheus/v1
        service: s
        slos:
          - name: both
            objective: 99.9
            alerting:
              page_alert: {}
              ticket_alert: {}
        """;
    List<BurnRatePolicy.Rule> rules = SloFile.read("s.yml", yaml).slos().getFirst().burnRate().rules();
    assertThat(rules).hasSize(4).containsAll(SlothReader.TICKET_RULES);
  }

  @Test
  void slothObjectiveOutOfRangeIsAnErrorNamingLineAndField() {
    String yaml = """
        version: prometheus/v1
        service: s
        slos:
          - name: perfect
            objective: 100
        """;
    assertThatThrownBy(() -> SloFile.read("s.yml", yaml))
        .hasMessageStartingWith("s.yml:5: slos[0].objective: must be between 0 and 100");
  }

  @Test
  void perfplanesOwnFormatIsOneDocumentAndStillReads() {
    assertThat(SloFile.read("own.yml", "slos:\n  - {id: a, objective: p(95) < 300ms}\n").slos())
        .extracting(Slo::id).containsExactly("a");
    assertThatThrownBy(() -> SloFile.read("own.yml", "slos:\n  - {id: a, objective: p95 < 1s}\n---\nslos: []\n"))
        .hasMessageStartingWith("own.yml:4: (document):");
  }
}
