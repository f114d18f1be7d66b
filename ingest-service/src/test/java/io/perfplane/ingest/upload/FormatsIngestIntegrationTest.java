package io.perfplane.ingest.upload;

import static io.perfplane.ingest.format.CollectingSink.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.DeadLetter;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.k6.K6Files;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every format, the dead-letter topic, idempotent re-upload and upload limits, over real HTTP into a real embedded
 * broker. The fixtures are dated 2026-11-20, so the age window is opened wide here (the window itself is tested in
 * the bad-input corpus).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=fmt-token",
    "perfplane.ingest.limits.max-age=36500d",
    "perfplane.ingest.limits.max-future=36500d"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class FormatsIngestIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void k6FixtureBecomesSamplesFromK6() throws Exception {
    String runId = run();

    HttpResponse<String> response = post("k6", runId, "application/x-ndjson", utf8(fixture("k6-results.ndjson")),
        false, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("source").asString()).isEqualTo("k6");
    assertThat(json.get("accepted").asLong()).isEqualTo(5);
    assertThat(json.get("ignored").asLong()).isEqualTo(16);
    List<RequestSample> samples = TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 5);
    assertThat(samples).extracting(RequestSample::getSource).containsOnly("k6");
    assertThat(samples).extracting(RequestSample::getLatencyUs).containsExactly(12_345L, 101_500L, 3_500L,
        30_000_000L, 7_000L);
    assertThat(samples).extracting(RequestSample::getErrorKind).containsExactly(ErrorKind.NONE,
        ErrorKind.HTTP_STATUS, ErrorKind.NONE, ErrorKind.TIMEOUT, ErrorKind.NONE);
    // The fixture's failed check counts on the cart request it follows (schema v3 field on the wire).
    assertThat(samples.get(1).getChecks()).containsExactly(new CheckOutcome("status is 200", 0, 1));
    assertThat(samples.get(0).getChecks()).isEmpty();
  }

  @Test
  void gzippedJtlAndGatlingLogBecomeSamplesFromTheirTools() throws Exception {
    String jtlRun = run();
    String gatlingRun = run();

    HttpResponse<String> jtl = post("jmeter", jtlRun, "text/csv", gzip(fixture("jmeter-results.jtl")), true, null);
    HttpResponse<String> gatling = post("gatling", gatlingRun, "text/plain",
        utf8(fixture("gatling-simulation.log")), false, null);

    assertThat(jtl.statusCode()).as(jtl.body()).isEqualTo(200);
    assertThat(gatling.statusCode()).as(gatling.body()).isEqualTo(200);
    List<RequestSample> fromJmeter = TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, jtlRun, 4);
    assertThat(fromJmeter).extracting(RequestSample::getSource).containsOnly("jmeter");
    assertThat(fromJmeter.get(0).getTtfbUs()).isEqualTo(230_000L);
    assertThat(fromJmeter.get(0).getMeasurements())
        .containsExactly(new Measurement("client.connect", 12_000.0, MeasurementKind.DURATION_US));
    List<RequestSample> fromGatling = TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, gatlingRun, 3);
    assertThat(fromGatling).extracting(RequestSample::getSource).containsOnly("gatling");
    assertThat(fromGatling).extracting(RequestSample::getEndpoint).containsExactly("GET /home", "search_items",
        "Slow page");
  }

  @Test
  void k6SummaryIsAnsweredAsRunLevelResults() throws Exception {
    HttpResponse<String> response = post("k6-summary", run(), "application/json",
        utf8(fixture("k6-handle-summary.json")), false, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode summary = JSON.readTree(response.body()).get("summary");
    assertThat(summary.get("shape").asString()).isEqualTo("handleSummary");
    assertThat(summary.get("durationUs").get("p(95)").asLong()).isEqualTo(24_020_550L);
    assertThat(summary.get("requests").asLong()).isEqualTo(5);
  }

  @Test
  void rejectedLinesAreListedAndSentToTheDeadLetterTopic() throws Exception {
    String runId = run();
    String body = String.join("\n",
        fixture("k6-results.ndjson").lines().limit(12).toList()) + "\n"
        + "{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{\"time\":\"2026-11-20T10:00:00Z\","
        + "\"value\":\"slow\",\"tags\":{}}}\n"
        + "not json at all\n";

    HttpResponse<String> response = post("k6", runId, "application/x-ndjson", utf8(body), false, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("accepted").asLong()).isEqualTo(1);
    assertThat(json.get("rejected").asLong()).isEqualTo(2);
    List<String> listed = new ArrayList<>();
    json.get("errors").forEach(error -> listed.add(error.get("line").asLong() + ":"
        + (error.get("field").isNull() ? "-" : error.get("field").asString())));
    assertThat(listed).containsExactly("13:data.value", "14:-");
    List<DeadLetter> dead = TopicRecords.of(brokers, Topics.INGEST_DEAD_LETTERS, runId, 2);
    assertThat(dead).extracting(DeadLetter::getLine).containsExactly(13L, 14L);
    assertThat(dead.get(0).getSource()).isEqualTo("k6");
    assertThat(dead.get(0).getField()).isEqualTo("data.value");
    assertThat(dead.get(0).getReason()).contains("must be a number");
    assertThat(dead.get(1).getPayload()).isEqualTo("not json at all");
    TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 1);
  }

  @Test
  void reuploadWithTheSameIdempotencyKeyIsNotCountedTwice() throws Exception {
    String runId = run();
    byte[] body = utf8(fixture("k6-results.ndjson"));

    HttpResponse<String> first = post("k6", runId, "application/x-ndjson", body, false, "upload-1");
    HttpResponse<String> again = post("k6", runId, "application/x-ndjson", body, false, "upload-1");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue(IngestController.REPLAYED)).isEmpty();
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.headers().firstValue(IngestController.REPLAYED)).contains("true");
    assertThat(JSON.readTree(again.body()).get("accepted").asLong()).isEqualTo(5);
    TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 5);

    // A new key is a new upload.
    HttpResponse<String> other = post("k6", runId, "application/x-ndjson", body, false, "upload-2");
    assertThat(other.headers().firstValue(IngestController.REPLAYED)).isEmpty();
    TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 10);
  }

  @Test
  void ingestedLatenciesAndTheirExactPercentilesEqualTheFile() throws Exception {
    String runId = run();
    List<Long> fileLatencies = new ArrayList<>();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(file, StandardCharsets.UTF_8)) {
      K6Files.write(writer, 3000, 42, Instant.parse("2026-11-20T10:00:00Z"), fileLatencies::add);
    }

    HttpResponse<String> response = post("k6", runId, "application/x-ndjson", file.toByteArray(), false, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<Long> ingested = TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 3000).stream()
        .map(RequestSample::getLatencyUs).toList();
    // One key, one partition: the order is the file's, so every latency is compared with its own line.
    assertThat(ingested).containsExactlyElementsOf(fileLatencies);
    for (double p : new double[] {50, 90, 95, 99, 99.9, 100}) {
      assertThat(exactPercentile(ingested, p)).as("p%s", p).isEqualTo(exactPercentile(fileLatencies, p));
    }
  }

  @Test
  void unknownFormatAndGzipBombAreRefused() throws Exception {
    HttpResponse<String> unknown = post("locust", run(), "text/csv", utf8("x"), false, null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("field").asString()).isEqualTo("format");

    // 64 MiB of one repeated valid line inflates ~1000x: refused after a few MiB.
    String runId = run();
    String line = "{\"endpoint\":\"GET /a\",\"method\":\"GET\",\"status\":200,\"startUs\":1795168800000000,"
        + "\"latencyUs\":5}\n";
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
      byte[] chunk = utf8(line.repeat(10_000));
      for (long written = 0; written < 64L << 20; written += chunk.length) {
        gzip.write(chunk);
      }
    }
    HttpResponse<String> refused = post("native", runId, "application/x-ndjson", bomb.toByteArray(), true, null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
    JsonNode json = JSON.readTree(refused.body());
    assertThat(json.get("detail").asString()).contains("max-gzip-ratio");
    long accepted = json.get("accepted").asLong();
    assertThat(accepted).isPositive().isLessThan((64L << 20) / line.length());
    // What was accepted before the limit is on the topic, no more and no less.
    TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, (int) accepted);
  }

  private static long exactPercentile(List<Long> values, double percentile) {
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percentile / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String run() {
    return "run-" + UUID.randomUUID();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(String body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(utf8(body));
    }
    return bytes.toByteArray();
  }

  private HttpResponse<String> post(String format, String runId, String contentType, byte[] body, boolean gzip,
      @Nullable String idempotencyKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/ingest/" + format + "?runId=" + runId))
        .header("Authorization", "Bearer fmt-token")
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    if (idempotencyKey != null) {
      request.header(IngestController.IDEMPOTENCY_KEY, idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
