package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.perfplane.runtime.EmbeddedKafkaBroker;
import io.perfplane.runtime.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An imported k6 file analysed end to end: the in-process broker, and ingest-service and analyzer-service as
 * processes (the jars, configured by environment only). A k6 {@code --out json} file with a heavy-tailed latency
 * distribution, a day old, is uploaded; the analyzer must finalize the run on the upload's FINISHED event and report
 * the percentiles of exactly the file's requests.
 *
 * <p>Precision: the analyzer's HdrHistogram keeps 3 significant digits; its value at a percentile is the highest
 * value equivalent to the nearest-rank value, so it lies in [exact, exact × (1 + 1/1024)] (bucket width ≤ value/1024;
 * values below 2048 µs are exact). Where q × n is an integer the neighbouring ranks are also accepted (floating-point
 * rank rounding). Anything outside that is a wrong answer.
 */
class IngestAnalyzerPipelineIT {

  // Floats as BigDecimal: the file's latencies are read back digit for digit, without a detour through double.
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final String TOKEN = "it-" + UUID.randomUUID();
  /** Not a multiple of 10 or 4, so q × n is never an integer for the overall quantiles. */
  private static final int REQUESTS = 4999;
  private static final String[] ENDPOINTS = {"https://shop.example/items/{id}", "https://shop.example/cart",
      "https://shop.example/search", "https://shop.example/checkout"};
  private static final String[] HTTP_METRICS = {"http_reqs", "http_req_duration", "http_req_blocked",
      "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting",
      "http_req_receiving", "http_req_failed"};

  @TempDir
  static Path workDir;

