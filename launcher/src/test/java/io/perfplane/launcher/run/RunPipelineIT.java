package io.perfplane.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code perfplane run} through the whole pipeline (in-process broker, PostgreSQL, loadgen, analyzer and cost
 * service as processes) against a real HTTP server on loopback, with SLOs written in the definition: one that cannot
 * hold against a slow endpoint, one that holds against a fast one.
 */
class RunPipelineIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path dir;

  private static Path home;
  private static LocalTarget target;

  @BeforeAll
  static void start() throws IOException {
    home = Path.of(System.getProperty("perfplane.home"));
    target = LocalTarget.start(RunPipelineIT::serve);
  }

  @AfterAll
  static void stop() {
    if (target != null) {
      target.close();
    }
  }

  /** {@code /slow} answers after 250 ms, anything else at once; always 200. */
  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().equals("/slow")) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Result(int exitCode, String out, String err) {
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RunCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), home, false);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path definition(String name, String path, String slos) throws IOException {
    return Files.writeString(dir.resolve(name + ".yml"), """
        name: %s
        targetService: it-target
        targetBaseUrl: http://127.0.0.1:1
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 500ms, target: 4}, {duration: 5s, target: 4}]}
            steps:
              - {name: GET %s, path: %s}
        slos:
        %s""".formatted(name, path, path, slos));
  }

  @Test
  void anSloThatCannotHoldExits99WithTheBreachInTheSummaryJsonAndASavedReport() throws IOException {
    Path definition = definition("slo-slow", "/slow", """
          - id: slow-p95
            objective: p(95) < 100ms
            endpoint: GET /slow
            window: 2s
            minRequests: 5
        """);
    Path summary = dir.resolve("slow-summary.json");
    String targetUrl = target.url();

    Result result = run(definition.toString(), "--target", targetUrl, "--run-id", "it-slow", "--summary-json",
        summary.toString());

    assertThat(result.exitCode()).as("out:%n%s%nerr:%n%s", result.out(), result.err())
        .isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    assertThat(result.out()).contains("analyzer-service and cost-service", "✗ slow-p95", "capacity ", "cost/month ",
        "SLOs FAILED (exit 99)");
    JsonNode json = JSON.readTree(Files.readString(summary));
    assertThat(json.path("schema").asInt()).isEqualTo(1);
    assertThat(json.path("runId").asString()).isEqualTo("it-slow");
    assertThat(json.path("exitCode").asInt()).isEqualTo(99);
    assertThat(json.path("requests").asLong()).isPositive()
        .isEqualTo(json.path("load").path("samplesPublished").asLong());
    assertThat(json.path("latencyMs").path("p95").asDouble()).isGreaterThanOrEqualTo(250);
    JsonNode slo = json.path("slos").get(0);
    assertThat(slo.path("id").asString()).isEqualTo("slow-p95");
    assertThat(slo.path("endpoint").asString()).isEqualTo("GET /slow");
    assertThat(slo.path("objective").asDouble()).isEqualTo(100.0);
    assertThat(slo.path("held").asBoolean(true)).isFalse();
    assertThat(slo.path("observed").asDouble()).isGreaterThanOrEqualTo(250);
    assertThat(json.path("slos")).hasSize(1); // the run's own SLOs replace the analyzer's defaults
    JsonNode breach = json.path("breaches").get(0);
    assertThat(breach.path("sloId").asString()).isEqualTo("slow-p95");
    assertThat(Instant.parse(breach.path("openedAt").asString())).isAfter(Instant.now().minusSeconds(600));
    assertThat(json.path("capacity").isObject()).isTrue();
    assertThat(json.path("cost").size()).isGreaterThanOrEqualTo(2);
    Path report = Path.of(json.path("report").asString());
    assertThat(report).exists();
    assertThat(Files.readString(report)).contains("<html", "slow-p95", "id=\"capacity\"", "id=\"cost\"", "1k-users");
  }

  @Test
  void slosThatHoldExitZeroAndStepsSkippedForAFailedExtractionAreCounted() throws IOException {
    // The token step's extraction always fails (the body is not JSON), so the step using ${token} is never sent:
    // errors on GET /fast-token only, which neither SLO covers.
    Path definition = definition("slo-fast", "/fast", """
          - id: fast-p95
            objective: p(95) < 1s
          - id: fast-errors
            objective: error_rate < 1%
            endpoint: GET /fast
        """).resolveSibling("slo-fast-journey.yml");
    Files.writeString(definition, Files.readString(dir.resolve("slo-fast.yml")).replace("""
              - {name: GET /fast, path: /fast}
        """, """
              - {name: GET /fast, path: /fast}
              - {name: GET /fast-token, path: /fast-token, extract: [{name: token, jsonPath: $.token}]}
              - {name: 'GET /fast-orders/{token}', path: '/fast-orders/${token}'}
        """));
    Path summary = dir.resolve("fast-summary.json");
    String targetUrl = target.url();

    Result result = run(definition.toString(), "--target", targetUrl, "--summary-json", summary.toString());

    assertThat(result.exitCode()).as("out:%n%s%nerr:%n%s", result.out(), result.err()).isEqualTo(ExitCodes.OK);
    JsonNode json = JSON.readTree(Files.readString(summary));
    assertThat(json.path("slos")).extracting(s -> s.path("id").asString() + "=" + s.path("held").asBoolean())
        .containsExactly("fast-p95=true", "fast-errors=true");
    assertThat(json.path("breaches")).isEmpty();
    assertThat(json.path("exitCode").asInt()).isZero();

    long tokenRequests = 0;
    for (JsonNode endpoint : json.path("endpoints")) {
      assertThat(endpoint.path("endpoint").asString()).as("never sent").isNotEqualTo("GET /fast-orders/{token}");
      if (endpoint.path("endpoint").asString().equals("GET /fast-token")) {
        tokenRequests = endpoint.path("requests").asLong();
        assertThat(endpoint.path("errors").asLong()).as("failed extractions").isEqualTo(tokenRequests);
      }
    }
    JsonNode load = json.path("load");
    long skipped = load.path("skippedSteps").asLong();
    // One skip per token request, less the iterations the end of the run cut between the two (at most one per VU).
    assertThat(skipped).isPositive().isBetween(tokenRequests - 4, tokenRequests);
    assertThat(load.path("skipped")).hasSize(1);
    JsonNode step = load.path("skipped").get(0);
    assertThat(step.path("scenario").asString()).isEqualTo("users");
    assertThat(step.path("step").asString()).isEqualTo("steps[2]");
    assertThat(step.path("endpoint").asString()).isEqualTo("GET /fast-orders/{token}");
    assertThat(step.path("count").asLong()).isEqualTo(skipped);
    assertThat(result.out()).contains(String.format(java.util.Locale.ROOT, "  ⚠ skipped    %,d steps not sent: they"
        + " used a variable whose extraction failed", skipped), "the CHECK_FAILED samples name the extraction")
        .containsPattern("(?m)^    users +steps\\[2] +GET /fast-orders/\\{token} +" + String.format(
            java.util.Locale.ROOT, "%,d", skipped) + "$");
  }
}
