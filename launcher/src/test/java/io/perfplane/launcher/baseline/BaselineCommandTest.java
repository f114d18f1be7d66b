package io.perfplane.launcher.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.StandInAnalyzer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perfplane baseline} against a stand-in analyzer on a real local HTTP server, recorded as the stack. */
class BaselineCommandTest {

  @TempDir
  Path home;

  private StandInAnalyzer analyzer;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    analyzer = new StandInAnalyzer().run("r1", histograms("r1", 20_000), true).run("r2", histograms("r2", 30_000),
        true).run("r3", histograms("r3", 30_000), false);
  }

  @AfterEach
  void stop() {
    analyzer.close();
  }

  @Test
  void setShowHistoryAndListWithTheStacksToken() throws IOException {
    analyzer.recordStack(home, StandInAnalyzer.ADMIN_TOKEN);

    assertThat(run("set", "r1", "--name", "main", "--note", "release 1.4")).isZero();
    assertThat(stdout.toString()).isEqualTo("baseline main v1 = run r1 (set 2026-12-07 04:00:00 UTC by "
        + "perfplane-local; release 1.4)\n");
    assertThat(run("set", "r2", "--name", "main")).isZero();
    assertThat(run("set", "r1", "--name", "nightly")).isZero();

    assertThat(run("show", "main")).isZero();
    assertThat(stdout.toString()).startsWith("baseline main v2 = run r2 (set 2026-12-07 04:01:00 UTC")
        .containsPattern("GET /a\\s+1,000\\s+1.00%\\s+30.0 ms\\s+30.0 ms\\s+30.0 ms")
        .containsPattern("overall\\s+1,000\\s+1.00%");

    assertThat(run("history", "main")).isZero();
    assertThat(stdout.toString().lines()).hasSize(3);
    assertThat(stdout.toString().lines().skip(1).map(l -> l.split("\\s+")[1] + " " + l.split("\\s+")[2]))
        .containsExactly("v2 r2", "v1 r1");
    assertThat(stdout.toString()).contains("release 1.4");

    assertThat(run("list")).isZero();
    assertThat(stdout.toString().lines().skip(1).map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[1]))
        .containsExactly("main v2", "nightly v1");

    assertThat(analyzer.requests()).allSatisfy(r -> assertThat(r).endsWith(" Bearer stack-token"))
        .contains("PUT /baselines/main Bearer stack-token", "GET /baselines/main/history Bearer stack-token");
  }

  @Test
  void refusalsArePrintedAsOneLineWithTheirExitCodes() throws IOException {
    analyzer.recordStack(home, StandInAnalyzer.ADMIN_TOKEN);

    assertThat(run("set", "r3", "--name", "main")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).isEqualTo("perfplane baseline set: the analyzer refused: 409: run r3 is not "
        + "finished\n");
    assertThat(run("set", "r9", "--name", "main")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("404: no run r9").contains("`perfplane runs` lists the runs");
    assertThat(run("set", "r1", "--name", "bad name")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("400: name must match").doesNotContain("(field");
    assertThat(run("show", "nope")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("404: no baseline nope");
    assertThat(run("list")).isZero();
    assertThat(stdout.toString()).startsWith("no baselines yet");

    analyzer.recordStack(home, StandInAnalyzer.READ_TOKEN);
    assertThat(run("set", "r1", "--name", "main")).isEqualTo(ExitCodes.ERROR);
    assertThat(stderr.toString()).contains("403: the token lacks the scope admin").contains("set needs admin");
    assertThat(stderr.toString().lines()).hasSize(1);
  }

  @Test
  void usageErrorsAndNoStack() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("set", "r1")).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.toString()).contains("set needs --name NAME");
    assertThat(run("show")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("list", "--name", "x")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("frob")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("list")).isEqualTo(ExitCodes.ERROR);
    assertThat(stderr.toString()).contains("no running stack");
    assertThat(analyzer.requests()).isEmpty();
  }

  private int run(String... args) {
    stdout.reset();
    stderr.reset();
    return BaselineCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), home);
  }

  /** A histograms document: one endpoint, 1,000 requests of {@code latencyUs}, 10 failed. */
  private static String histograms(String runId, long latencyUs) {
    Histogram histogram = new Histogram(3);
    histogram.recordValueWithCount(latencyUs, 1_000);
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    String latency = Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(),
        histogram.encodeIntoCompressedByteBuffer(buffer)));
    String series = "\"requests\":1000,\"errors\":10,\"startUs\":1733550000000000,\"endUs\":1733550010000000,"
        + "\"latency\":\"" + latency + "\",\"perSecond\":null}";
    return "{\"schema\":1,\"runId\":\"" + runId + "\",\"finished\":true,\"unit\":\"us\",\"significantDigits\":3,"
        + "\"encoding\":\"hdrhistogram-compressed-base64\",\"overall\":{\"endpoint\":\"*\"," + series
        + ",\"endpoints\":[{\"endpoint\":\"GET /a\"," + series + "]}";
  }
}
