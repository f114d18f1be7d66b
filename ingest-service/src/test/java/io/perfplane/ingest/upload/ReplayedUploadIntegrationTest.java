package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Enumeration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers given before the body is read (the replay of a completed keyed upload, a refused token) must reach a client
 * that is still streaming a large body as complete HTTP responses, on a connection the client can keep using. Before
 * the drain, the server closed the connection under the client with most of the body unread (Tomcat swallows 2 MiB at
 * most), and the client met a reset or a truncated chunked response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=replay-test-token"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class ReplayedUploadIntegrationTest {

  private static final String TOKEN = "replay-test-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** About 24 MiB of NDJSON: twelve times Tomcat's swallow limit. */
  private static final int LINES = 200_000;
  private static final int REPLAYS = 20;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void aLargeStreamedUploadReplayedTwentyTimesAlwaysGetsTheRecordedAnswer() throws Exception {
    String runId = "replay-" + UUID.randomUUID();
    String key = "key-" + runId;
    long startUs = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(1, ChronoUnit.HOURS));

    HttpResponse<String> first = post(runId, key, TOKEN, startUs);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue(IngestController.REPLAYED)).isEmpty();
    assertThat(JSON.readTree(first.body()).path("accepted").asLong()).isEqualTo(LINES);

    for (int i = 1; i <= REPLAYS; i++) {
      HttpResponse<String> replay = post(runId, key, TOKEN, startUs);
      assertThat(replay.statusCode()).as("replay %d: %s", i, replay.body()).isEqualTo(200);
      assertThat(replay.headers().firstValue(IngestController.REPLAYED)).as("replay %d", i).contains("true");
      JsonNode answer = JSON.readTree(replay.body());
      assertThat(answer.path("accepted").asLong()).as("replay %d", i).isEqualTo(LINES);
      assertThat(answer.path("runId").asString()).isEqualTo(runId);
      // The whole body was read, so the connection stays open for the next request.
      assertThat(replay.headers().firstValue("Connection")).as("replay %d", i).isEmpty();
    }
  }

  @Test
  void aLargeStreamedUploadWithAWrongTokenGetsACompleteUnauthorizedAnswer() throws Exception {
    for (int i = 1; i <= 5; i++) {
      HttpResponse<String> refused = post("refused-" + i, "k" + i, "not-the-token", 0);
      assertThat(refused.statusCode()).as("attempt %d", i).isEqualTo(401);
      assertThat(JSON.readTree(refused.body()).path("title").asString()).isEqualTo("Unauthorized");
    }
  }

  private HttpResponse<String> post(String runId, String key, String token, long startUs) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/native?runId=" + runId))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/x-ndjson")
        .header("Idempotency-Key", key)
        .timeout(Duration.ofMinutes(2))
        // ofInputStream: chunked, streamed as the server reads, like a client uploading a file
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(startUs))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** LINES native samples, produced a thousand lines at a time. */
  private static InputStream body(long startUs) {
    return new SequenceInputStream(new Enumeration<>() {
      private int next;

      @Override
      public boolean hasMoreElements() {
        return next < LINES;
      }

      @Override
      public InputStream nextElement() {
        int from = next;
        next = Math.min(LINES, next + 1000);
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < next; i++) {
          lines.append("{\"endpoint\":\"GET /items/{id}\",\"method\":\"GET\",\"status\":200,\"startUs\":")
              .append(startUs + i * 100L).append(",\"latencyUs\":").append(1000 + i % 5000)
              .append(",\"scenario\":\"browse\"}\n");
        }
        return new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8));
      }
    });
  }
}
