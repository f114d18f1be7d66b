package io.perfplane.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perfplane run} end to end against a real HTTP server on loopback: the loadgen-service jar as a process on
 * a real in-process broker. The first test takes the default path (the command starts its own broker and
 * loadgen-service); the others submit to one shared loadgen-service with {@code --loadgen}, as against a deployed
 * one. Each run is a few seconds of load.
 */
class RunCommandIT {

  private static final String TOKEN = "it-" + UUID.randomUUID();
  private static final Pattern REQUESTS = Pattern.compile("(?m)^  requests +([\\d,]+) ");
  private static final Pattern SAMPLES = Pattern.compile("(?m)^  samples +([\\d,]+) published, 0 dropped, 0 failed$");

  @TempDir
  static Path dir;

  private static Path home;
  private static HttpServer target;
  private static final AtomicLong hits = new AtomicLong();
  private static LocalLoadgen shared;

  @BeforeAll
  static void start() throws IOException {
    home = Path.of(System.getProperty("perfplane.home"));
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    target.createContext("/", RunCommandIT::serve);
    target.start();
    shared = LocalLoadgen.start(home, null, TOKEN, dir.resolve("shared-logs"));
  }

  @AfterAll
  static void stop() {
    if (shared != null) {
      shared.close();
    }
    if (target != null) {
      target.stop(0);
    }
  }

