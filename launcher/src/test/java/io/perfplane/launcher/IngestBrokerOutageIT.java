package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import io.perfplane.runtime.FreePorts;
import io.perfplane.runtime.RestartedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker dies in the middle of a large streaming upload to the ingest-service process: the answer is a 503 with
 * Retry-After (never a 2xx), no receipt is left, and after the broker is back the same upload with the same
 * Idempotency-Key completes. The guarantee is at-least-once: every line of the file is on the topic, once from the
 * completed attempt plus at most once per attempt answered 503 (what the broker took before it died), and the run's
 * FINISHED event counts the file once.
 */
class IngestBrokerOutageIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "it-" + UUID.randomUUID();
  private static final int LINES = 60_000;
  private static final int KILL_AT = 20_000;

  @TempDir
  static Path workDir;

  private static int kafkaPort;
  private static volatile EmbeddedKafkaBroker kafka;
  private static volatile RestartedKafkaBroker restarted;
  private static ServiceFleet fleet;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Path home = Path.of(System.getProperty("perfplane.home"));
    kafkaPort = FreePorts.find();
    kafka = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), kafkaPort);
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    ports.put(Service.INGEST, FreePorts.find());
    Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
    env.put(Service.INGEST, new HashMap<>(Map.of(
        "PERFPLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
        "PERFPLANE_INGEST_TOKENS", TOKEN,
        "PERFPLANE_INGEST_ACK_TIMEOUT", "10s")));
    fleet = ServiceFleet.start(home, EnumSet.of(Service.INGEST), ports, env, workDir.resolve("logs"),
        Duration.ofMinutes(3));
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (restarted != null) {
      restarted.close();
    }
  }

  @Test
  void aBrokerDyingMidUploadGets503AndTheKeyedRetryCompletesTheUploadAtLeastOnce() throws Exception {
    String runId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "outage-key-" + runId;
    long startUs = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(1, ChronoUnit.HOURS));

    HttpResponse<String> first = post(runId, key, body(startUs, () -> {
      kafka.close(); // the broker dies after the first KILL_AT lines were sent
      kafka = null;
    }));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
    assertThat(first.headers().firstValue("Retry-After")).isPresent();

    restarted = RestartedKafkaBroker.start(workDir.resolve("kafka"), kafkaPort); // same data, same port
    int unavailable = 1;
    HttpResponse<String> retry = post(runId, key, body(startUs, () -> { }));
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (retry.statusCode() == 503 && System.nanoTime() < deadline) {
      // What a client does: wait Retry-After, send the same file with the same key (the producer is reconnecting).
      Thread.sleep(Duration.ofSeconds(Long.parseLong(retry.headers().firstValue("Retry-After").orElse("5"))));
      unavailable++;
      retry = post(runId, key, body(startUs, () -> { }));
    }

    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(JSON.readTree(retry.body()).path("accepted").asLong()).isEqualTo(LINES);
    HttpResponse<String> replay = post(runId, key, body(startUs, () -> { }));
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");

    Map<Long, Long> copies = read(Topics.REQUEST_SAMPLES, runId, LINES).stream()
        .collect(Collectors.groupingBy(RequestSample::getLatencyUs, Collectors.counting()));
    assertThat(copies).as("every line of the file is on the topic").hasSize(LINES);
    // A 503'd attempt may have left what Kafka took (or took later: the producer retries buffered records until
    // delivery.timeout.ms) on the topic; the completed attempt adds exactly one copy.
    int maxCopies = unavailable + 1;
    assertThat(copies.values()).as("at most one copy per attempt").allMatch(n -> n <= maxCopies);

    List<RunEvent> events = read(Topics.RUN_EVENTS, runId, 3);
    List<RunEvent> finished = events.stream().filter(e -> e.getType() == RunEventType.FINISHED)
        .filter(e -> e.getGeneratorId().equals("ingest/native/" + key)).toList();
    assertThat(finished).hasSize(1);
    assertThat(finished.getFirst().getAttributes()).containsEntry("samplesPublished", Integer.toString(LINES));
    assertThat(events).filteredOn(e -> e.getType() == RunEventType.STARTED)
        .extracting(RunEvent::getGeneratorId).containsOnly("ingest/native/" + key);
  }

  /**
   * The file: LINES native samples with unique latencies (1000 + i µs); {@code afterKillAt} runs when the first
   * KILL_AT lines have been handed to the client, before the rest is read.
   */
  private static InputStream body(long startUs, Runnable afterKillAt) {
    Enumeration<InputStream> parts = new Enumeration<>() {
      private int next;

      @Override
      public boolean hasMoreElements() {
        return next < LINES;
      }

      @Override
      public InputStream nextElement() {
        if (next == KILL_AT) {
          afterKillAt.run();
        }
        int from = next;
        next = Math.min(LINES, next + 1000);
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < next; i++) {
          lines.append("{\"endpoint\":\"GET /items\",\"method\":\"GET\",\"status\":200,\"startUs\":")
              .append(startUs + i * 1000L).append(",\"latencyUs\":").append(1000 + i).append("}\n");
        }
        return new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8));
      }
    };
    return new SequenceInputStream(parts);
  }

  private HttpResponse<String> post(String runId, String key, InputStream body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(fleet.baseUri(Service.INGEST).resolve("/ingest/native?runId=" + runId))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/x-ndjson")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every record of the run on the topic: until at least {@code atLeast} arrived and three polls came back empty. */
  private static <V> List<V> read(Topic<String, V> topic, String runId, int atLeast) {
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (values.size() < atLeast || emptyPolls < 3)) {
        var records = consumer.poll(Duration.ofMillis(500));
        emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
        records.forEach(record -> {
          if (record.key().equals(runId)) {
            values.add(record.value());
          }
        });
      }
    }
    return values;
  }
}
