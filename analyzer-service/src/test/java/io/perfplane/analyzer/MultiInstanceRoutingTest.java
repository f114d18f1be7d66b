package io.perfplane.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two analyzer services (same application id) split the partitions; each answers REST reads for every run, forwarding
 * reads of runs it does not own to the owning instance (interactive-query routing via {@code application.server}).
 */
class MultiInstanceRoutingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int SAMPLES = 40;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dirs;

  @Test
  void everyInstanceAnswersForEveryRun() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
      int portA = freePort();
      int portB = freePort();
      try (ConfigurableApplicationContext a = start(broker, portA, "a");
          ConfigurableApplicationContext b = start(broker, portB, "b")) {
        List<String> runs = runsOnEveryPartition();
        produce(broker, runs);

        for (int port : new int[] {portA, portB}) {
          for (String runId : runs) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().untilAsserted(() -> {
                  HttpResponse<String> response = get(port, "/runs/" + runId, false);
                  assertThat(response.statusCode()).isEqualTo(200);
                  JsonNode report = JSON.readTree(response.body());
                  assertThat(report.get("finished").asBoolean()).isTrue();
                  assertThat(report.get("requests").asLong()).isEqualTo(SAMPLES);
                  HttpResponse<String> endpoint = get(port, "/runs/" + runId + "/endpoints/GET%20/a?window=run", false);
                  assertThat(endpoint.statusCode()).isEqualTo(200);
                  assertThat(JSON.readTree(endpoint.body()).at("/windows/run/requests").asLong()).isEqualTo(SAMPLES);
                });
          }
          JsonNode list = JSON.readTree(get(port, "/runs", false).body());
          assertThat(list.findValuesAsString("runId")).containsExactlyInAnyOrderElementsOf(runs);
        }

        // Routing was needed: answered locally only, each instance knows just the runs of its own partitions.
        List<String> localA = new ArrayList<>();
        List<String> localB = new ArrayList<>();
        for (String runId : runs) {
          if (get(portA, "/runs/" + runId, true).statusCode() == 200) {
            localA.add(runId);
          }
          if (get(portB, "/runs/" + runId, true).statusCode() == 200) {
            localB.add(runId);
          }
        }
        assertThat(localA).isNotEmpty().doesNotContainAnyElementsOf(localB);
        assertThat(localB).isNotEmpty();
        assertThat(localA.size() + localB.size()).isEqualTo(runs.size());
      }
    }
  }

  private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, int port, String name) {
    // Command-line arguments: they take precedence over application.yml (default properties would not).
    return new SpringApplicationBuilder(AnalyzerApplication.class).run(
        "--server.port=" + port,
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--spring.kafka.streams.state-dir=" + dirs.resolve(name),
        "--PERFPLANE_ADVERTISED_ADDRESS=localhost:" + port,
        "--perfplane.analyzer.finalize-grace=120s");
  }

  /** One run id per partition of request-samples (hashed as Kafka's default partitioner does). */
  private static List<String> runsOnEveryPartition() {
    int partitions = Topics.REQUEST_SAMPLES.partitions();
    Map<Integer, String> byPartition = new TreeMap<>();
    for (int i = 0; byPartition.size() < partitions; i++) {
      String runId = "routed-" + i;
      byPartition.putIfAbsent(
          Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitions, runId);
    }
    return List.copyOf(byPartition.values());
  }

  private static void produce(EmbeddedKafkaBroker broker, List<String> runs) {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    long t0 = 1_800_000_000L * 1_000_000L;
    try (KafkaProducer<String, RequestSample> samples = new KafkaProducer<>(config,
        Topics.REQUEST_SAMPLES.keySerde().serializer(), Topics.REQUEST_SAMPLES.valueSerde().serializer());
        KafkaProducer<String, RunEvent> events = new KafkaProducer<>(config,
            Topics.RUN_EVENTS.keySerde().serializer(), Topics.RUN_EVENTS.valueSerde().serializer())) {
      for (String runId : runs) {
        events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, event(runId, RunEventType.STARTED, t0,
            Map.of())));
        for (int i = 0; i < SAMPLES; i++) {
          long start = t0 + i * 10_000L;
          samples.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, RequestSample.newBuilder()
              .setRunId(runId).setGeneratorId("gen-1").setScenario("default").setEndpoint("GET /a")
              .setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE).setIntendedStartUs(start)
              .setActualStartUs(start).setLatencyUs(5_000 + i).setServiceTimeUs(5_000 + i).build()));
        }
      }
      samples.flush();
      for (String runId : runs) {
        events.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, event(runId, RunEventType.FINISHED,
            t0 + 1_000_000, Map.of("samplesPublished", Integer.toString(SAMPLES)))));
      }
    }
  }

  private static RunEvent event(String runId, RunEventType type, long atUs, Map<String, String> attributes) {
    return RunEvent.newBuilder().setRunId(runId).setType(type).setAtUs(atUs).setGeneratorId("gen-1")
        .setAttributes(attributes).build();
  }

  private HttpResponse<String> get(int port, String path, boolean localOnly) throws IOException,
      InterruptedException {
    // The token of src/test/resources/config/application.yml; forwarded reads carry it on to the owner.
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer analyzer-test-token").GET();
    if (localOnly) {
      request.header("X-Perfplane-Forwarded", "1");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
