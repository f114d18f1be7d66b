package io.perfplane.analyzer.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Baselines over HTTP on the whole service: runs in through a real (embedded) broker, entries kept in the real
 * PostgreSQL server (the test schema of config/application.yml). One token per scope, named as the entries'
 * {@code setBy} shows them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    // The unfinished run must stay unfinished for the whole test.
    "perfplane.analyzer.finalize-grace=600s",
    "perfplane.security.tokens[0].name=baseline-admin", "perfplane.security.tokens[0].token=admin-token",
    "perfplane.security.tokens[0].scopes=admin",
    "perfplane.security.tokens[1].name=baseline-reader", "perfplane.security.tokens[1].token=read-token",
    "perfplane.security.tokens[1].scopes=runs:read"})
@EmbeddedKafka(count = 1, partitions = 6, brokerProperties = {
    "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaselinesWebTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ADMIN = "admin-token";
  private static final String READER = "read-token";
  private static final int FINISHED_REQUESTS = 300;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String finishedRun = "base-" + UUID.randomUUID();
  private final String runningRun = "live-" + UUID.randomUUID();

  @LocalServerPort
  int port;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @BeforeAll
  void runs() throws Exception {
    long t0 = System.currentTimeMillis() * 1000;
    try (KafkaProducer<String, RequestSample> samples = producer(Topics.REQUEST_SAMPLES.valueSerde());
        KafkaProducer<String, RunEvent> events = producer(Topics.RUN_EVENTS.valueSerde())) {
      for (String runId : List.of(finishedRun, runningRun)) {
        events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId,
            event(runId, RunEventType.STARTED, t0, Map.of())));
        for (int i = 0; i < FINISHED_REQUESTS; i++) {
          long start = t0 + i * 10_000L;
          long latencyUs = 1_000 + (i * 7_919L) % 90_000;
          samples.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, RequestSample.newBuilder()
              .setRunId(runId).setGeneratorId("gen-1").setScenario("default")
              .setEndpoint(i % 3 == 0 ? "GET /b" : "GET /a").setMethod("GET").setStatus(200)
              .setErrorKind(ErrorKind.NONE).setIntendedStartUs(start).setActualStartUs(start)
              .setLatencyUs(latencyUs).setServiceTimeUs(latencyUs).build()));
        }
      }
      samples.flush();
      events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), finishedRun, event(finishedRun,
          RunEventType.FINISHED, t0 + 5_000_000, Map.of("samplesPublished", Integer.toString(FINISHED_REQUESTS)))));
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      HttpResponse<String> finished = send("GET", "/runs/" + finishedRun, READER, null);
      HttpResponse<String> running = send("GET", "/runs/" + runningRun, READER, null);
      return finished.statusCode() == 200 && JSON.readTree(finished.body()).get("finished").asBoolean()
          && running.statusCode() == 200;
    });
  }

  @Test
  void anAdminSetsVersionsThatReadersSeeNewestFirstWithTheRunsHistograms() throws Exception {
    String name = "checkout-" + UUID.randomUUID().toString().substring(0, 8);
    Instant before = Instant.now();
    HttpResponse<String> first = put(name, ADMIN, "{\"runId\": \"" + finishedRun + "\", \"note\": \"release 1.4\"}");
    HttpResponse<String> second = put(name, ADMIN, "{\"runId\": \"" + finishedRun + "\"}");
    Instant after = Instant.now();

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/baselines/" + name));
    JsonNode entry = JSON.readTree(first.body());
    assertThat(entry.get("name").asString()).isEqualTo(name);
    assertThat(entry.get("runId").asString()).isEqualTo(finishedRun);
    assertThat(entry.get("version").asInt()).isEqualTo(1);
    assertThat(entry.get("setBy").asString()).as("the token's name").isEqualTo("baseline-admin");
    assertThat(entry.get("note").asString()).isEqualTo("release 1.4");
    assertThat(entry.get("setAt").asString()).endsWith("Z");
    assertThat(Instant.parse(entry.get("setAt").asString()))
        .isBetween(before.minusMillis(1), after.plusMillis(1));
    assertThat(JSON.readTree(second.body()).get("version").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(second.body()).get("note").isNull()).isTrue();

    HttpResponse<String> current = send("GET", "/baselines/" + name, READER, null);
    assertThat(current.statusCode()).isEqualTo(200);
    JsonNode baseline = JSON.readTree(current.body());
    assertThat(baseline.get("version").asInt()).as("current = latest").isEqualTo(2);
    assertThat(baseline.at("/histograms/runId").asString()).isEqualTo(finishedRun);
    assertThat(baseline.at("/histograms/schema").asInt()).isEqualTo(1);
    assertThat(baseline.at("/histograms/overall/requests").asLong()).isEqualTo(FINISHED_REQUESTS);
    Histogram latency = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(
        Base64.getDecoder().decode(baseline.at("/histograms/overall/latency").asString())), 0);
    assertThat(latency.getTotalCount()).isEqualTo(FINISHED_REQUESTS);
    assertThat(baseline.at("/histograms/endpoints").findValuesAsString("endpoint")).containsExactly("GET /a", "GET /b");

    JsonNode history = JSON.readTree(send("GET", "/baselines/" + name + "/history", READER, null).body());
    assertThat(history.findValuesAsString("name")).containsOnly(name);
    assertThat(history).extracting(node -> node.get("version").asInt()).containsExactly(2, 1);
    assertThat(history.get(0).has("histograms")).isFalse();

    JsonNode all = JSON.readTree(send("GET", "/baselines", READER, null).body());
    List<String> names = all.findValuesAsString("name");
    assertThat(names).as("sorted by name").isSorted().containsOnlyOnce(name);
    for (JsonNode listed : all) {
      if (listed.get("name").asString().equals(name)) {
        assertThat(listed.get("version").asInt()).isEqualTo(2);
        assertThat(listed.has("histograms")).isFalse();
      }
    }
  }

  @Test
  void settingNeedsAdminAndReadingNeedsRunsRead() throws Exception {
    String name = "scoped-" + UUID.randomUUID().toString().substring(0, 8);
    String body = "{\"runId\": \"" + finishedRun + "\"}";

    assertThat(put(name, null, body).statusCode()).isEqualTo(401);
    HttpResponse<String> reader = put(name, READER, body);
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(reader.body()).contains("admin");
    assertThat(put(name, ADMIN, body).statusCode()).isEqualTo(201);
    HttpResponse<String> adminReads = send("GET", "/baselines/" + name, ADMIN, null);
    assertThat(adminReads.statusCode()).isEqualTo(403);
    assertThat(adminReads.body()).contains("runs:read");
    assertThat(send("GET", "/baselines", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/baselines", READER, null).statusCode()).isEqualTo(200);
  }

  @Test
  void badNamesAndMissingRunIdsAreRejectedNamingTheField() throws Exception {
    HttpResponse<String> badName = put("not%20ok!", ADMIN, "{\"runId\": \"" + finishedRun + "\"}");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(badName.body()).get("field").asString()).isEqualTo("name");
    assertThat(field(put("x".repeat(65), ADMIN, "{\"runId\": \"" + finishedRun + "\"}"))).isEqualTo("name");
    assertThat(field(send("GET", "/baselines/" + "y".repeat(65), READER, null))).isEqualTo("name");

    for (String body : List.of("{}", "{\"runId\": \"  \"}", "{\"note\": \"n\"}")) {
      HttpResponse<String> response = put("fine-name", ADMIN, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(field(response)).isEqualTo("runId");
    }
  }

  @Test
  void aBodyThatIsNotTheExpectedJsonIsAProblemNamingTheField() throws Exception {
    HttpResponse<String> notJson = put("fine-name", ADMIN, "{\"runId\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(field(notJson)).isEqualTo("body");

    HttpResponse<String> wrongType = put("fine-name", ADMIN, "{\"runId\": \"" + finishedRun + "\", \"note\": [1]}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(field(wrongType)).isEqualTo("note");
    assertThat(JSON.readTree(wrongType.body()).get("detail").asString()).startsWith("request body field 'note'");
    assertThat(send("GET", "/baselines/fine-name", READER, null).statusCode()).isEqualTo(404);
  }

  @Test
  void unknownRunsAndBaselinesAreNotFoundAndUnfinishedRunsConflict() throws Exception {
    HttpResponse<String> unknownRun = put("some-name", ADMIN, "{\"runId\": \"no-such-run\"}");
    assertThat(unknownRun.statusCode()).isEqualTo(404);
    assertThat(field(unknownRun)).isEqualTo("runId");

    HttpResponse<String> running = put("some-name", ADMIN, "{\"runId\": \"" + runningRun + "\"}");
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(running.body()).get("detail").asString())
        .isEqualTo("run " + runningRun + " is not finished");

    String never = "never-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(send("GET", "/baselines/" + never, READER, null).statusCode()).isEqualTo(404);
    assertThat(field(send("GET", "/baselines/" + never + "/history", READER, null))).isEqualTo("name");
  }

  @Test
  void concurrentPutsGetDistinctVersions() throws Exception {
    String name = "busy-" + UUID.randomUUID().toString().substring(0, 8);
    int writers = 6;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        responses.add(pool.submit(() -> {
          start.await();
          return put(name, ADMIN, "{\"runId\": \"" + finishedRun + "\"}");
        }));
      }
      start.countDown();
      List<Integer> versions = new ArrayList<>();
      for (Future<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).isEqualTo(201);
        versions.add(JSON.readTree(response.get().body()).get("version").asInt());
      }
      assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }
  }

  private static String field(HttpResponse<String> response) {
    return JSON.readTree(response.body()).path("field").asString();
  }

  private HttpResponse<String> put(String name, @Nullable String token, String body) throws Exception {
    return send("PUT", "/baselines/" + name, token, body);
  }

  private HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private <V> KafkaProducer<String, V> producer(Serde<V> valueSerde) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ProducerConfig.ACKS_CONFIG, "all"), Topics.REQUEST_SAMPLES.keySerde().serializer(), valueSerde.serializer());
  }

  private static RunEvent event(String runId, RunEventType type, long atUs, Map<String, String> attributes) {
    return RunEvent.newBuilder().setRunId(runId).setType(type).setAtUs(atUs).setGeneratorId("gen-1")
        .setAttributes(attributes).build();
  }
}
