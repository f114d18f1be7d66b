package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With no broker listening, no upload is answered 2xx: every one gets 503 with Retry-After, so the client keeps its
 * file and retries (nothing is lost), and a keyed upload leaves no receipt that would turn the retry into a no-op.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "perfplane.ingest.tokens=t0ken",
    "perfplane.kafka.create-topics=false",
    "perfplane.ingest.retry-after=7s",
    "perfplane.ingest.ack-timeout=3s",
    "perfplane.ingest.limits.max-age=36500d",
    "perfplane.ingest.limits.max-future=36500d",
    "spring.kafka.producer.properties.max.block.ms=1000"})
class KafkaUnavailableIntegrationTest {

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void deadBroker(DynamicPropertyRegistry registry) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free, and closed again: nothing listens there
    }
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + port);
  }

  @Test
  void answers503WithRetryAfter() throws Exception {
    String line = "{\"endpoint\":\"GET /a\",\"method\":\"GET\",\"status\":200,\"startUs\":1764000000000000,"
        + "\"latencyUs\":5}\n";

    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ingest/native?runId=r1"))
            .header("Authorization", "Bearer t0ken").header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(line.repeat(3), StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("7");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void everyFormatAndKeyedUploadsAre503Too() throws Exception {
    String k6 = """
        {"type":"Point","data":{"time":"2026-11-20T10:00:00Z","value":5,"tags":{"name":"GET /a","method":"GET",\
        "status":"200"}},"metric":"http_req_duration"}
        """;
    String jtl = "timeStamp,elapsed,label,responseCode\n1795168800000,5,GET /a,200\n";

    for (HttpResponse<String> response : List.of(
        post("k6", "application/x-ndjson", k6, null),
        post("jmeter", "text/csv", jtl, null),
        post("k6", "application/x-ndjson", k6, "key-1"),
        post("k6", "application/x-ndjson", k6, "key-1"))) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("7");
      assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }
  }

  private HttpResponse<String> post(String format, String contentType, String body, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/ingest/" + format + "?runId=r1"))
        .header("Authorization", "Bearer t0ken").header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
