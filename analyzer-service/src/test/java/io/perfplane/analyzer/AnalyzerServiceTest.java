package io.perfplane.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole service on a real (embedded KRaft) broker: samples in through Kafka, results out through REST. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    // Long grace: the run must be finalized because every published sample arrived, not by timeout.
    "perfplane.analyzer.finalize-grace=120s"})
// spring-kafka 4 embedded brokers are always KRaft (the kraft attribute is gone).
@EmbeddedKafka(count = 1, partitions = 6, brokerProperties = {
    "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class AnalyzerServiceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @Autowired
  StreamsBuilderFactoryBean streams;

  @Autowired
  io.micrometer.core.instrument.MeterRegistry registry;

  @Test
  void kafkaStreamsRunsWithTheDocumentedDefaults() {
    Map<Object, Object> config = streams.getStreamsConfiguration();
    assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(String.valueOf(config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))).isEqualTo("200");
    assertThat(String.valueOf(config.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))).isEqualTo("-1");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
        && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    assertThat(streams.getKafkaStreams().metadataForLocalThreads()).as("PERFPLANE_ANALYZER_STREAM_THREADS default")
        .hasSize(2);
  }

  @Test
  void samplesProducedToKafkaAreReportedWithExactPercentilesBreachesAndCapacity() throws Exception {
    String runId = "it-" + UUID.randomUUID();
    long t0 = System.currentTimeMillis() * 1000;
    List<Long> latencies = new ArrayList<>();
    int errors = 0;
    try (KafkaProducer<String, RequestSample> samples = producer(Topics.REQUEST_SAMPLES.valueSerde());
        KafkaProducer<String, RunEvent> events = producer(Topics.RUN_EVENTS.valueSerde())) {
      events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId,
          event(runId, RunEventType.STARTED, t0, Map.of("targetService", "api-service"))));
      for (int i = 0; i < 400; i++) {
        long latencyUs = 2_000 + (i * 7_919L) % 300_000;
        boolean error = i % 10 == 0; // 10 %: breaks the default overall-errors SLO (<= 1 %)
        errors += error ? 1 : 0;
        latencies.add(latencyUs);
        long start = t0 + i * 25_000L;
        samples.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, RequestSample.newBuilder()
            .setRunId(runId).setGeneratorId("gen-1").setScenario("default")
            .setEndpoint(i % 2 == 0 ? "GET /a" : "GET /b").setMethod("GET")
            .setStatus(error ? 503 : 200).setErrorKind(error ? ErrorKind.HTTP_STATUS : ErrorKind.NONE)
            .setIntendedStartUs(start).setActualStartUs(start).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs)
            .build()));
      }
      samples.flush();
      events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, event(runId, RunEventType.FINISHED,
          t0 + 10_000_000, Map.of("samplesPublished", "400"))));
    }

    AtomicReference<JsonNode> report = new AtomicReference<>();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      HttpResponse<String> response = get("/runs/" + runId);
      if (response.statusCode() != 200) {
        return false;
      }
      report.set(JSON.readTree(response.body()));
      return report.get().get("finished").asBoolean();
    });

    JsonNode run = report.get();
    assertThat(run.get("requests").asLong()).isEqualTo(400);
    assertThat(run.get("errors").asLong()).isEqualTo(errors);
    assertThat(run.get("errorRate").asDouble()).isEqualTo(errors / 400.0);
    List<Long> sorted = latencies.stream().sorted().toList();
    for (int p : new int[] {50, 90, 95, 99}) {
      double exactMs = sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1) / 1000.0;
      assertThat(run.get("p" + p + "Ms").asDouble()).as("p%d", p).isCloseTo(exactMs, within(exactMs * 0.001));
    }
    assertThat(run.get("endpoints")).hasSize(2);
    assertThat(run.get("endpoints").get(0).get("endpoint").asString()).isEqualTo("GET /a");
    assertThat(run.get("endpoints").get(0).get("requests").asLong()).isEqualTo(200);
    List<String> breached = new ArrayList<>();
    run.get("breaches").forEach(b -> breached.add(b.get("sloId").asString() + ":" + b.get("state").asString()));
    assertThat(breached).contains("overall-errors:OPENED").doesNotContain("overall-p95:OPENED");
    assertThat(run.get("capacity").get("sloHeld").asBoolean()).isFalse();
    assertThat(run.get("capacity").get("targetService").asString()).isEqualTo("api-service");

    HttpResponse<String> endpointA = get("/runs/" + runId + "/endpoints/GET%20/a?window=run,10s");
    assertThat(endpointA.statusCode()).isEqualTo(200);
    JsonNode windows = JSON.readTree(endpointA.body());
    assertThat(windows.get("endpoint").asString()).isEqualTo("GET /a");
    assertThat(windows.at("/windows/run/requests").asLong()).isEqualTo(200);
    assertThat(windows.at("/windows/10s/requests").asLong()).isBetween(1L, 200L);
    assertThat(windows.get("windows").has("1m")).isFalse();
    HttpResponse<String> badWindow = get("/runs/" + runId + "/endpoints/GET%20/a?window=2h");
    assertThat(badWindow.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badWindow.body()).get("field").asString()).isEqualTo("window");
    assertThat(get("/runs/" + runId + "/endpoints/GET%20/nope").statusCode()).isEqualTo(404);

    HttpResponse<String> histogramsResponse = get("/runs/" + runId + "/histograms");
    assertThat(histogramsResponse.statusCode()).isEqualTo(200);
    JsonNode histograms = JSON.readTree(histogramsResponse.body());
    assertThat(histograms.get("schema").asInt()).isEqualTo(1);
    assertThat(histograms.get("finished").asBoolean()).isTrue();
    Histogram overall = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(
        Base64.getDecoder().decode(histograms.at("/overall/latency").asString())), 0);
    assertThat(overall.getTotalCount()).isEqualTo(400);
    assertThat(overall.getValueAtPercentile(95) / 1000.0).isEqualTo(run.get("p95Ms").asDouble());
    assertThat(histograms.at("/overall/errors").asLong()).isEqualTo(errors);
    if (run.get("lateSamples").asLong() == 0) {
      long perSecondTotal = 0;
      for (JsonNode second : histograms.at("/overall/perSecond/requests")) {
        perSecondTotal += second.asLong();
      }
      assertThat(perSecondTotal).isEqualTo(400);
    } else {
      // A sample that arrived after its second was evaluated is in the run's total but in no second.
      assertThat(histograms.at("/overall/perSecond").isNull()).isTrue();
    }
    assertThat(histograms.get("endpoints").findValuesAsString("endpoint")).containsExactly("GET /a", "GET /b");
    assertThat(send("/runs/" + runId + "/histograms", null).statusCode()).as("no token").isEqualTo(401);
    HttpResponse<String> forbidden = send("/runs/" + runId + "/histograms", "analyzer-test-writer-token");
    assertThat(forbidden.statusCode()).as("a token without runs:read").isEqualTo(403);
    assertThat(forbidden.body()).contains("runs:read");
    HttpResponse<String> unknown = get("/runs/does-not-exist/histograms");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));

    HttpResponse<String> page = get("/runs/" + runId + "/report.html?download=true"); // the HTML run report
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        value -> assertThat(value).startsWith("attachment"));
    assertThat(page.body()).contains("<svg").contains("overall-errors");

    HttpResponse<String> runs = get("/runs");
    assertThat(JSON.readTree(runs.body()).findValuesAsString("runId")).contains(runId);

    HttpResponse<String> missing = get("/runs/does-not-exist");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(missing.body()).get("runId").asString()).isEqualTo("does-not-exist");

    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics).contains("perfplane_analyzer_samples_consumed_total")
        .contains("perfplane_analyzer_breaches_opened_total{");

    HttpResponse<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(readiness.body()).at("/components/kafkaStreams/details/state").asString())
        .isEqualTo("RUNNING");
  }

  /**
   * One undecodable record used to fail every stream thread that reached it (Kafka Streams' default handler), so the
   * partition stalled and nothing valid behind it was analyzed: now it is skipped, counted and kept as it was.
   */
  @Test
  void undecodableSamplesAreSkippedCountedAndKeptOnTheDeadLetterTopic() throws Exception {
    String runId = "bad-" + UUID.randomUUID();
    long t0 = System.currentTimeMillis() * 1000;
    byte[] valid = Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize(Topics.REQUEST_SAMPLES.name(),
        sample(runId, t0, 5_000));
    byte[] garbage = "definitely not a request sample".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] truncated = java.util.Arrays.copyOf(valid, 14);
    byte[] unknownFingerprint = valid.clone();
    for (int i = 2; i < 10; i++) { // bytes 2-9: the writer schema's fingerprint (single-object encoding)
      unknownFingerprint[i] ^= (byte) 0x5A;
    }
    List<byte[]> bad = List.of(garbage, truncated, unknownFingerprint);
    try (KafkaProducer<String, byte[]> samples = producer(org.apache.kafka.common.serialization.Serdes.ByteArray());
        KafkaProducer<String, RunEvent> events = producer(Topics.RUN_EVENTS.valueSerde())) {
      events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId,
          event(runId, RunEventType.STARTED, t0, Map.of())));
      for (int i = 0; i < 50; i++) {
        samples.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, encode(sample(runId, t0 + i * 1_000L,
            3_000 + i))));
      }
      for (byte[] record : bad) { // same key, so the same partition as the valid samples around them
        samples.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, record));
      }
      for (int i = 50; i < 100; i++) {
        samples.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, encode(sample(runId, t0 + i * 1_000L,
            3_000 + i))));
      }
      samples.flush();
      events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, event(runId, RunEventType.FINISHED,
          t0 + 1_000_000, Map.of("samplesPublished", "100"))));
    }

    AtomicReference<JsonNode> report = new AtomicReference<>();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      HttpResponse<String> response = get("/runs/" + runId);
      report.set(response.statusCode() == 200 ? JSON.readTree(response.body()) : null);
      return report.get() != null && report.get().get("finished").asBoolean();
    });
    assertThat(report.get().get("requests").asLong()).as("every valid sample, before and after the bad ones")
        .isEqualTo(100);

    List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
        "bootstrap.servers", brokers, "group.id", "dlq-" + runId, "auto.offset.reset", "earliest",
        "isolation.level", "read_committed"), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of("analyzer-dead-letters"));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
        return letters.size() >= 3;
      });
    }
    assertThat(letters).hasSize(3);
    for (int i = 0; i < 3; i++) {
      var letter = letters.get(i);
      assertThat(letter.value()).as("dead letter %d keeps the original bytes", i).isEqualTo(bad.get(i));
      assertThat(new String(letter.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(runId);
      assertThat(new String(letter.headers().lastHeader("__streams.errors.topic").value(),
          java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("request-samples");
      assertThat(letter.headers().lastHeader("__streams.errors.offset")).isNotNull();
      assertThat(letter.headers().lastHeader("__streams.errors.exception")).isNotNull();
    }
    assertThat(registry.get("perfplane.analyzer.records.undecodable").tag("topic", "request-samples").counter()
        .count()).isEqualTo(3);
    assertThat(get("/actuator/prometheus").body())
        .containsPattern("perfplane_analyzer_records_undecodable_total\\{[^}]*topic=\"request-samples\"[^}]*} 3\\.0");
  }

  private static RequestSample sample(String runId, long startUs, long latencyUs) {
    return RequestSample.newBuilder().setRunId(runId).setGeneratorId("gen-1").setScenario("default")
        .setEndpoint("GET /a").setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(startUs).setActualStartUs(startUs).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs)
        .build();
  }

  private static byte[] encode(RequestSample sample) {
    return Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize(Topics.REQUEST_SAMPLES.name(), sample);
  }

  private HttpResponse<String> get(String path) throws Exception {
    // The token of src/test/resources/config/application.yml with every scope.
    return send(path, "analyzer-test-token");
  }

  private HttpResponse<String> send(String path, @Nullable String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private <V> KafkaProducer<String, V> producer(org.apache.kafka.common.serialization.Serde<V> valueSerde) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ProducerConfig.ACKS_CONFIG, "all"), Topics.REQUEST_SAMPLES.keySerde().serializer(), valueSerde.serializer());
  }

  private static RunEvent event(String runId, RunEventType type, long atUs, Map<String, String> attributes) {
    return RunEvent.newBuilder().setRunId(runId).setType(type).setAtUs(atUs).setGeneratorId("gen-1")
        .setAttributes(attributes).build();
  }
}
