package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no broker listening, an upload is answered 503 with Retry-After instead of a false 200. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "perfplane.ingest.tokens=t0ken",
    "perfplane.kafka.create-topics=false",
    "perfplane.ingest.retry-after=7s",
    "perfplane.ingest.ack-timeout=3s",
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
}
