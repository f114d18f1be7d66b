package io.perfplane.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import com.sun.net.httpserver.HttpExchange;
import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Capacity against a server of known capacity, through the whole pipeline ({@code perfplane run}): 8 slots of 40 ms
 * each, so at most 200 requests/s, more concurrency only queues. A ramp past 8 virtual users must report a knee
 * within 5 % of what the server itself completed per second while saturated; a run that never saturates it must say
 * so, with a lower bound.
 */
class KnownCapacityIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int SLOTS = 8;
  private static final long SERVICE_MS = 40;

  @TempDir
  static Path dir;

  private static Path home;
  private static LocalTarget target;
  private static final Semaphore slots = new Semaphore(SLOTS, true);
  /** Completion times (ms, monotonic) of every request the server answered. */
  private static final ConcurrentLinkedQueue<Long> completions = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws IOException {
    home = Path.of(System.getProperty("perfplane.home"));
    target = LocalTarget.start(KnownCapacityIT::serve);
  }

  @AfterAll
  static void stop() {
    if (target != null) {
      target.close();
    }
  }

  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      slots.acquireUninterruptibly();
      try {
        Thread.sleep(SERVICE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        slots.release();
      }
      completions.add(System.nanoTime() / 1_000_000);
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Test
  void aRampPastSaturationReportsAKneeAtTheThroughputTheServerSustained() throws IOException {
    completions.clear();
    // 1 -> 32 users in 30 s (saturated from 8 users on, after about 7 s), then 30 s at 32.
    JsonNode capacity = run("ramp", "[{duration: 30s, target: 32}, {duration: 30s, target: 32}]");

    double serverRps = saturatedServerRps();
    System.out.printf("known capacity: server sustained %.1f req/s, perfplane reported %s %.1f req/s (%s-%s), %s%n",
        serverRps, capacity.path("kind").asString(), capacity.path("maxSustainedRps").asDouble(),
        capacity.path("lowRps"), capacity.path("highRps"), capacity.path("evidence").asString());
    assertThat(serverRps).as("the server's own completions per second while saturated").isBetween(150.0, 205.0);
    assertThat(capacity.path("kind").asString()).as(capacity.toString()).isEqualTo("KNEE");
    assertThat(capacity.path("kneeReached").asBoolean()).isTrue();
    assertThat(capacity.path("maxSustainedRps").asDouble()).as("knee vs the server's %.1f req/s", serverRps)
        .isBetween(serverRps * 0.95, serverRps * 1.05);
    assertThat(capacity.path("lowRps").asDouble()).isLessThanOrEqualTo(capacity.path("maxSustainedRps").asDouble());
    assertThat(capacity.path("highRps").asDouble()).isGreaterThanOrEqualTo(
        capacity.path("maxSustainedRps").asDouble());
    assertThat(capacity.path("evidence").asString()).startsWith("knee at ");
  }

  @Test
  void aRunThatNeverSaturatesTheServerReportsALowerBound() throws IOException {
    // 2 users: at most 2 / 40 ms = 50 req/s, a quarter of what the server can do.
    JsonNode capacity = run("flat", "[{duration: 1s, target: 2}, {duration: 30s, target: 2}]");

    System.out.printf("unsaturated: %s %.1f req/s, %s%n", capacity.path("kind").asString(),
        capacity.path("maxSustainedRps").asDouble(), capacity.path("evidence").asString());
    assertThat(capacity.path("kind").asString()).as(capacity.toString()).isEqualTo("LOWER_BOUND");
    assertThat(capacity.path("kneeReached").asBoolean()).isFalse();
    assertThat(capacity.path("maxSustainedRps").asDouble()).isBetween(35.0, 52.0);
    assertThat(capacity.path("highRps").isNull()).as("unbounded above").isTrue();
    assertThat(capacity.path("evidence").asString()).contains("not saturated");
  }

  /** The run's capacity from its summary JSON; the SLO (p95 under 2 s) holds throughout. */
  private static JsonNode run(String name, String stages) throws IOException {
    Path definition = Files.writeString(dir.resolve(name + ".yml"), """
        name: known-capacity-%s
        targetService: eight-slots
        targetBaseUrl: http://127.0.0.1:1
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: %s}
            steps:
              - {name: GET /work, path: /work}
        slos:
          - id: p95
            objective: p(95) < 2s
        """.formatted(name, stages));
    Path summary = dir.resolve(name + "-summary.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RunCommand.run(new String[] {definition.toString(), "--target",
        target.url(), "--summary-json", summary.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(), home, false);
    assertThat(code).as("out:%n%s%nerr:%n%s", out, err).isEqualTo(ExitCodes.OK);
    JsonNode json = JSON.readTree(Files.readString(summary));
    assertThat(json.path("capacity").path("targetService").asString()).isEqualTo("eight-slots");
    return json.path("capacity");
  }

  /**
   * Median of the server's completions per second over 5 s windows, from 12 s after the first request (16 users
   * and more: every slot busy) to 2 s before the last.
   */
  private static double saturatedServerRps() {
    List<Long> times = new ArrayList<>(completions);
    times.sort(null);
    long from = times.getFirst() + 12_000;
    long to = times.getLast() - 2_000;
    List<Double> rates = new ArrayList<>();
    for (long start = from; start + 5_000 <= to; start += 1_000) {
      long windowStart = start;
      long count = times.stream().filter(t -> t >= windowStart && t < windowStart + 5_000).count();
      rates.add(count / 5.0);
    }
    rates.sort(null);
    return rates.get(rates.size() / 2);
  }
}
