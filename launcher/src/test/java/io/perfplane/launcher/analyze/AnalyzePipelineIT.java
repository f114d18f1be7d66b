package io.perfplane.launcher.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.perfplane.launcher.ExitCodes;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code perfplane analyze} end to end (in-process broker, PostgreSQL, ingest, analyzer and cost service as
 * processes) on generated result files with known latencies: the summary JSON's counts are exact and its
 * percentiles within 0.1 % of the exact nearest-rank values, overall and per endpoint.
 */
class AnalyzePipelineIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};
  private static final String[] KEYS = {"p50", "p90", "p95", "p99", "p999"};

  @TempDir
  Path dir;

  /** One generated request. */
  private record Request(String endpoint, Instant end, long latencyUs, boolean failed) {
  }

  /** 2 endpoints × 1000 requests over 40 s; spread latencies (1 ms to ~1.5 s), 1 % failed on the second endpoint. */
  private static List<Request> requests(Instant start, long latencyStepUs) {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String endpoint = i % 2 == 0 ? "GET /items/{id}" : "POST /cart";
      long latencyUs = 1000 + (i * 7919L % 1500) * latencyStepUs; // a permutation of 1500 values
      boolean failed = i % 2 == 1 && i % 200 == 1;
      requests.add(new Request(endpoint, start.plusMillis(i * 20L + latencyUs / 1000), latencyUs, failed));
    }
    return requests;
  }

  private record Result(int exitCode, String out, String err) {
  }

  private static Result analyze(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AnalyzeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Path.of(System.getProperty("perfplane.home")));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The exact nearest-rank percentile (ms): the ceil(p/100 × n)-th smallest. */
  private static double nearestRank(List<Request> requests, double percentile) {
    long[] sorted = requests.stream().mapToLong(Request::latencyUs).sorted().toArray();
    // Exact arithmetic: 99.9 / 100.0 * 2000 is 1998.0000000000002 in doubles, which would round up to rank 1999.
    int rank = java.math.BigDecimal.valueOf(percentile).multiply(java.math.BigDecimal.valueOf(sorted.length))
        .divide(java.math.BigDecimal.valueOf(100), 0, java.math.RoundingMode.CEILING).intValueExact();
    return sorted[Math.max(rank, 1) - 1] / 1000.0;
  }

  private static void assertFigures(JsonNode json, List<Request> requests) {
    assertThat(json.path("requests").asLong()).isEqualTo(requests.size());
    assertThat(json.path("errors").asLong()).isEqualTo(requests.stream().filter(Request::failed).count());
    assertLatencies(json.path("latencyMs"), requests);
    Map<String, List<Request>> byEndpoint = new LinkedHashMap<>();
    requests.forEach(r -> byEndpoint.computeIfAbsent(r.endpoint(), e -> new ArrayList<>()).add(r));
    assertThat(json.path("endpoints")).extracting(e -> e.path("endpoint").asString())
        .containsExactlyInAnyOrderElementsOf(byEndpoint.keySet());
    for (JsonNode endpoint : json.path("endpoints")) {
      List<Request> mine = byEndpoint.get(endpoint.path("endpoint").asString());
      assertThat(endpoint.path("requests").asLong()).isEqualTo(mine.size());
      assertThat(endpoint.path("errors").asLong()).isEqualTo(mine.stream().filter(Request::failed).count());
      assertLatencies(endpoint.path("latencyMs"), mine);
    }
  }

  private static void assertLatencies(JsonNode latency, List<Request> requests) {
    for (int i = 0; i < PERCENTILES.length; i++) {
      assertThat(latency.path(KEYS[i]).asDouble()).as(KEYS[i])
          .isCloseTo(nearestRank(requests, PERCENTILES[i]), withinPercentage(0.1));
    }
    double max = requests.stream().mapToLong(Request::latencyUs).max().orElseThrow() / 1000.0;
    assertThat(latency.path("max").asDouble()).isCloseTo(max, withinPercentage(0.1));
  }

  private static String k6Point(String metric, Request r, double value) {
    String status = r.failed() ? "500" : "200";
    return "{\"type\":\"Point\",\"data\":{\"time\":\"" + r.end() + "\",\"value\":" + value + ",\"tags\":{"
        + "\"expected_response\":\"" + !r.failed() + "\",\"group\":\"\",\"method\":\"" + r.endpoint().split(" ")[0]
        + "\",\"name\":\"" + r.endpoint() + "\",\"scenario\":\"default\",\"status\":\"" + status
        + "\",\"url\":\"http://shop.test" + r.endpoint().split(" ")[1] + "\"}},\"metric\":\"" + metric + "\"}\n";
  }

  private static void writeK6(Writer out, List<Request> requests) throws IOException {
    out.write("{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\",\"contains\":"
        + "\"time\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_req_duration\"}\n");
    for (Request r : requests) {
      out.write(k6Point("http_reqs", r, 1));
      out.write(k6Point("http_req_duration", r, r.latencyUs() / 1000.0));
      out.write(k6Point("http_req_failed", r, r.failed() ? 1 : 0));
    }
  }

  @Test
  void k6NdjsonInTwoFilesOneGzippedIsOneRunWithExactCountsAndPercentiles() throws Exception {
    List<Request> requests = requests(Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), 997);
    Path first = dir.resolve("part-1.json");
    Path second = dir.resolve("part-2.json.gz");
    try (Writer out = Files.newBufferedWriter(first)) {
      writeK6(out, requests.subList(0, 1200));
    }
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(second));
        Writer out = new java.io.OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
      writeK6(out, requests.subList(1200, 2000));
    }
    Path slos = Files.writeString(dir.resolve("slos.yml"), """
        slos:
          - id: cart-p99
            endpoint: POST /cart
            objective: p(99) < 1s
            window: 5s
          - id: errors
            objective: error_rate < 5%
        """);
    Path summary = dir.resolve("k6-summary.json");

    Result result = analyze("k6", first.toString(), second.toString(), "--run", "it-k6", "--slo", slos.toString(),
        "--summary-json", summary.toString());

    assertThat(result.exitCode()).as("out:%n%s%nerr:%n%s", result.out(), result.err())
        .isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    JsonNode json = JSON.readTree(Files.readString(summary));
    assertThat(json.path("command").asString()).isEqualTo("analyze");
    assertThat(json.path("runId").asString()).isEqualTo("it-k6");
    assertFigures(json, requests);
    JsonNode histograms = json.path("histograms");
    assertThat(histograms.path("runId").asString()).isEqualTo("it-k6");
    assertThat(histograms.path("finished").asBoolean()).isTrue();
    Histogram overall = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(
        Base64.getDecoder().decode(histograms.at("/overall/latency").asString())), 0);
    assertThat(overall.getTotalCount()).as("the run's exact request count").isEqualTo(requests.size());
    assertThat(histograms.at("/overall/requests").asLong()).isEqualTo(requests.size());
    assertThat(overall.getValueAtPercentile(99) / 1000.0).as("latencyMs.p99 comes from this histogram")
        .isEqualTo(json.at("/latencyMs/p99").asDouble());
    assertThat(json.path("slos")).extracting(s -> s.path("id").asString() + "=" + s.path("held").asBoolean())
        .containsExactly("cart-p99=false", "errors=true");
    assertThat(json.path("breaches")).isNotEmpty().allSatisfy(b -> assertThat(b.path("sloId").asString())
        .isEqualTo("cart-p99"));
    assertThat(json.path("cost").size()).isGreaterThanOrEqualTo(2);
    assertThat(Path.of(json.path("report").asString())).exists();
    assertThat(result.out()).contains("✗ cart-p99", "✓ errors", "POST /cart", "first sample analyzed");
    JsonNode timing = json.path("timing");
    assertThat(timing.path("firstSampleAnalyzedMs").isNumber()).as("timing %s", timing).isTrue();
    assertThat(timing.path("firstSampleAnalyzedMs").asLong()).isGreaterThanOrEqualTo(timing.path("readyMs").asLong());
  }

  @Test
  void aJmeterJtlWrittenTwoYearsAgoIsAnalyzedWithExactCountsAndPercentiles() throws IOException {
    Instant twoYearsAgo = Instant.now().atOffset(ZoneOffset.UTC).minusYears(2).toInstant()
        .truncatedTo(ChronoUnit.SECONDS);
    List<Request> requests = requests(twoYearsAgo, 1000); // JTL elapsed is whole milliseconds
    StringBuilder jtl = new StringBuilder("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
        + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n");
    for (Request r : requests) {
      long elapsedMs = r.latencyUs() / 1000;
      long startMs = r.end().toEpochMilli() - elapsedMs;
      jtl.append(startMs).append(',').append(elapsedMs).append(',').append(r.endpoint()).append(',')
          .append(r.failed() ? "500,Internal Server Error" : "200,OK").append(",Users 1-1,text,")
          .append(!r.failed()).append(",,100,50,1,1,http://shop.test/x,").append(elapsedMs).append(",0,0\n");
    }
    Path file = Files.writeString(dir.resolve("old.jtl"), jtl);
    Path summary = dir.resolve("jtl-summary.json");
    // The team's production SLOs, kept as OpenSLO: read as they apply to a load test, the rest reported.
    Path openSlo = Files.writeString(dir.resolve("openslo.yml"), """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: overall-p50}
        spec:
          budgetingMethod: Occurrences
          objectives: [{op: lt, value: 1000, target: 0.5}]
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: cart-availability
          annotations: {perfplane.io/endpoint: POST /cart}
        spec:
          service: shop
          budgetingMethod: Occurrences
          indicator:
            metadata: {name: cart-good}
            spec:
              ratioMetric:
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(ok[5m]))'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(all[5m]))'}}}
          objectives: [{targetPercent: 99.5}]
        """);

    Result result = analyze("jmeter", file.toString(), "--slo", openSlo.toString(), "--summary-json",
        summary.toString());

    // POST /cart fails 1 % of its requests against a 0.5 % budget; the p50 (~750 ms) holds.
    assertThat(result.exitCode()).as("out:%n%s%nerr:%n%s", result.out(), result.err())
        .isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    JsonNode json = JSON.readTree(Files.readString(summary));
    assertThat(json.path("runId").asString()).startsWith("import-");
    assertFigures(json, requests);
    assertThat(json.path("slos")).extracting(s -> s.path("id").asString() + "=" + s.path("held").asBoolean())
        .containsExactly("overall-p50=true", "cart-availability=false");
    assertThat(json.path("exitCode").asInt()).isEqualTo(result.exitCode());
    assertThat(result.out()).contains("SLOs from " + openSlo + " (openslo/v1)",
        "not applied: " + openSlo + ":14: SLO cart-availability.spec.service",
        "SLO cart-availability.spec.indicator: metric queries are not run");
    assertThat(Arrays.asList(result.out().split("\n"))).anyMatch(line -> line.contains("rejected 0"));
  }
}
