package io.perfplane.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #21's acceptance, through the whole pipeline ({@code perfplane run}: loadgen, a real Kafka broker, the
 * analyzer): a server answering {@code Server-Timing: db;dur=<x>} and {@code X-Db-Query-Duration: <y>} from known
 * deterministic sequences. The run's db and query p95/p99 must be within 0.1 % of the exact nearest-rank values of what
 * the server sent, the counts exact, and an SLO {@code server_timing.db p(95) < 1ms} must breach.
 */
class ServerTimingsPipelineIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path dir;

  private static Path home;
  private static LocalTarget target;
  private static final AtomicLong served = new AtomicLong();
  /** Values (ms) the server sent, per header. */
  private static final ConcurrentLinkedQueue<Double> dbSent = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<Double> querySent = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws IOException {
    home = Path.of(System.getProperty("perfplane.home"));
    target = LocalTarget.start(ServerTimingsPipelineIT::serve);
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
      long n = served.incrementAndGet();
      // A permutation of 0.1 .. 100 ms in 0.1 ms steps, and 1 .. 250 ms in whole ms: both spread over their range.
      double db = ((n * 7919) % 1000 + 1) / 10.0;
      double query = (n * 31) % 250 + 1;
      exchange.getResponseHeaders().add("Server-Timing", "db;dur=" + db + ";desc=\"primary\", cache;desc=miss");
      exchange.getResponseHeaders().add("X-Db-Query-Duration", Double.toString(query));
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      dbSent.add(db);
      querySent.add(query);
    }
  }

  @Test
  void serverTimingPercentilesAreExactWithinATenthOfAPercentAndTheirSloBreaches() throws IOException {
    Path definition = Files.writeString(dir.resolve("timings.yml"), """
        name: server-timings
        targetService: timed
        targetBaseUrl: http://127.0.0.1:1
        serverTimings:
          - {header: X-Db-Query-Duration, name: query, unit: ms}
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 1s, target: 4}, {duration: 6s, target: 4}]}
            thinkTime: {constant: 2ms}
            steps:
              - name: GET /orders
                path: /orders
                checks: [{status: [200]}]
        slos:
          - id: db-p95
            metric: server_timing.db
            objective: p(95) < 1ms
          - id: checks
            objective: checks > 95%
        """);
    Path summary = dir.resolve("summary.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RunCommand.run(new String[] {definition.toString(), "--target",
        target.url(), "--summary-json", summary.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(), home, false);
    assertThat(code).as("the db SLO breaches: out:%n%s%nerr:%n%s", out, err).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    JsonNode json = JSON.readTree(Files.readString(summary));

    assertThat(json.path("schemaMinor").asInt()).isEqualTo(1);
    JsonNode endpoint = json.path("endpoints").get(0);
    assertThat(endpoint.path("endpoint").asString()).isEqualTo("GET /orders");
    long requests = endpoint.path("requests").asLong();
    assertThat(requests).as("every response the server sent was analysed").isEqualTo(served.get()).isGreaterThan(500);
    JsonNode values = endpoint.path("measurements").path("values");
    assertExact(value(values, "server_timing.db"), new ArrayList<>(dbSent));
    assertExact(value(values, "server_timing.query"), new ArrayList<>(querySent));
    assertThat(endpoint.path("measurements").path("checks").path("passRate").asDouble()).isEqualTo(1.0);
    assertThat(json.path("likelyBottleneck").asString()).isEqualTo("GET /orders");
    JsonNode dbShare = endpoint.path("measurements").path("timeShares").get(0);
    assertThat(dbShare.path("name").asString()).isEqualTo("server_timing.db");
    assertThat(dbShare.path("p95").asDouble()).isBetween(0.0, 1.0);

    JsonNode slo = json.path("slos").get(0);
    assertThat(slo.path("id").asString()).isEqualTo("db-p95");
    assertThat(slo.path("metric").asString()).isEqualTo("server_timing.db");
    assertThat(slo.path("held").asBoolean(true)).isFalse();
    assertThat(json.path("slos").get(1).path("held").asBoolean()).as("every check passed").isTrue();
    assertThat(json.path("breaches")).anySatisfy(b -> {
      assertThat(b.path("sloId").asString()).isEqualTo("db-p95");
      assertThat(b.path("metric").asString()).isEqualTo("server_timing.db");
      assertThat(b.path("observed").asDouble()).isGreaterThan(1.0);
    });
    assertThat(json.path("load").path("state").asString()).isEqualTo("FINISHED");
  }

  private static JsonNode value(JsonNode values, String name) {
    for (JsonNode value : values) {
      if (value.path("name").asString().equals(name)) {
        return value;
      }
    }
    throw new AssertionError("no " + name + " in " + values);
  }

  /** Count exact; p50/p95/p99 within 0.1 % of the nearest-rank values of {@code sent}. */
  private static void assertExact(JsonNode value, List<Double> sent) {
    sent.sort(null);
    assertThat(value.path("count").asLong()).isEqualTo(sent.size());
    assertThat(value.path("unit").asString()).isEqualTo("ms");
    for (String p : List.of("50", "95", "99")) {
      double exact = sent.get((int) Math.ceil(Integer.parseInt(p) / 100.0 * sent.size()) - 1);
      assertThat(value.path("p" + p).asDouble()).as("%s p%s", value.path("name").asString(), p)
          .isCloseTo(exact, within(exact * 0.001));
    }
  }
}
