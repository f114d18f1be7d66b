package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP into a real embedded KRaft broker: the response is checked against what actually reached Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=first-test-token, second-test-token"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class NativeIngestIntegrationTest {

  /**
   * An hour ago, whole seconds: this test runs with the default max-age/max-future limits, so its samples must be
   * recent (a fixed instant aged past the 365-day limit and turned every line into a rejection).
   */
  private static final long START = Instant.now().minus(Duration.ofHours(1)).getEpochSecond() * 1_000_000L;
  private static final String TOKEN = "second-test-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Lines 1, 3 and 6 are valid; 2 is malformed, 4 has a negative latency and a wrong type, 5 is blank. */
  private static final String MIXED = String.join("\n",
      sample("GET /a", 200, 1000),
      "{\"endpoint\": \"GET /b\", ",
      sample("POST /c", 500, 2000).replace("}", ",\"scenario\":\"checkout\",\"tags\":{\"k\":\"v\"},\"ttfbUs\":15}"),
      sample("GET /d", 200, -5).replace("\"status\":200", "\"status\":\"200\""),
      "",
      sample("GET /e", 0, 3000)) + "\n";

  @Test
  void mixedPlainBodyAcceptsTheValidLinesAndListsTheRejectedOnes() throws Exception {
    String runId = "run-" + UUID.randomUUID();

    HttpResponse<String> response = post(runId, MIXED.getBytes(StandardCharsets.UTF_8), false, TOKEN);

    assertMixedResponse(response, runId);
    List<ConsumerRecord<String, RequestSample>> records = samplesOf(runId, 3);
    assertThat(records).extracting(ConsumerRecord::key).containsOnly(runId);
    assertThat(records).extracting(record -> record.value().getEndpoint())
        .containsExactly("GET /a", "POST /c", "GET /e");
    RequestSample post = records.get(1).value();
    assertThat(post.getSource()).isEqualTo("native");
    assertThat(post.getGeneratorId()).isEqualTo("ingest");
    assertThat(post.getRunId()).isEqualTo(runId);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getStatus()).isEqualTo(500);
    assertThat(post.getErrorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(post.getIntendedStartUs()).isEqualTo(START);
    assertThat(post.getActualStartUs()).isEqualTo(START);
    assertThat(post.getLatencyUs()).isEqualTo(2000);
    assertThat(post.getServiceTimeUs()).isEqualTo(2000);
    assertThat(post.getTtfbUs()).isEqualTo(15L);
    assertThat(post.getScenario()).isEqualTo("checkout");
    assertThat(post.getTags()).isEqualTo(Map.of("k", "v"));
    assertThat(records.get(2).value().getErrorKind()).isEqualTo(ErrorKind.OTHER);
  }

  @Test
  void mixedGzipBodyGivesTheSameAnswerAndRecords() throws Exception {
    String runId = "run-" + UUID.randomUUID();

    HttpResponse<String> response = post(runId, gzip(MIXED), true, TOKEN);

    assertMixedResponse(response, runId);
    assertThat(samplesOf(runId, 3)).extracting(record -> record.value().getEndpoint())
        .containsExactly("GET /a", "POST /c", "GET /e");
  }

  @Test
  void fullyValidGzipBodyIsAcceptedWith200() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    String body = IntStream.range(0, 500).mapToObj(i -> sample("GET /n/" + (i % 7), 200, 100 + i))
        .collect(Collectors.joining("\r\n"));

    HttpResponse<String> response = post(runId, gzip(body), true, TOKEN);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("runId").asString()).isEqualTo(runId);
    assertThat(json.get("accepted").asLong()).isEqualTo(500);
    assertThat(json.get("rejected").asLong()).isZero();
    List<ConsumerRecord<String, RequestSample>> records = samplesOf(runId, 500);
    // One key, one partition: the samples keep their upload order.
    assertThat(records).extracting(record -> record.value().getLatencyUs())
        .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> 100L + i).toList());
  }

  @Test
  void listsAtMostOneHundredErrorsButCountsThemAll() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    String body = "not json\n".repeat(150) + sample("GET /ok", 200, 1);

    HttpResponse<String> response = post(runId, body.getBytes(StandardCharsets.UTF_8), false, TOKEN);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("rejected").asLong()).isEqualTo(150);
    assertThat(json.get("accepted").asLong()).isEqualTo(1);
    assertThat(json.get("errors").size()).isEqualTo(100);
    assertThat(json.get("errors").get(99).get("line").asLong()).isEqualTo(100);
    assertThat(samplesOf(runId, 1)).hasSize(1);
  }

  @Test
  void missingOrWrongTokenIs401AndNothingIsWritten() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    byte[] body = sample("GET /a", 200, 1).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> missing = post(runId, body, false, null);
    HttpResponse<String> wrong = post(runId, body, false, "first-test-token-not");

    for (HttpResponse<String> response : List.of(missing, wrong)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          value -> assertThat(value).startsWith("Bearer"));
      assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(response.body()).doesNotContain("first-test-token");
    }
    assertThat(samplesOf(runId, 0)).isEmpty();
  }

  @Test
  void badRunIdContentTypeOrEncodingAreProblems() throws Exception {
    byte[] body = sample("GET /a", 200, 1).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> pipe = post("a|b", body, false, TOKEN);
    assertThat(pipe.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(pipe.body()).get("field").asString()).isEqualTo("runId");

    HttpResponse<String> noRunId = send(HttpRequest.newBuilder(uri("/ingest/native"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(noRunId.statusCode()).isEqualTo(400);
    assertThat(noRunId.body()).contains("runId");

    HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/ingest/native?runId=r1"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(json.statusCode()).isEqualTo(415);

    HttpResponse<String> brotli = send(HttpRequest.newBuilder(uri("/ingest/native?runId=r1"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
        .header("Content-Encoding", "br").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(brotli.statusCode()).isEqualTo(415);

    HttpResponse<String> notGzip = post("r1", body, true, TOKEN);
    assertThat(notGzip.statusCode()).isEqualTo(400);
  }

  private static void assertMixedResponse(HttpResponse<String> response, String runId) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("runId").asString()).isEqualTo(runId);
    assertThat(json.get("accepted").asLong()).isEqualTo(3);
    assertThat(json.get("rejected").asLong()).isEqualTo(2);
    List<String> errors = new ArrayList<>();
    json.get("errors").forEach(error -> errors.add(error.get("line").asLong() + ":"
        + (error.get("field").isNull() ? "-" : error.get("field").asString())));
    assertThat(errors).containsExactly("2:-", "4:status", "4:latencyUs");
  }

  private static String sample(String endpoint, int status, long latencyUs) {
    String[] parts = endpoint.split(" ");
    return """
        {"endpoint":"%s","method":"%s","status":%d,"startUs":%d,"latencyUs":%d}"""
        .formatted(endpoint, parts[0], status, START, latencyUs);
  }

  private static byte[] gzip(String body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private HttpResponse<String> post(String runId, byte[] body, boolean gzip, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/ingest/native?runId=" + runId.replace("|", "%7C")))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /**
   * Every sample of the run on the topic. The response came after Kafka's acknowledgement, so everything is
   * already there; the poll loop only waits for the consumer to be assigned and fetch.
   */
  private List<ConsumerRecord<String, RequestSample>> samplesOf(String runId, int expected) {
    List<ConsumerRecord<String, RequestSample>> records = new ArrayList<>();
    try (KafkaConsumer<String, RequestSample> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        Topics.REQUEST_SAMPLES.keySerde().deserializer(), Topics.REQUEST_SAMPLES.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.REQUEST_SAMPLES.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      boolean assigned = false;
      while ((records.size() < expected || !assigned) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (record.key().equals(runId)) {
            records.add(record);
          }
        });
        assigned = !consumer.assignment().isEmpty();
      }
      // One more poll: nothing beyond the expected samples may arrive.
      consumer.poll(Duration.ofMillis(300)).forEach(record -> {
        if (record.key().equals(runId)) {
          records.add(record);
        }
      });
    }
    assertThat(records).as("samples of %s", runId).hasSize(expected);
    return records;
  }
}