  /** {@code /ok} answers 200, anything else 500. */
  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      hits.incrementAndGet();
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/ok") ? 200 : 500, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String targetUrl() {
    return "http://127.0.0.1:" + target.getAddress().getPort();
  }

  /** What one command printed and returned. */
  private record Outcome(int exitCode, String out, String err) {

    long requests() {
      return figure(REQUESTS);
    }

    long samplesPublished() {
      return figure(SAMPLES);
    }

    private long figure(Pattern pattern) {
      Matcher m = pattern.matcher(out);
      assertThat(m.find()).as("%s in:%n%s", pattern, out).isTrue();
      return Long.parseLong(m.group(1).replace(",", ""));
    }
  }

  private static Outcome run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RunCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, home, false);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Outcome runOnShared(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--loadgen";
    all[args.length + 1] = shared.baseUri().toString();
    return run(Map.of("PERFPLANE_CONTROL_TOKEN", TOKEN), all);
  }

  @Test
  void aPassingDefinitionOnItsOwnBrokerAndLoadgenExitsZeroWithEverySamplePublished() throws IOException {
    // The document's target is a placeholder: --target supplies the real one.
    Path definition = Files.writeString(dir.resolve("pass.yml"), """
        name: cli-pass
        targetService: it-target
        targetBaseUrl: http://127.0.0.1:1
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 500ms, target: 2}, {duration: 2500ms, target: 2}]}
            thinkTime: {constant: 20ms}
            steps:
              - {name: GET /ok, path: /ok, checks: [{status: [200]}]}
        thresholds:
          - threshold: p(95) < 5s
          - threshold: error_rate < 1%
        """);
    long before = hits.get();

    Outcome outcome = run(Map.of(), definition.toString(), "--target", targetUrl(), "--run-id", "it-pass",
        "--no-analysis");

    assertThat(outcome.exitCode()).as("out:%n%s%nerr:%n%s", outcome.out(), outcome.err()).isEqualTo(ExitCodes.OK);
    assertThat(outcome.out()).contains("starting Kafka (KRaft, in-process) and loadgen-service",
        "perfplane run: it-pass running on", "perfplane run it-pass (cli-pass) — FINISHED");
    // Without a terminal: plain progress lines (every 5 s, and the last one when the run ended).
    assertThat(outcome.out()).containsPattern("(?m)^stage 2/2 \\| VUs \\d/\\d \\| [\\d,]+ req \\| [\\d.]+ rps \\| p95 "
        + "[\\d.]+ ms \\| errors 0 \\(0\\.00%\\) \\| 00:0\\d elapsed, 00:00 left$");
    assertThat(outcome.out()).containsPattern("(?m)^    ✓ p\\(95\\) < 5s +[\\d.]+ ms$")
        .containsPattern("(?m)^    ✓ error_rate < 1% +0\\.00%$")
        .containsPattern("(?m)^  GET /ok +[\\d,]+ +0\\.00% ")
        .contains("  result       ✓ finished, all thresholds passed (exit 0)");
    long requests = outcome.requests();
    assertThat(requests).isPositive().isEqualTo(hits.get() - before);
    assertThat(outcome.samplesPublished()).isEqualTo(requests);
    assertThat(outcome.out()).doesNotContain("WARNING");
  }

  @Test
  void aFailingThresholdExits99AndShowsTheMeasuredValue() throws IOException {
    Path definition = Files.writeString(dir.resolve("fail.json"), """
        {"name": "cli-fail", "targetService": "it-target", "targetBaseUrl": "%s",
         "scenarios": [{"name": "arrivals",
           "workload": {"executor": "constant-arrival-rate", "rate": 20, "duration": "2s", "maxConcurrency": 20},
           "steps": [{"name": "GET /ok", "path": "/ok"}, {"name": "GET /fail", "path": "/fail"}]}],
         "thresholds": [{"threshold": "p(95) < 5s"}, {"threshold": "error_rate < 1%%", "endpoint": "GET /fail"}]}
        """.formatted(targetUrl()));

    Outcome outcome = runOnShared(definition.toString());

    assertThat(outcome.exitCode()).as("out:%n%s%nerr:%n%s", outcome.out(), outcome.err())
        .isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    assertThat(outcome.out()).containsPattern("(?m)^    ✓ p\\(95\\) < 5s +[\\d.]+ ms$")
        .containsPattern("(?m)^    ✗ error_rate < 1% +on GET /fail +100\\.00%$")
        .containsPattern("(?m)^stage 1/1 \\| rate [\\d.]+/s \\(\\d+ in flight\\) \\|")
        .contains("  iterations   40   dropped 0")
        .containsPattern("(?m)^  GET /fail +40 +100\\.00% ")
        .containsPattern("(?m)^  GET /ok +40 +0\\.00% ")
        .contains("  result       ✗ finished, thresholds FAILED (exit 99)");
    assertThat(outcome.requests()).isEqualTo(80);
    assertThat(outcome.samplesPublished()).isEqualTo(80);
  }

  @Test
  void anAbortOnFailThresholdExits97AndNamesTheThreshold() throws IOException {
    Path definition = Files.writeString(dir.resolve("abort.yml"), """
        name: cli-abort
        targetService: it-target
        targetBaseUrl: %s
        scenarios:
          - name: doomed
            workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 1}, {duration: 60s, target: 1}]}
            thinkTime: {constant: 10ms}
            steps: [{name: GET /fail, path: /fail}]
        thresholds:
          - {threshold: error_rate < 1%%, abortOnFail: true, delayAbortEval: 0s}
        """.formatted(targetUrl()));

    Outcome outcome = runOnShared(definition.toString());

    assertThat(outcome.exitCode()).as("out:%n%s%nerr:%n%s", outcome.out(), outcome.err())
        .isEqualTo(ExitCodes.ABORTED);
    assertThat(outcome.out()).containsPattern("(?m)^    ✗ error_rate < 1% +100\\.00%   aborted the run$")
        .contains("  result       ✗ ABORTED: threshold 'error_rate < 1%' failed: 100.0 % (exit 97)");
    assertThat(outcome.samplesPublished()).isEqualTo(outcome.requests());
  }

  @Test
  void aTargetOutsideTheAllowListIsRefusedWithoutSendingAnything() throws IOException {
    Path definition = Files.writeString(dir.resolve("refused.yml"), """
        name: cli-refused
        targetService: it-target
        targetBaseUrl: %s
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 1s, target: 1}]}
            steps: [{name: GET /ok, path: /ok}]
        """.formatted(targetUrl()));
    long before = hits.get();

    // 192.0.2.0/24 is TEST-NET-1: never routed, and not in the default allow-list (loopback only).
    Outcome outcome = runOnShared(definition.toString(), "--target", "http://192.0.2.1:8080");

    assertThat(outcome.exitCode()).as("out:%n%s%nerr:%n%s", outcome.out(), outcome.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).startsWith("perfplane run: loadgen-service refused to run it (422 Run plan not allowed):")
        .contains("  targetBaseUrl ", "192.0.2.1", "PERFPLANE_LOADGEN_ALLOWED_TARGETS");
    assertThat(outcome.out()).doesNotContain("running on");
    assertThat(hits.get()).isEqualTo(before);
  }

  @Test
  void anInvalidDefinitionNamesTheFileLineAndField() throws IOException {
    Path definition = Files.writeString(dir.resolve("bad.yml"), """
        name: cli-bad
        targetService: it-target
        targetBaseUrl: %s
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 1s, target: 1}]}
            steps:
              - name: GET /ok
                path: no-slash
        """.formatted(targetUrl()));

    Outcome outcome = runOnShared(definition.toString());

    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).startsWith("perfplane run: loadgen-service rejected the definition as invalid (400")
        .contains("  bad.yml:9: scenarios[0].steps[0].path must start with a single '/'");
  }

  @Test
  void anUnknownProfileListsTheBuiltInOnes() {
    Outcome outcome = runOnShared("--profile", "no-such-profile");

    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.err()).contains("(404", "built-in profiles: seed, smoke, 1k-users, 10k-users");
  }
}
