package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code perfplane compare} on generated runs, end to end through files, the table, the JSON and the exit code. */
class CompareCommandTest {

  private static final String[] GATE = {"--max-regression", "p50=10%", "--max-regression", "p95=10%",
      "--max-regression", "p99=10%", "--max-regression", "shift=10%", "--max-regression", "error_rate=1%",
      "--max-regression", "throughput=10%"};

  @TempDir
  Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private static GeneratedRun threeEndpoints(long seed, double cartScale) {
    return new GeneratedRun(seed, 2_000, 40)
        .endpoint("GET /api/items/{id}", 25, 0.35, 1, 0.01)
        .endpoint("POST /api/cart", 80, 0.5, cartScale, 0.01)
        .endpoint("GET /api/search", 120, 0.6, 1, 0.01);
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
  void aThirtyPercentRegressionOnOneEndpointFailsNamingIt() throws IOException {
    Path baseline = threeEndpoints(1, 1).write(dir.resolve("baseline.ndjson"));
    Path candidate = threeEndpoints(2, 1.3).write(dir.resolve("candidate.ndjson"));
    Path json = dir.resolve("compare.json");

    int exit = run(new String[] {baseline.toString(), candidate.toString(), "--max-regression", "p95=10%",
        "--summary-json", json.toString()});

    assertThat(exit).as(stdout.toString()).isEqualTo(CompareCommand.REGRESSION);
    String result = stdout.toString().substring(stdout.toString().indexOf("result"));
    assertThat(result).contains("POST /api/cart p95").doesNotContain("items").doesNotContain("search");
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    List<String> regressed = new ArrayList<>();
    doc.path("regressions").forEach(r -> regressed.add(r.path("endpoint").asString() + " "
        + r.path("metric").asString()));
    assertThat(regressed).contains("POST /api/cart p95")
        .allMatch(r -> r.startsWith("POST /api/cart") || r.startsWith(Comparison.OVERALL));
    JsonNode cartP95 = row(doc, "POST /api/cart", "p95");
    assertThat(cartP95.path("change").asDouble()).isBetween(0.2, 0.4);
    assertThat(cartP95.path("low").asDouble()).isGreaterThan(0.1);
  }

  @Test
  void aThreePercentShiftOverTwoHundredSamplesIsNotSignificant() throws IOException {
    Path baseline = new GeneratedRun(5, 200, 10).endpoint("GET /api/items/{id}", 50, 0.4, 1, 0)
        .write(dir.resolve("baseline.ndjson"));
    Path candidate = new GeneratedRun(6, 200, 10).endpoint("GET /api/items/{id}", 50, 0.4, 1.03, 0)
        .write(dir.resolve("candidate.ndjson"));
    Path json = dir.resolve("compare.json");

    int exit = run(gated(baseline.toString(), candidate.toString(), "--summary-json", json.toString()));

    assertThat(exit).as(stdout.toString()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    for (String metric : List.of("p50", "p95", "p99", "shift")) {
      JsonNode row = row(doc, "GET /api/items/{id}", metric);
      assertThat(row.path("verdict").asString()).as(metric + ": " + row).isEqualTo("same");
      assertThat(row.path("low").asDouble()).as(metric).isNegative();
      assertThat(row.path("high").asDouble()).as(metric).isPositive();
    }
    assertThat(stdout.toString()).containsPattern("GET /api/items/\\{id\\}\\s+shift .* ~");
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

  private static String[] gated(String... args) {
    String[] all = new String[args.length + GATE.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(GATE, 0, all, args.length, GATE.length);
    return all;
  }

  private int run(String[] args) {
    stdout.reset();
    stderr.reset();
    return CompareCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), dir);
  }

  private static JsonNode row(JsonNode doc, String endpoint, String metric) {
    for (JsonNode row : doc.path("rows")) {
      if (row.path("endpoint").asString().equals(endpoint) && row.path("metric").asString().equals(metric)) {
        return row;
      }
    }
    throw new AssertionError("no row " + endpoint + " " + metric + " in " + doc);
  }
}
