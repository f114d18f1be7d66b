package io.perfplane.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoSummaryTest {

  private final JsonMapper json = JsonMapper.builder().build();

  private final JsonNode load = json.readTree("""
      {"runId":"r1","state":"FINISHED","stageIndex":2,"activeVus":8,"targetVus":10,"elapsedMs":65000,
       "plannedDurationMs":90000,"requests":1234,"errors":3,"samplesPublished":1234,"samplesDropped":0}""");
  private final JsonNode analysis = json.readTree("""
      {"runId":"r1","requests":1234,"errors":3,"errorRate":0.0024311,"rps":41.13,"p50Ms":2.5,"p95Ms":12.25,
       "p99Ms":30.0,"maxMs":120.5,"finished":true,
       "endpoints":[{"endpoint":"GET /a","requests":1234,"errors":3,"errorRate":0.0024311,"rps":41.13,
                     "p50Ms":2.5,"p95Ms":12.25,"p99Ms":30.0,"maxMs":120.5}],
       "breaches":[{"sloId":"errors","endpoint":"GET /a","state":"OPENED","indicator":"error_rate",
                    "observed":0.5,"objective":0.01,"unit":"ratio","windowSeconds":10}],
       "capacity":{"maxSustainedRps":40.5,"concurrencyAtSlo":10,"sloHeld":false,"p95AtCapacityMs":11.0,
                   "confidence":0.8,"kind":"KNEE","kneeReached":true,"lowRps":39.0,"highRps":41.0,"method":"slo",
                   "evidence":"knee at 40.5 req/s: the SLOs held up to it and broke at 52.0 req/s"}}""");
  private final JsonNode estimates = json.readTree("""
      [{"scenario":"1k-users","monthlyUsd":"312.450000","catalogVersion":"2026-11-01"},
       {"scenario":"10k-users","monthlyUsd":"498.100000","catalogVersion":"2026-11-01"}]""");

  @Test
  void summaryMarksBreachedAndHeldSlosAndShowsCosts() {
    List<SloSpec> slos = List.of(new SloSpec("p95", "*", "latency_p95", 500, 10),
        new SloSpec("errors", "GET /a", "error_rate", 0.01, 10));

    String summary = DemoSummary.render("r1", load, analysis, estimates, slos, ExitCodes.THRESHOLDS_FAILED);

    assertThat(summary).contains("requests   1,234", "(0.24%)", "p95 12.25 ms", "✓ p95", "✗ errors",
        "observed 50.00%", "1k-users $312.45/month", "10k-users $498.10/month",
        "SLO thresholds FAILED (exit 99)", "knee reached at 40.50 req/s (range 39.00–41.00)",
        "10 concurrent", "the SLOs held up to it and broke at 52.0 req/s");
  }

  @Test
  void exitCodeFollowsRunStateAndBreaches() {
    assertThat(Demo.exitCode(load, analysis)).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    assertThat(Demo.exitCode(load, json.readTree("{\"breaches\":[]}"))).isEqualTo(ExitCodes.OK);
    assertThat(Demo.exitCode(json.readTree("{\"state\":\"ABORTED\"}"), analysis)).isEqualTo(ExitCodes.ABORTED);
  }

  @Test
  void sloEnvironmentBindsTheAnalyzerList() {
    assertThat(SloSpec.toEnvironment(List.of(new SloSpec("a", "*", "latency_p95", 250, 10))))
        .containsEntry("PERFPLANE_ANALYZER_SLOS_0_ID", "a")
        .containsEntry("PERFPLANE_ANALYZER_SLOS_0_ENDPOINT", "*")
        .containsEntry("PERFPLANE_ANALYZER_SLOS_0_INDICATOR", "latency_p95")
        .containsEntry("PERFPLANE_ANALYZER_SLOS_0_OBJECTIVE", "250.0")
        .containsEntry("PERFPLANE_ANALYZER_SLOS_0_WINDOW", "10s");
  }
}
