package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.perfplane.runtime.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code perfplane up --random-ports} as a user starts it (its own JVM), then the commands that use it with nothing
 * typed but the files and the run: {@code breaches --follow} (its own JVM, connected before the breach exists)
 * prints the breach of {@code analyze} a k6 file whose POST /cart misses its SLO live and stops on Ctrl-C;
 * {@code ingest}, {@code breaches}, {@code run} of the CI gate's example definition on the stack's loadgen against its
 * api-service, {@code runs}, {@code report}; then {@code perfplane down}, after which the up process has exited,
 * nothing listens on the ports it recorded and its files are gone. One stack start for all of them: each costs CI
 * time.
 */
class UpStackIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path dir;

  private record Result(int exitCode, String out) {
  }

  /** The command line, in this JVM, as {@code ./perfplane ARGS} runs it: no token, no URL. */
  private static Result perfplane(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void upServesAnalyzeIngestBreachesRunsAndReportWithNoTokenTypedAndDownLeavesNothing() throws Exception {
    Path home = Path.of(System.getProperty("perfplane.home")).toAbsolutePath().normalize();
    Path stackJson = home.resolve(".perfplane/stack.json");
    assertThat(perfplane("runs").exitCode()).as("no stack is running before the test").isEqualTo(ExitCodes.ERROR);
    Path slos = Files.writeString(dir.resolve("slos.yml"), """
        slos:
          - id: cart-p95
            endpoint: POST /cart
            objective: p95 < 150ms
            window: 5s
        """);
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Dperfplane.home=" + home,
        "-Dperfplane.log.dir=" + home.resolve("launcher/target/up-it-logs"), "-jar",
        System.getProperty("perfplane.launcher.jar"), "up", "--random-ports", "--slo", slos.toString())
        .redirectErrorStream(true);
    // No AOT recording: writing the caches on exit is not what this test times (ServiceJarsTest covers them).
    builder.environment().put("PERFPLANE_AOT", "off");
    Process up = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    ChildOutput.follow(up, output);
    List<ProcessHandle> children = List.of();
    try {
      ChildOutput.waitFor(() -> output.stream().anyMatch(l -> l.contains("the stack is running")) || !up.isAlive(),
          Duration.ofSeconds(240));
      assertThat(up.isAlive()).as("up running; output:%n%s", String.join("\n", output)).isTrue();
      children = up.descendants().toList();
      assertThat(children).as("five service JVMs").hasSizeGreaterThanOrEqualTo(5);
      JsonNode stack = JSON.readTree(Files.readString(stackJson));
      assertThat(stack.path("version").asInt()).isEqualTo(1);
      assertThat(stack.path("pid").asLong()).isEqualTo(up.pid());
      List<Integer> ports = new ArrayList<>();
      ports.add(Integer.parseInt(stack.path("kafka").asString().replaceAll(".*:", "")));
      stack.path("services").forEach(url -> ports.add(URI.create(url.asString()).getPort()));
      assertThat(ports).hasSize(6).allSatisfy(port -> assertThat(FreePorts.inUse(port)).isTrue());
      assertThat(String.join("\n", output)).contains(stack.path("kafka").asString(),
          stack.path("services").path("analyzer-service").asString(), stack.path("credentials").asString())
          .doesNotContain(Files.readString(Path.of(stack.path("credentials").asString())).strip());
      assertThat(perfplane("up", "--random-ports").exitCode()).as("a second up refuses").isEqualTo(ExitCodes.ERROR);

      Path k6 = dir.resolve("results.json");
      writeK6(k6, Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
      // breaches --follow as a user runs it in another terminal: connected to the broker before the breach exists.
      // As from a terminal: a CI shell's background job (and so this JVM and its children) ignores SIGINT, which a
      // JVM keeps ignoring; env --default-signal (coreutils) restores it, so Ctrl-C below is the user's Ctrl-C.
      Process follow = new ProcessBuilder("env", "--default-signal=INT", java, "-Dperfplane.home=" + home,
          "-Dperfplane.log.dir=" + home.resolve("launcher/target/up-it-follow-logs"), "-jar",
          System.getProperty("perfplane.launcher.jar"), "breaches", "--follow", "--run", "up-it-k6")
          .redirectErrorStream(true).start();
      List<String> followed = new CopyOnWriteArrayList<>();
      ChildOutput.follow(follow, followed);
      try {
        ChildOutput.waitFor(() -> connectedTo(follow.pid(), ports.getFirst()) || !follow.isAlive(), Duration.ofSeconds(30));
        assertThat(follow.isAlive()).as("breaches --follow running; output: %s", followed).isTrue();
        assertThat(connectedTo(follow.pid(), ports.getFirst())).as("connected to the broker").isTrue();
        assertThat(followed).as("no breach before the analysis").isEmpty();

        Result analyze = perfplane("analyze", "k6", k6.toString(), "--run", "up-it-k6");
        assertThat(analyze.exitCode()).as(analyze.out()).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
        assertThat(analyze.out()).contains("using the running stack", "✗ cart-p95")
            .doesNotContain("starting Kafka");

        ChildOutput.waitFor(() -> followed.stream().anyMatch(l -> l.contains("OPENED")), Duration.ofSeconds(30));
        assertThat(followed).as("the breach, live").anySatisfy(line -> assertThat(line)
            .contains("OPENED", "up-it-k6", "cart-p95", "POST /cart", "objective <= 150 ms over "));
        assertThat(follow.isAlive()).as("--follow keeps following").isTrue();
        // Ctrl-C: the shutdown hook wakes the consumer, which closes before the JVM exits.
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(follow.pid())).start().waitFor()).isZero();
        assertThat(follow.waitFor(15, TimeUnit.SECONDS)).as("stops on Ctrl-C").isTrue();
        assertThat(follow.exitValue()).as("output: %s", followed).isEqualTo(ExitCodes.INTERRUPTED);
      } finally {
        follow.destroyForcibly();
      }

      Result ingest = perfplane("ingest", "k6", k6.toString(), "--run", "up-it-ingest");
      assertThat(ingest.exitCode()).as(ingest.out()).isZero();
      assertThat(ingest.out()).contains("HTTP 200");

      Result breaches = perfplane("breaches", "--run", "up-it-k6");
      assertThat(breaches.exitCode()).as(breaches.out()).isZero();
      assertThat(breaches.out().lines().toList()).isNotEmpty().allSatisfy(line -> assertThat(line)
          .contains("up-it-k6", "cart-p95", "POST /cart", "latency_p95", "objective <= 150 ms over "))
          .anySatisfy(line -> assertThat(line).contains("OPENED"));
      assertThat(perfplane("breaches", "--run", "no-such-run").out()).isEmpty();

      // The CI gate's example definition (docs/ci-gate.md), shortened, run on the stack: its loadgen, its api-service.
      String definition = Files.readString(home.resolve("examples/ci/load-test.yml"));
      assertThat(definition).contains("duration: 60s");
      Path shortened = Files.writeString(dir.resolve("load-test.yml"), definition.replace("duration: 60s",
          "duration: 4s"));
      Path summary = dir.resolve("summary.json");
      Result run = perfplane("run", shortened.toString(), "--run-id", "up-it-run", "--target",
          stack.path("services").path("api-service").asString(), "--summary-json", summary.toString());
      // Its SLOs are generous, but an SLO verdict on a machine shared by parallel builds is not this test's subject.
      assertThat(run.exitCode()).as(run.out()).isIn(ExitCodes.OK, ExitCodes.THRESHOLDS_FAILED);
      assertThat(run.out()).contains("using the running stack", "up-it-run").doesNotContain("starting Kafka");
      JsonNode runSummary = JSON.readTree(Files.readString(summary));
      assertThat(runSummary.path("exitCode").asInt(-1)).isEqualTo(run.exitCode());
      assertThat(runSummary.path("load").path("state").asString()).isEqualTo("FINISHED");
      List<String> sloIds = new ArrayList<>();
      runSummary.path("slos").forEach(slo -> sloIds.add(slo.path("id").asString()));
      assertThat(sloIds).as("the definition's slos:").containsExactlyInAnyOrder("overview-p95", "p99", "errors");
      List<String> endpoints = new ArrayList<>();
      runSummary.path("endpoints").forEach(endpoint -> endpoints.add(endpoint.path("endpoint").asString()));
      assertThat(endpoints).containsExactlyInAnyOrder("GET /api/dashboards", "GET /api/dashboards/{slug}",
          "GET /api/dashboards/{slug}/overview", "GET /api/users/{login}/activities");
      assertThat(runSummary.path("errors").asLong(-1)).as("every check passed").isZero();
      assertThat(runSummary.path("requests").asLong()).as("4 s at 40 req/s").isGreaterThan(100);
      assertThat(Path.of(runSummary.path("report").asString())).isRegularFile();
      JsonNode histograms = runSummary.path("histograms");
      assertThat(histograms.path("runId").asString()).isEqualTo("up-it-run");
      assertThat(histograms.path("overall").path("requests").asLong()).as("the summary's histograms count every request")
          .isEqualTo(runSummary.path("requests").asLong());

      // The analyzer's histograms through compare and baselines, end to end: the saved summary against the same run
      // by id, then baselines with history (the stack's one credential has the admin scope).
      Result self = perfplane("compare", summary.toString(), "up-it-run", "--max-regression", "p95=1%");
      assertThat(self.exitCode()).as(self.out()).isZero();
      assertThat(self.out()).contains("summary", "run up-it-run", "GET /api/dashboards/{slug}");
      // Baselines outlive a stack (PostgreSQL): a name of this test's own, so its versions start at 1.
      String name = "up-it-" + Long.toString(System.nanoTime(), 36);
      Result set = perfplane("baseline", "set", "up-it-run", "--name", name, "--note", "first");
      assertThat(set.exitCode()).as(set.out()).isZero();
      Result reset = perfplane("baseline", "set", "up-it-k6", "--name", name);
      assertThat(reset.exitCode()).as(reset.out()).isZero();
      Result history = perfplane("baseline", "history", name);
      assertThat(history.exitCode()).as(history.out()).isZero();
      assertThat(history.out()).contains("up-it-run", "up-it-k6", "first");
      Result gate = perfplane("compare", "--baseline", name, "up-it-ingest", "--max-regression", "p95=10%");
      assertThat(gate.exitCode()).as("the same k6 file analyzed and ingested: %s", gate.out()).isZero();
      assertThat(gate.out()).contains("baseline " + name + " v2", "POST /cart");
      assertThat(perfplane("baseline", "set", "no-such-run", "--name", name).exitCode())
          .isEqualTo(ExitCodes.USAGE);

      Result runs = perfplane("runs");
      assertThat(runs.exitCode()).as(runs.out()).isZero();
      assertThat(runs.out().lines().filter(l -> l.startsWith("up-it-k6 ")).findFirst()).get().asString()
          .contains(" k6 ", "300", "FAILED");

      Path report = dir.resolve("report.html");
      Result saved = perfplane("report", "up-it-k6", "-o", report.toString());
      assertThat(saved.exitCode()).as(saved.out()).isZero();
      assertThat(Files.readString(report)).contains("<html", "up-it-k6", "cart-p95");

      Result down = perfplane("down");
      assertThat(down.exitCode()).as(down.out()).isZero();
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("down returns once up has exited").isTrue();
      List<ProcessHandle> services = children;
      ChildOutput.waitFor(() -> services.stream().noneMatch(ProcessHandle::isAlive)
          && ports.stream().noneMatch(FreePorts::inUse), Duration.ofSeconds(10));
      assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).as("pid %d", child.pid()).isFalse());
      assertThat(ports).allSatisfy(port -> assertThat(FreePorts.inUse(port)).as("port %d freed", port).isFalse());
      assertThat(stackJson).doesNotExist();
      assertThat(home.resolve(".perfplane/credentials")).doesNotExist();
    } finally {
      children.forEach(ProcessHandle::destroyForcibly);
      up.descendants().forEach(ProcessHandle::destroyForcibly);
      up.destroyForcibly();
    }
  }

  /** 300 requests over 60 s: GET /items fast, POST /cart at 200-400 ms (its p95 misses 150 ms throughout). */
  private static void writeK6(Path file, Instant start) throws IOException {
    try (Writer out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < 300; i++) {
        boolean cart = i % 2 == 1;
        String endpoint = cart ? "POST /cart" : "GET /items";
        double ms = cart ? 200 + (i * 37 % 200) : 5 + i % 10;
        Instant end = start.plusMillis(i * 200L);
        for (String[] metric : new String[][] {{"http_reqs", "1"}, {"http_req_duration", Double.toString(ms)},
            {"http_req_failed", "0"}}) {
          out.write("{\"type\":\"Point\",\"data\":{\"time\":\"" + end + "\",\"value\":" + metric[1] + ",\"tags\":{"
              + "\"expected_response\":\"true\",\"group\":\"\",\"method\":\"" + endpoint.split(" ")[0]
              + "\",\"name\":\"" + endpoint + "\",\"scenario\":\"default\",\"status\":\"200\",\"url\":"
              + "\"http://shop.test" + endpoint.split(" ")[1] + "\"}},\"metric\":\"" + metric[0] + "\"}\n");
        }
      }
    }
  }

  /** Whether process {@code pid} has an established TCP connection to {@code port} (Linux {@code /proc}). */
  private static boolean connectedTo(long pid, int port) {
    Set<String> sockets = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(fd -> {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            sockets.add(link.substring(8, link.length() - 1));
          }
        } catch (IOException closed) {
          // the descriptor closed while listed
        }
      });
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          String[] fields = line.trim().split("\\s+");
          String remote = fields[2];
          if ("01".equals(fields[3]) && sockets.contains(fields[9])
              && Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16) == port) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }
}
