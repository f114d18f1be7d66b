package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.format.NativeSample;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Each upload attempt is one Kafka transaction: a keyed retry fences an earlier attempt that is still open (the
 * service died, or the broker went away, before it committed or aborted) and Kafka aborts what that attempt wrote,
 * so read_committed consumers see the file once; at most {@code max-concurrent-uploads} uploads run at once, more
 * get 429 with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=t0ken",
    "perfplane.ingest.retry-after=3s",
    "perfplane.ingest.max-concurrent-uploads=1",
    "perfplane.ingest.limits.max-age=36500d"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class UploadTransactionsIntegrationTest {

  private static final long START = 1_764_000_000_000_000L;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  @Autowired
  UploadTransactions transactions;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aKeyedRetryFencesTheOpenAttemptAndKafkaAbortsWhatItWrote() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    String key = "key-" + runId;
    // A failed attempt that never ended its transaction: its producer wrote STARTED and a sample, then went silent.
    String transactionalId = UploadTransactions.keyedId(Topics.receiptKey(runId, "native", key));
    try (KafkaProducer<String, Object> stale = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
        Topics.REQUEST_SAMPLES.keySerde().serializer(), (topic, value) -> topic.equals(Topics.RUN_EVENTS.name())
            ? Topics.RUN_EVENTS.valueSerde().serializer().serialize(topic, (RunEvent) value)
            : Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize(topic, (RequestSample) value))) {
      stale.initTransactions();
      stale.beginTransaction();
      stale.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, RunEvent.newBuilder().setRunId(runId)
          .setType(RunEventType.STARTED).setAtUs(START).setGeneratorId("ingest/native/" + key)
          .setAttributes(Map.of()).build()));
      stale.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, sample(runId, 999_999)))
          .get(30, TimeUnit.SECONDS);

      HttpResponse<String> retry = post(runId, key, HttpRequest.BodyPublishers.ofString(lines(3)));

      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
      // The stale attempt was fenced: it can no longer commit what it wrote.
      assertThatThrownBy(stale::commitTransaction).isInstanceOf(KafkaException.class);
    }
    List<RequestSample> samples = TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 3);
    assertThat(samples).extracting(RequestSample::getLatencyUs).containsExactly(10L, 11L, 12L);
    assertThat(TopicRecords.of(brokers, Topics.RUN_EVENTS, runId, 3))
        .extracting(e -> e.getType() + " " + e.getGeneratorId()).containsExactly(
            "STARTED ingest/native/" + key, "FINISHED ingest/native/" + key, "FINISHED ingest/parts");
  }

  @Test
  void beyondMaxConcurrentUploadsAnUploadIs429WithRetryAfterUntilASlotIsFree() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    // An upload in progress holds the only slot (max-concurrent-uploads=1) from the moment its transaction opens.
    // Held here directly rather than by a slow HTTP client, whose dispatch timing made this test flaky under load.
    try (UploadTransaction running = transactions.open(UploadTransactions.unkeyedId()).orElseThrow()) {
      HttpResponse<String> refused = post(runId, null, HttpRequest.BodyPublishers.ofString(lines(1)));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).contains("3");
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(transactions.open(UploadTransactions.unkeyedId())).as("no second slot").isEmpty();
    }
    HttpResponse<String> after = post(runId, null, HttpRequest.BodyPublishers.ofString(lines(1)));
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
  }

  private static RequestSample sample(String runId, long latencyUs) {
    return SampleMessages.toRequestSample(runId, "native",
        new NativeSample("GET /a", "GET", 200, START, latencyUs, null, 0, 0, "default", ErrorKind.NONE, Map.of()));
  }

  private static String lines(int count) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      lines.append("{\"endpoint\":\"GET /a\",\"method\":\"GET\",\"status\":200,\"startUs\":").append(START + i)
          .append(",\"latencyUs\":").append(10 + i).append("}\n");
    }
    return lines.toString();
  }

  private HttpResponse<String> post(String runId, @Nullable String key, HttpRequest.BodyPublisher body)
      throws Exception {
    return http.send(request(runId, key, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String runId, @Nullable String key, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/ingest/native?runId=" + runId))
        .header("Authorization", "Bearer t0ken").header("Content-Type", "application/x-ndjson").POST(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request;
  }
}
