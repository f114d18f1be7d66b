package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The run events an upload publishes so the analyzer finalizes imported runs: STARTED before the samples, FINISHED
 * with the accepted count after Kafka acknowledged them, one generator per Idempotency-Key (a replay adds nothing),
 * and a run-wide parts generator that keeps a multi-part import open until its final part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=t0ken",
    "perfplane.ingest.limits.max-age=36500d"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class RunEventsIngestIntegrationTest {

  private static final long START = 1_764_000_000_000_000L;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aKeyedUploadStartsAndFinishesItsGeneratorOnceEvenWhenRepeated() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    String body = lines(3) + "{\"endpoint\":\"GET /bad\"}\n";

    HttpResponse<String> first = post(runId, "file=results.ndjson&test=checkout&targetService=shop-api", "key-1", body);
    HttpResponse<String> repeat = post(runId, "file=results.ndjson&test=checkout&targetService=shop-api", "key-1",
        body);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(422);
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).contains("true");
    List<RunEvent> events = TopicRecords.of(brokers, Topics.RUN_EVENTS, runId, 3);
    assertThat(events).extracting(e -> e.getType() + " " + e.getGeneratorId()).containsExactly(
        "STARTED ingest/native/key-1", "FINISHED ingest/native/key-1", "FINISHED ingest/parts");
    assertThat(events.get(0).getAttributes()).containsEntry("source", "native")
        .containsEntry("fileName", "results.ndjson").containsEntry("testName", "checkout")
        .containsEntry("targetService", "shop-api");
    assertThat(events.get(1).getAttributes()).containsEntry("samplesPublished", "3").containsEntry("rejected", "1");
    assertThat(events.get(2).getAttributes()).containsEntry("samplesPublished", "0");
    // FINISHED was sent after the samples were acknowledged: they are all on the topic.
    assertThat(TopicRecords.of(brokers, Topics.REQUEST_SAMPLES, runId, 3)).hasSize(3);
  }

  @Test
  void aMultiPartImportStaysOpenUntilItsFinalPart() throws Exception {
    String runId = "run-" + UUID.randomUUID();

    assertThat(post(runId, "final=false", "part-1", lines(2)).statusCode()).isEqualTo(200);
    List<RunEvent> afterFirst = TopicRecords.of(brokers, Topics.RUN_EVENTS, runId, 3);
    assertThat(afterFirst).extracting(e -> e.getType() + " " + e.getGeneratorId()).containsExactly(
        "STARTED ingest/parts", "STARTED ingest/native/part-1", "FINISHED ingest/native/part-1");

    assertThat(post(runId, "", "part-2", lines(5)).statusCode()).isEqualTo(200);
    List<RunEvent> events = TopicRecords.of(brokers, Topics.RUN_EVENTS, runId, 6);
    assertThat(events.subList(3, 6)).extracting(e -> e.getType() + " " + e.getGeneratorId()).containsExactly(
        "STARTED ingest/native/part-2", "FINISHED ingest/native/part-2", "FINISHED ingest/parts");
    assertThat(events.get(4).getAttributes()).containsEntry("samplesPublished", "5");
  }

  @Test
  void anUploadRefusedBeforeAnySampleStartsNoGenerator() throws Exception {
    String runId = "run-" + UUID.randomUUID();

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/ingest/jmeter?runId=" + runId + "&final=false"))
        .header("Authorization", "Bearer t0ken").header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString("1795168800000,5,GET /a,200\n")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(TopicRecords.of(brokers, Topics.RUN_EVENTS, runId, 0)).isEmpty();
  }

  @Test
  void unkeyedUploadsAreGeneratorsOfTheirOwn() throws Exception {
    String runId = "run-" + UUID.randomUUID();

    post(runId, "final=false", null, lines(1));
    post(runId, "", null, lines(1));

    List<RunEvent> events = TopicRecords.of(brokers, Topics.RUN_EVENTS, runId, 6);
    List<String> finished = events.stream().filter(e -> e.getType() == RunEventType.FINISHED)
        .map(RunEvent::getGeneratorId).filter(g -> !g.equals("ingest/parts")).toList();
    assertThat(finished).hasSize(2).doesNotHaveDuplicates().allMatch(g -> g.startsWith("ingest/upload-"));
  }

  private static String lines(int count) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      body.append("""
          {"endpoint":"GET /a","method":"GET","status":200,"startUs":%d,"latencyUs":%d}
          """.formatted(START + i, 100 + i));
    }
    return body.toString();
  }

  private HttpResponse<String> post(String runId, String query, @Nullable String key, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/ingest/native?runId=" + runId + (query.isEmpty() ? "" : "&" + query)))
        .header("Authorization", "Bearer t0ken").header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
