package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SummaryTest {

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

  @Test
  void progressLineShowsStageVusRateLatencyErrorsAndTime() {
    String line = Summary.progress(load, analysis);

    assertThat(line).isEqualTo("stage 3 | VUs 8/10 | 1,234 req | 41.13 rps | p95 12.25 ms | errors 3 (0.24%)"
        + " | 01:05 elapsed, 00:25 left");
  }

  @Test
  void progressLineBeforeTheFirstSample() {
    JsonNode starting = json.readTree("""
        {"state":"RUNNING","stageIndex":0,"activeVus":0,"targetVus":2,"elapsedMs":0,"plannedDurationMs":30000,
         "remainingMs":30000,"requests":0,"errors":0,"requestsPerSecond":0.0,"p95Ms":0.0}""");
    assertThat(Summary.progress(starting, null)).contains("p95 -", "errors 0 (0.00%)", "00:00 elapsed, 00:30 left");
    JsonNode firstRequest = json.readTree("""
        {"state":"RUNNING","elapsedMs":14000,"remainingMs":16000,"requests":1,"errors":0,"requestsPerSecond":0.0,
         "p95Ms":0.0}""");
    assertThat(Summary.progress(firstRequest, null)).contains("| 1 req | 0.00 rps | p95 - |");
  }

  @Test
  void anAnalyzerViewWithAnEmptyWindowShowsNoP95RatherThanZero() {
    JsonNode starting = json.readTree("""
        {"state":"RUNNING","stageIndex":0,"activeVus":0,"targetVus":2,"elapsedMs":0,"plannedDurationMs":30000,
         "remainingMs":30000,"requests":0,"errors":0,"requestsPerSecond":0.0,"p95Ms":0.0}""");
    JsonNode emptyWindow = json.readTree("""
        {"rps":0.0,"p95Ms":0.0}""");
    assertThat(Summary.progress(starting, emptyWindow)).contains("| 0 req | 0.00 rps | p95 - |");
    JsonNode rampedDown = json.readTree("""
        {"state":"RUNNING","elapsedMs":25000,"remainingMs":0,"requests":2254,"errors":0,"requestsPerSecond":0.0,
         "p95Ms":0.0}""");
    assertThat(Summary.progress(rampedDown, emptyWindow)).contains("| 2,254 req | 0.00 rps | p95 - |");
    assertThat(Summary.progress(rampedDown, analysis)).contains("| p95 12.25 ms |");
  }

  @Test
  void withoutAnAnalyzerTheProgressLineUsesLoadgensOwnFiguresAndShowsEveryScenariosStage() {
    JsonNode mixed = json.readTree("""
        {"state":"RUNNING","stageIndex":1,"activeVus":7,"targetVus":4,"elapsedMs":12500,"plannedDurationMs":60000,
         "remainingMs":47500,"requests":800,"errors":40,"requestsPerSecond":66.4,"p95Ms":8.3,
         "scenarios":[
           {"name":"browse","executor":"ramping-vus","stageIndex":1,"stages":3,"active":4,"targetVus":4,
            "targetRatePerSecond":null},
           {"name":"api","executor":"constant-arrival-rate","stageIndex":0,"stages":1,"active":3,"targetVus":0,
            "targetRatePerSecond":50.0}]}""");

    assertThat(Summary.progress(mixed, null)).isEqualTo("stage browse 2/3, api 1/1 | VUs 4/4 + rate 50.00/s"
        + " (3 in flight) | 800 req | 66.40 rps | p95 8.30 ms | errors 40 (5.00%) | 00:12 elapsed, 00:48 left");
  }

  @Test
  void anOpenModelShowsItsTargetRateInsteadOfVus() {
    JsonNode open = json.readTree("""
        {"state":"RUNNING","targetVus":0,"activeVus":2,"elapsedMs":3000,"remainingMs":7000,"requests":300,
         "errors":0,"requestsPerSecond":100.0,"p95Ms":1.25,
         "scenarios":[{"name":"api","stageIndex":1,"stages":2,"active":2,"targetRatePerSecond":120.0}]}""");

    assertThat(Summary.progress(open, null)).startsWith("stage 2/2 | rate 120/s (2 in flight) | 300 req | 100 rps");
  }
}
