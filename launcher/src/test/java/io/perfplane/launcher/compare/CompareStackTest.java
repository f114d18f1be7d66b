package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.StandInAnalyzer;
import io.perfplane.launcher.baseline.BaselineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code perfplane compare} with run ids and a named baseline of the running stack, against a stand-in analyzer on
 * a real local HTTP server that checks the stack's bearer token.
 */
class CompareStackTest {

  @TempDir
  Path home;

  private StandInAnalyzer analyzer;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    analyzer = new StandInAnalyzer()
        .run("r1", CompareAcceptance.threeEndpoints(1, 1).histograms("r1", true), true)
        .run("r2", CompareAcceptance.threeEndpoints(2, 1).histograms("r2", true), true)
        .run("r3", CompareAcceptance.threeEndpoints(3, 1.3).histograms("r3", true), true)
        .run("r4", CompareAcceptance.threeEndpoints(4, 1).histograms("r4", true), false);
  }

  @AfterEach
  void stop() {
    analyzer.close();
  }

  @Test
  void twoRunIdsOfTheStackAreComparedFromTheirHistogramsWithTheStacksToken() throws IOException {
    analyzer.recordStack(home, StandInAnalyzer.ADMIN_TOKEN);
    Path json = home.resolve("compare.json");

    int exit = run("r1", "r2", "--max-regression", "p95=10%", "--summary-json", json.toString());

    assertThat(exit).as(stdout + "" + stderr).isZero();
    assertThat(stdout.toString()).contains("baseline  run r1 (stack, 6,000 requests over",
        "candidate run r2 (stack, 6,000 requests over");
    assertThat(analyzer.requests()).containsExactly("GET /runs/r1/histograms Bearer stack-token",
        "GET /runs/r2/histograms Bearer stack-token");
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    assertThat(doc.path("baseline").path("source").asString()).isEqualTo("run");
    assertThat(doc.path("baseline").path("runId").asString()).isEqualTo("r1");
    assertThat(doc.path("baseline").path("file").isNull()).isTrue();
  }

  @Test
  void aNamedBaselineAgainstARegressedRunFailsNamingTheEndpoint() throws IOException {
    analyzer.recordStack(home, StandInAnalyzer.ADMIN_TOKEN);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    for (String run : new String[] {"r2", "r2", "r1"}) {
      assertThat(BaselineCommand.run(new String[] {"set", run, "--name", "main"}, quiet, quiet, home)).isZero();
    }
    Path json = home.resolve("compare.json");

    int exit = run("--baseline", "main", "r3", "--max-regression", "p95=10%", "--summary-json", json.toString());

    assertThat(exit).as(stdout + "" + stderr).isEqualTo(CompareCommand.REGRESSION);
    assertThat(stdout.toString()).contains("baseline  baseline main v3 (run r1, 6,000 requests");
    String result = stdout.toString().substring(stdout.toString().indexOf("result"));
    assertThat(result).contains("POST /api/cart p95").doesNotContain("items").doesNotContain("search");
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    assertThat(doc.path("baseline").path("baseline").asString()).isEqualTo("main");
    assertThat(doc.path("baseline").path("baselineVersion").asInt()).isEqualTo(3);
    assertThat(doc.path("baseline").path("runId").asString()).isEqualTo("r1");
  }

  @Test
  void aFileAgainstARunIdWorks() throws IOException {
    analyzer.recordStack(home, StandInAnalyzer.ADMIN_TOKEN);
    Path file = CompareAcceptance.threeEndpoints(5, 1).write(home.resolve("base.ndjson"));

    assertThat(run(file.toString(), "r4", "--max-regression", "p95=10%")).isZero();
    assertThat(stdout.toString()).contains("baseline  base.ndjson (native, 6,000 requests",
        "candidate run r4 (stack, not finished, 6,000 requests");
  }

  @Test
  void unknownRunsAndBaselinesAreUsageErrorsAndARefusalIsAnError() throws IOException {
    Path file = CompareAcceptance.threeEndpoints(5, 1).write(home.resolve("base.ndjson"));

    assertThat(run(file.toString(), "r9")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("r9: no such file, and no running stack").contains("perfplane up");
    assertThat(run("--baseline", "main", file.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("--baseline main: no running stack");
    assertThat(analyzer.requests()).isEmpty();

    analyzer.recordStack(home, StandInAnalyzer.ADMIN_TOKEN);
    assertThat(run(file.toString(), "r9")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("r9: no such file, and the running stack's analyzer has no run of that id");
    assertThat(run("--baseline", "nope", file.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("baseline 'nope': 404: no baseline nope");

    analyzer.recordStack(home, "a-wrong-token");
    assertThat(run(file.toString(), "r1")).isEqualTo(ExitCodes.ERROR);
    assertThat(stderr.toString()).contains("run r1: the analyzer answered 401: a bearer token is required");
  }

  private int run(String... args) {
    stdout.reset();
    stderr.reset();
    return CompareCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), home);
  }
}
