package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code perfplane compare} on generated runs, end to end through files, the table, the JSON and the exit code. */
class CompareCommandTest extends CompareAcceptance {

  @Override
  Path save(GeneratedRun run, String name, String runId) throws IOException {
    return run.write(dir.resolve(name + ".ndjson"));
  }

  @Test
  void twoRunsOfTheSameDistributionPass() throws IOException {
    Path baseline = threeEndpoints(1, 1).write(dir.resolve("baseline.ndjson"));
    Path candidate = threeEndpoints(2, 1).write(dir.resolve("candidate.ndjson"));
    Path json = dir.resolve("compare.json");

    int exit = run(gated("--baseline-file", baseline.toString(), candidate.toString(), "--summary-json",
        json.toString()));

    assertThat(exit).as(stdout.toString()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    assertThat(doc.path("schema").asInt()).isEqualTo(1);
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("regressions").size()).isZero();
    // 3 endpoints and overall, 6 metrics each.
    assertThat(doc.path("rows").size()).isEqualTo(24);
    assertThat(doc.path("baseline").path("requests").asLong()).isEqualTo(6_000);
    // 1 % of the 6,000 requests fail (status 500 without errorKind counts as failed).
    assertThat(doc.path("baseline").path("errors").asLong()).isBetween(30L, 100L);
    assertThat(doc.path("tolerances").path("p95").asDouble()).isEqualTo(10.0);
  }

  @Test
  void aSignificantChangeWithinTheToleranceIsNotARegression() throws IOException {
    Path baseline = new GeneratedRun(1, 5_000, 100).endpoint("GET /a", 50, 0.3, 1, 0)
        .write(dir.resolve("baseline.ndjson"));
    Path candidate = new GeneratedRun(2, 5_000, 100).endpoint("GET /a", 50, 0.3, 1.05, 0)
        .write(dir.resolve("candidate.ndjson"));
    Path json = dir.resolve("compare.json");

    int exit = run(new String[] {baseline.toString(), candidate.toString(), "--max-regression", "shift=20%",
        "--summary-json", json.toString()});

    assertThat(exit).as(stdout.toString()).isZero();
    JsonNode shift = row(JsonMapper.builder().build().readTree(Files.readString(json)), "GET /a", "shift");
    assertThat(shift.path("verdict").asString()).isEqualTo("worse");
    assertThat(shift.path("p").asDouble()).isLessThan(0.05);
  }

  @Test
  void usageErrorsExitTwoWithAReason() throws IOException {
    Path baseline = new GeneratedRun(1, 50, 10).endpoint("GET /a", 50, 0.3, 1, 0).write(dir.resolve("b.ndjson"));
    Path summary = dir.resolve("summary.json");
    Files.writeString(summary, "{\n  \"schema\" : 1,\n  \"endpoints\" : [ ]\n}\n");

    assertThat(run(new String[] {baseline.toString()})).isEqualTo(2);
    assertThat(stderr.toString()).contains("needs BASELINE and CANDIDATE");
    assertThat(run(new String[] {baseline.toString(), baseline.toString(), "--max-regression", "p97=5%"}))
        .isEqualTo(2);
    assertThat(stderr.toString()).contains("unknown metric 'p97'");
    assertThat(run(new String[] {baseline.toString(), baseline.toString(), "--frobnicate"})).isEqualTo(2);
    assertThat(stderr.toString()).contains("--frobnicate");
    assertThat(run(new String[] {summary.toString(), baseline.toString()})).isEqualTo(2);
    assertThat(stderr.toString()).contains("holds percentiles, not the distributions");
    assertThat(run(new String[] {"run-42", baseline.toString()})).isEqualTo(2);
    assertThat(stderr.toString()).contains("run-42: no such file");
  }

  @Test
  void readsK6ResultsAndTheirFailures() throws IOException {
    Path k6 = dir.resolve("k6.json");
    StringBuilder lines = new StringBuilder("{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\"},"
        + "\"metric\":\"http_req_duration\"}\n");
    for (int i = 0; i < 30; i++) {
      String tags = "{\"name\":\"GET /items\",\"method\":\"GET\",\"status\":\"" + (i % 10 == 0 ? 503 : 200)
          + "\",\"expected_response\":\"" + (i % 10 != 0) + "\"}";
      String time = String.format("2025-11-01T22:56:%02d.500000+01:00", i);
      lines.append("{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{\"time\":\"").append(time)
          .append("\",\"value\":").append(10 + i).append(".5,\"tags\":").append(tags).append("}}\n");
      lines.append("{\"type\":\"Point\",\"metric\":\"http_req_failed\",\"data\":{\"time\":\"").append(time)
          .append("\",\"value\":").append(i % 10 == 0 ? 1 : 0).append(",\"tags\":").append(tags).append("}}\n");
    }
    Files.writeString(k6, lines);

    RunSamples samples = ResultsFiles.read(k6);

    assertThat(samples.format()).isEqualTo("k6");
    EndpointSamples items = samples.endpoints().get("GET /items");
    assertThat(items.requests()).isEqualTo(30);
    assertThat(items.errors()).isEqualTo(3);
    assertThat(items.latencyUs()[0]).isEqualTo(10_500);
    // One request a second, the first and last (partial) seconds left out.
    assertThat(items.perSecond()).hasSize(28).containsOnly(1L);
  }
}