  private static EmbeddedKafkaBroker kafka;
  private static ServiceFleet fleet;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Path home = Path.of(System.getProperty("perfplane.home"));
    kafka = EmbeddedKafkaBroker.start(null, 0);
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
    for (Service service : List.of(Service.INGEST, Service.ANALYZER)) {
      ports.put(service, FreePorts.find());
      env.put(service, new HashMap<>(Map.of("PERFPLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers())));
    }
    env.get(Service.INGEST).put("PERFPLANE_INGEST_TOKENS", TOKEN);
    // The analyzer reads need runs:read: the same secret in the shared model's indexed variables.
    env.get(Service.ANALYZER).putAll(LocalCredentials.environment(TOKEN));
    env.get(Service.ANALYZER).put("PERFPLANE_STATE_DIR", workDir.resolve("analyzer-state").toString());
    fleet = ServiceFleet.start(home, EnumSet.of(Service.INGEST, Service.ANALYZER), ports, env,
        workDir.resolve("logs"), Duration.ofMinutes(4));
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void percentilesOfAnImportedK6FileEqualTheExactValuesOfTheFile() throws Exception {
    String runId = "import-" + UUID.randomUUID().toString().substring(0, 8);
    Path file = workDir.resolve("results.ndjson");
    writeK6File(file, Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 42);
    Exact exact = Exact.of(file);
    assertThat(exact.all()).hasSize(REQUESTS);

    HttpResponse<String> upload = http.send(HttpRequest.newBuilder(fleet.baseUri(Service.INGEST)
            .resolve("/ingest/k6?runId=" + runId + "&file=results.ndjson&test=import-it"))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/x-ndjson")
        .header("Idempotency-Key", "import-it-" + runId)
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(upload.body());
    assertThat(answer.path("accepted").asLong()).isEqualTo(REQUESTS);
    assertThat(answer.path("rejected").asLong()).isZero();
    assertThat(answer.path("ignored").asLong()).isPositive(); // Metric lines, vus and iteration_duration points

    JsonNode report = awaitFinished(runId);
    assertThat(report.path("requests").asLong()).isEqualTo(REQUESTS);
    assertThat(report.path("errors").asLong()).isEqualTo(exact.failed());
    // Historic event times are no problem: lateness is judged against the run's own newest sample.
    assertThat(report.path("lateSamples").asLong()).isZero();
    assertThat(report.path("capacity").isObject()).as("capacity published on finalization").isTrue();
    assertPercentiles("overall", report, exact.all(), true);

    assertThat(report.path("endpoints")).hasSize(ENDPOINTS.length);
    for (JsonNode endpoint : report.path("endpoints")) {
      String name = endpoint.path("endpoint").asString("");
      List<Long> latencies = exact.byEndpoint().get(name);
      assertThat(latencies).as(name).isNotNull();
      assertThat(endpoint.path("requests").asLong()).as(name).isEqualTo(latencies.size());
      assertPercentiles(name, endpoint, latencies, false);
    }

    // Seed 002's tool metrics, end to end: named measurements and check outcomes per endpoint and overall.
    Map<String, JsonNode> measured = new TreeMap<>();
    for (JsonNode endpoint : report.path("measurements").path("endpoints")) {
      measured.put(endpoint.path("endpoint").asString(), endpoint);
    }
    assertThat(measured.keySet()).as(report.path("measurements").toString()).contains("*")
        .containsAll(exact.byEndpoint().keySet());
    assertMeasurement("* db", measured.get("*"), "custom.db_query_duration", exact.db());
    exact.dbByEndpoint().forEach((name, values) ->
        assertMeasurement(name + " db", measured.get(name), "custom.db_query_duration", values));
    assertMeasurement("* lcp", measured.get("*"), "web_vital.lcp", exact.lcp());
    JsonNode checks = measured.get("*").path("checks");
    assertThat(checks.path("passed").asLong()).isEqualTo(exact.checksPassed());
    assertThat(checks.path("failed").asLong()).isEqualTo(exact.checksFailed()).isPositive();
    assertThat(checks.path("passRate").asDouble()).isCloseTo(
        (double) exact.checksPassed() / (exact.checksPassed() + exact.checksFailed()), within(1e-9));
  }

  /** A measurement's count exact and its p50/p95/p99 within HdrHistogram's 0.1 % of the exact values. */
  private static void assertMeasurement(String what, JsonNode endpoint, String name, List<Long> exactUs) {
    assertThat(endpoint).as(what).isNotNull();
    JsonNode found = null;
    for (JsonNode measurement : endpoint.path("measurements")) {
      if (measurement.path("name").asString().equals(name)) {
        found = measurement;
      }
    }
    assertThat(found).as("%s: %s in %s", what, name, endpoint).isNotNull();
    assertThat(found.path("unit").asString()).isEqualTo("ms");
    assertThat(found.path("count").asLong()).as(what + " count").isEqualTo(exactUs.size());
    List<Long> sorted = exactUs.stream().sorted().toList();
    assertPercentile(what + " p50", found.path("p50"), sorted, 0.50);
    assertPercentile(what + " p95", found.path("p95"), sorted, 0.95);
    assertPercentile(what + " p99", found.path("p99"), sorted, 0.99);
  }

  private JsonNode awaitFinished(String runId) throws Exception {
    URI uri = fleet.baseUri(Service.ANALYZER).resolve("/runs/" + runId);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (last.path("finished").asBoolean(false)) {
          return last;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the analyzer did not finalize run " + runId + " within 3 minutes; last: " + last);
  }

  private static void assertPercentiles(String what, JsonNode view, List<Long> latenciesUs, boolean withP999) {
    List<Long> sorted = latenciesUs.stream().sorted().toList();
    assertPercentile(what + " p50", view.path("p50Ms"), sorted, 0.50);
    assertPercentile(what + " p90", view.path("p90Ms"), sorted, 0.90);
    assertPercentile(what + " p95", view.path("p95Ms"), sorted, 0.95);
    assertPercentile(what + " p99", view.path("p99Ms"), sorted, 0.99);
    if (withP999) {
      assertPercentile(what + " p99.9", view.path("p999Ms"), sorted, 0.999);
    }
    assertPercentile(what + " max", view.path("maxMs"), sorted, 1.0);
  }

  private static void assertPercentile(String what, JsonNode reportedMs, List<Long> sorted, double quantile) {
    assertThat(reportedMs.isNumber()).as(what + " reported").isTrue();
    double ranks = quantile * sorted.size();
    int rank = Math.max(1, (int) Math.ceil(ranks)); // 1-based nearest rank
    long low = sorted.get(rank - 1);
    long high = low;
    if (quantile < 1.0 && Math.abs(ranks - Math.rint(ranks)) < 1e-6) {
      low = sorted.get(Math.max(0, rank - 2));
      high = sorted.get(Math.min(sorted.size() - 1, rank));
    }
    double reportedUs = reportedMs.asDouble() * 1000.0;
    assertThat(reportedUs).as("%s of %d requests (exact %d µs)", what, sorted.size(), sorted.get(rank - 1))
        .isBetween(low - 1e-6, high + high / 1024.0 + 1e-6);
  }

  /**
   * A k6 {@code --out json} file laid out as k6 writes it: a Metric line before each metric's first point, the nine
   * {@code http_req*} points of a request together with its end time and tags, {@code vus} and
   * {@code iteration_duration} points in between, time in RFC 3339 with nanoseconds and the local offset. Latency:
   * log-normal body (median ~20 ms) with a Pareto tail (10% of requests, up to 30 s), whole µs (3 decimals in ms).
   */
  private static void writeK6File(Path file, Instant start, long seed) throws IOException {
    Random random = new Random(seed);
    DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(1));
    Set<String> described = new LinkedHashSet<>();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < REQUESTS; i++) {
        Instant end = start.plusNanos(i * 10_000_000L + random.nextInt(9_999_999));
        if (i % 100 == 0) {
          point(out, described, "vus", "gauge", time.format(end), "{}", Integer.toString(10));
        }
        long latencyUs = random.nextInt(10) == 0
            ? Math.min(30_000_000L, Math.round(40_000 * Math.pow(1 - random.nextDouble(), -1 / 1.2)))
            : Math.max(100, Math.round(Math.exp(Math.log(20_000) + random.nextGaussian() * 0.5)));
        boolean failed = random.nextInt(40) == 0;
        String endpoint = ENDPOINTS[i % ENDPOINTS.length];
        String tags = "{\"expected_response\":\"true\",\"group\":\"\",\"method\":\"GET\",\"name\":\"" + endpoint
            + "\",\"proto\":\"HTTP/1.1\",\"scenario\":\"default\",\"status\":\"" + (failed ? 503 : 200)
            + "\",\"tls_version\":\"tls1.3\",\"url\":\"" + endpoint.replace("{id}", Integer.toString(i)) + "\"}";
        for (String metric : HTTP_METRICS) {
          String value = switch (metric) {
            case "http_reqs" -> "1";
            case "http_req_duration" -> ms(latencyUs);
            case "http_req_waiting" -> ms(latencyUs * 9 / 10);
            case "http_req_failed" -> failed ? "1" : "0";
            default -> "0.012";
          };
          String type = switch (metric) {
            case "http_reqs" -> "counter";
            case "http_req_failed" -> "rate";
            default -> "trend";
          };
          point(out, described, metric, type, time.format(end), tags, value);
        }
        // Seed 002's tool metrics: the database time the service reported (tagged with the request's name every
        // other request, as dbQueryDuration.add(v) leaves it otherwise), a page's LCP (k6 browser tags the URL),
        // and two checks (k6 tags checks with scenario and group only).
        String flow = "{\"group\":\"\",\"scenario\":\"default\"}";
        point(out, described, "db_query_duration", "trend", time.format(end), i % 2 == 0
            ? "{\"name\":\"" + endpoint + "\",\"scenario\":\"default\"}" : flow,
            ms(Math.max(1, latencyUs * (10 + random.nextInt(50)) / 100)));
        if (i % 3 == 0) {
          point(out, described, "browser_web_vital_lcp", "trend", time.format(end), "{\"url\":\""
              + endpoint.replace("{id}", Integer.toString(i)) + "\",\"scenario\":\"default\"}",
              Integer.toString(800 + random.nextInt(3200)));
        }
        point(out, described, "checks", "rate", time.format(end), flow.replace("{", "{\"check\":\"status is 200\","),
            failed ? "0" : "1");
        point(out, described, "checks", "rate", time.format(end), flow.replace("{", "{\"check\":\"body ok\","),
            random.nextInt(50) == 0 ? "0" : "1");
        point(out, described, "iteration_duration", "trend", time.format(end),
            "{\"group\":\"\",\"scenario\":\"default\"}", ms(latencyUs + 1000));
      }
    }
  }

  private static void point(BufferedWriter out, Set<String> described, String metric, String type, String time,
      String tags, String value) throws IOException {
    if (described.add(metric)) {
      out.write("{\"type\":\"Metric\",\"data\":{\"name\":\"" + metric + "\",\"type\":\"" + type + "\",\"contains\":\""
          + (type.equals("trend") ? "time" : "default") + "\",\"thresholds\":[],\"submetrics\":null},\"metric\":\""
          + metric + "\"}\n");
    }
    out.write("{\"type\":\"Point\",\"data\":{\"time\":\"" + time + "\",\"value\":" + value + ",\"tags\":" + tags
        + "},\"metric\":\"" + metric + "\"}\n");
  }

  private static String ms(long micros) {
    return micros / 1000 + "." + String.format("%03d", micros % 1000);
  }

  /** Exact latencies read back from the file itself: every {@code http_req_duration} point, by its {@code name}. */
  private record Exact(List<Long> all, Map<String, List<Long>> byEndpoint, long failed, List<Long> db,
      Map<String, List<Long>> dbByEndpoint, List<Long> lcp, long checksPassed, long checksFailed) {

    static Exact of(Path file) throws IOException {
      List<Long> all = new ArrayList<>();
      Map<String, List<Long>> byEndpoint = new TreeMap<>();
      long failed = 0;
      List<Long> db = new ArrayList<>();
      Map<String, List<Long>> dbByEndpoint = new TreeMap<>();
      List<Long> lcp = new ArrayList<>();
      long checksPassed = 0;
      long checksFailed = 0;
      String lastEndpoint = null;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode node = JSON.readTree(line);
        if (!node.path("type").asString("").equals("Point")) {
          continue;
        }
        JsonNode data = node.path("data");
        switch (node.path("metric").asString("")) {
          case "http_req_duration" -> {
            long micros = data.path("value").decimalValue().movePointRight(3).longValueExact();
            all.add(micros);
            lastEndpoint = data.path("tags").path("name").asString();
            byEndpoint.computeIfAbsent(lastEndpoint, k -> new ArrayList<>()).add(micros);
          }
          case "http_req_failed" -> failed += data.path("value").asInt();
          case "db_query_duration" -> { // written right after its request's points
            long micros = data.path("value").decimalValue().movePointRight(3).longValueExact();
            db.add(micros);
            dbByEndpoint.computeIfAbsent(lastEndpoint, k -> new ArrayList<>()).add(micros);
          }
          case "browser_web_vital_lcp" -> lcp.add(data.path("value").longValue() * 1000);
          case "checks" -> {
            if (data.path("value").asInt() == 1) {
              checksPassed++;
            } else {
              checksFailed++;
            }
          }
          default -> {
            // Other metrics carry no latency of a request.
          }
        }
      }
      return new Exact(all, byEndpoint, failed, db, dbByEndpoint, lcp, checksPassed, checksFailed);
    }
  }
}
