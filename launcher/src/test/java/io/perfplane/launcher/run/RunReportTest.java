package io.perfplane.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.pipeline.Outcome;
import io.perfplane.launcher.pipeline.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The end-of-run summary, its JSON's loadgen part and the rendering of loadgen's refusals, from loadgen JSON. */
class RunReportTest {

  private final JsonMapper json = JsonMapper.builder().build();

  private JsonNode fixture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/run/" + name)) {
      return json.readTree(in);
    }
  }

  @Test
  void exitCodeFollowsStateAndThresholds() throws IOException {
    assertThat(RunReport.exitCode(fixture("finished-threshold-failed.json"))).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    assertThat(RunReport.exitCode(json.readTree("{\"state\":\"FINISHED\",\"thresholdsPassed\":true}")))
        .isEqualTo(ExitCodes.OK);
    assertThat(RunReport.exitCode(fixture("aborted-by-threshold.json"))).isEqualTo(ExitCodes.ABORTED);
    assertThat(RunReport.exitCode(json.readTree("{\"state\":\"FAILED\",\"reason\":\"x\"}"))).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void summaryShowsThresholdVerdictsTotalsLatencyEndpointsAndTheVerdict() throws IOException {
    String summary = RunReport.summary(fixture("finished-threshold-failed.json"), ExitCodes.THRESHOLDS_FAILED);

    assertThat(summary).contains("perfplane run cli-1 (checkout) — FINISHED after 00:30 of 00:30");
    assertThat(lineWith(summary, "p(95) < 500ms")).startsWith("    ✓ ").endsWith("12.50 ms");
    assertThat(lineWith(summary, "error_rate < 1%")).startsWith("    ✗ ").contains("on GET /cart").endsWith("3.75%");
    // 1,500 requests over 30.012 s.
    assertThat(lineWith(summary, "requests ")).isEqualTo("  requests     1,500   49.98/s");
    assertThat(lineWith(summary, "errors ")).isEqualTo("  errors       30   2.00%");
    assertThat(lineWith(summary, "latency ")).isEqualTo(
        "  latency      avg 4.32 ms   p50 3.10 ms   p90 9.87 ms   p95 12.54 ms   p99 40.10 ms   max 250 ms");
    assertThat(lineWith(summary, "iterations ")).isEqualTo("  iterations   800 (browse 700, api 100)   dropped 3"
        + " (open model at its maxConcurrency: the target could not keep up)");
    assertThat(lineWith(summary, "samples ")).isEqualTo("  samples      1,500 published, 0 dropped, 0 failed");
    assertThat(summary).doesNotContain("WARNING");
    assertThat(lineWith(summary, "  GET /cart ")).matches(
        "  GET /cart +800 +3\\.75% +5\\.50 +4\\.20 +11\\.00 +14\\.00 +45\\.00 +250");
    assertThat(lineWith(summary, "GET /items/{id}")).matches(
        "  GET /items/\\{id} +700 +0\\.00% +2\\.98 +2\\.10 +5\\.00 +7\\.25 +20\\.00 +120");
    assertThat(summary).endsWith("  result       ✗ finished, thresholds FAILED (exit 99)\n");
  }

  @Test
  void anAbortingThresholdIsNamedAndLostSamplesAreWarnedAbout() throws IOException {
    String summary = RunReport.summary(fixture("aborted-by-threshold.json"), ExitCodes.ABORTED);

    assertThat(lineWith(summary, "error_rate < 1%")).startsWith("    ✗ ").contains("on GET /fail")
        .endsWith("100.00%   aborted the run");
    assertThat(lineWith(summary, "p(99) < 10s")).startsWith("    ✓ ").doesNotContain("aborted");
    assertThat(lineWith(summary, "WARNING")).contains("20 of 120 samples did not reach Kafka (15 dropped",
        "5 failed, 0 unacknowledged");
    assertThat(summary).endsWith("  result       ✗ ABORTED: threshold 'error_rate < 1%' on GET /fail failed: 100.0 %"
        + " (exit 97)\n");
  }

  @Test
  void aGlobalAbortingThresholdIsNamedToo() throws IOException {
    JsonNode status = json.readTree("""
        {"state":"ABORTED","reason":"threshold 'p(95) < 1ms' failed: 2.5 ms","requests":10,
         "thresholds":[{"threshold":"p(95) < 1ms","endpoint":null,"abortOnFail":true,"pending":false,
                        "passed":false,"value":2.5,"unit":"ms"}]}""");

    assertThat(lineWith(RunReport.summary(status, ExitCodes.ABORTED), "p(95) < 1ms  "))
        .endsWith("2.50 ms   aborted the run");
  }

  @Test
  void ctrlCIsReportedAsInterrupted() throws IOException {
    JsonNode stopped = json.readTree("{\"runId\":\"r\",\"state\":\"ABORTED\",\"reason\":\"stopped by user\"}");

    assertThat(RunReport.summary(stopped, ExitCodes.INTERRUPTED))
        .endsWith("  result       ✗ interrupted (Ctrl-C): run stopped, aborted (exit 130)\n");
  }

  /** loadgen's final status of a journey whose login extraction failed: two steps skipped, one many times. */
  private JsonNode skippedStatus() {
    return json.readTree("""
        {"runId":"j1","name":"journey","state":"FINISHED","thresholdsPassed":true,"elapsedMs":3000,
         "plannedDurationMs":3000,"requests":40,"errors":40,"samplesPublished":40,
         "scenarios":[{"name":"shoppers","iterations":40}],
         "endpoints":[{"endpoint":"POST /login","requests":40,"errors":40,"meanMs":2,"p50Ms":2,"p90Ms":2,"p95Ms":2,
                       "p99Ms":2,"maxMs":3}],
         "skippedSteps":1234,
         "skipped":[{"scenario":"shoppers","step":"onStart[1]","endpoint":"GET /profile","count":4},
                    {"scenario":"shoppers","step":"steps[0]","endpoint":"GET /orders/{id}","count":1230}]}""");
  }

  @Test
  void skippedStepsAreListedPerStepWithTheirCauseAndNothingIsSaidWithoutThem() throws IOException {
    String summary = RunReport.summary(skippedStatus(), ExitCodes.OK);

    assertThat(lineWith(summary, "skipped ")).isEqualTo("  ⚠ skipped    1,234 steps not sent: they used a variable"
        + " whose extraction failed (or whose request got no response); the CHECK_FAILED samples name the extraction"
        + " in their check tag");
    assertThat(lineWith(summary, "    scenario ")).matches("    scenario +step +endpoint +skipped");
    assertThat(lineWith(summary, "    shoppers ")).matches("    shoppers +onStart\\[1] +GET /profile +4");
    assertThat(summary).containsPattern("(?m)^    shoppers +steps\\[0] +GET /orders/\\{id} +1,230$");
    // Before the endpoint table and the verdict, with the other run-wide figures.
    assertThat(summary).containsSubsequence("  samples ", "  ⚠ skipped ", "GET /orders/{id}", "endpoint (latency",
        "  result ");

    String one = RunReport.summary(json.readTree("""
        {"state":"FINISHED","skippedSteps":1,
         "skipped":[{"scenario":"s","step":"steps[2]","endpoint":"GET /x","count":1}]}"""), ExitCodes.OK);
    assertThat(lineWith(one, "skipped ")).startsWith("  ⚠ skipped    1 step not sent: it used a variable");

    for (String none : List.of("finished-threshold-failed.json", "aborted-by-threshold.json")) {
      assertThat(RunReport.summary(fixture(none), ExitCodes.OK)).as(none).doesNotContain("skipped", "extraction");
    }
    assertThat(RunReport.summary(json.readTree("{\"state\":\"FINISHED\",\"skippedSteps\":0,\"skipped\":[]}"),
        ExitCodes.OK)).doesNotContain("skipped");
  }

  @Test
  void theSummaryJsonCountsSkippedStepsUnderLoad(@TempDir Path dir) throws IOException {
    JsonNode analysis = json.readTree("{\"requests\":40,\"errors\":40}");
    Path file = dir.resolve("summary.json");

    SummaryJson.write(file, SummaryJson.of("run", "j1", new Outcome(analysis, json.readTree("[]"), null, null),
        skippedStatus(), 0));
    JsonNode load = json.readTree(Files.readString(file)).path("load");

    assertThat(load.path("skippedSteps").isIntegralNumber()).isTrue();
    assertThat(load.path("skippedSteps").asLong()).isEqualTo(1234);
    assertThat(load.path("skipped")).extracting(s -> s.path("scenario").asString() + " " + s.path("step").asString()
        + " " + s.path("endpoint").asString() + " " + s.path("count").asLong())
        .containsExactly("shoppers onStart[1] GET /profile 4", "shoppers steps[0] GET /orders/{id} 1230");

    // A loadgen without extract: (or a run that skipped nothing): present, 0 and empty.
    Map<String, Object> none = SummaryJson.of("run", "r", new Outcome(analysis, json.readTree("[]"), null, null),
        json.readTree("{\"state\":\"FINISHED\"}"), 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> noneLoad = (Map<String, Object>) none.get("load");
    assertThat(noneLoad).containsEntry("skippedSteps", 0L).containsEntry("skipped", List.of());
  }

  @Test
  void anInvalidDefinitionListsEveryFieldWithFileAndLine() {
    LoadgenClient.Rejected invalid = new LoadgenClient.Rejected(400, json.readTree("""
        {"type":"about:blank","title":"Invalid run plan","status":400,
         "detail":"line 9: scenarios[0].steps[0].path must start with '/'",
         "errors":[{"field":"scenarios[0].steps[0].path","message":"must start with '/'","line":9},
                   {"field":"thresholds[0].threshold","message":"cannot parse 'p(95) <'"}]}"""), "answered 400");

    assertThat(RunReport.rejection(invalid, "checkout.yml", List.of())).isEqualTo("""
        perfplane run: loadgen-service rejected the definition as invalid (400 Invalid run plan):
          checkout.yml:9: scenarios[0].steps[0].path must start with '/'
          thresholds[0].threshold cannot parse 'p(95) <'
        """);
    assertThat(RunReport.exitCode(invalid)).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aRefusedTargetPointsAtTheAllowList() {
    LoadgenClient.Rejected refused = new LoadgenClient.Rejected(422, json.readTree("""
        {"title":"Run plan not allowed","status":422,"errors":[{"field":"targetBaseUrl",
         "message":"host 192.0.2.1:8080 is not in the allowed targets [127.0.0.1:*, localhost:*, [::1]:*]"}]}"""),
        "answered 422");

    String text = RunReport.rejection(refused, "checkout.yml", List.of());

    assertThat(text).startsWith("perfplane run: loadgen-service refused to run it (422 Run plan not allowed):\n"
        + "  targetBaseUrl host 192.0.2.1:8080 is not in the allowed targets");
    assertThat(text).contains("PERFPLANE_LOADGEN_ALLOWED_TARGETS");
    assertThat(RunReport.exitCode(refused)).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anUnknownProfileListsTheBuiltInOnesAndAWrongTokenIsAnError() {
    LoadgenClient.Rejected unknown = new LoadgenClient.Rejected(404, json.readTree(
        "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no built-in profile 'smoky'\"}"), "answered 404");
    assertThat(RunReport.rejection(unknown, null, List.of("seed", "smoke"))).isEqualTo("""
        perfplane run: loadgen-service does not know it (404 Not Found): no built-in profile 'smoky'
          built-in profiles: seed, smoke
        """);

    LoadgenClient.Rejected unauthorized = new LoadgenClient.Rejected(401, json.readTree("{\"status\":401}"), "401");
    assertThat(RunReport.rejection(unauthorized, null, List.of())).contains("PERFPLANE_CONTROL_TOKEN");
    assertThat(RunReport.exitCode(unauthorized)).isEqualTo(ExitCodes.ERROR);
  }

  private static String lineWith(String text, String fragment) {
    // A fragment with leading spaces is a table row's start (the threshold lines name endpoints too).
    return text.lines().filter(l -> fragment.startsWith("  ") ? l.startsWith(fragment) : l.contains(fragment))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + fragment + "' in:\n" + text));
  }
}
