package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.Service;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A distributed run (2 shards) whose definition carries an {@code abortOnFail} SLO: the analyzer evaluates it
 * centrally over both shards' samples, and its one breach aborts both shards. Real broker, loadgen, analyzer and
 * cost service processes, a real slow HTTP server.
 */
class DistributedAbortIT {

  @TempDir
  Path dir;

  private static void slow(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Test
  void oneCentralBreachOfAnAbortOnFailSloAbortsBothShards() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    target.createContext("/", DistributedAbortIT::slow);
    target.start();
    Path home = Path.of(System.getProperty("perfplane.home"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Pipeline pipeline = Pipeline.start(new Pipeline.Spec(home, Service.LOADGEN, null, null,
        home.resolve("launcher/target/distributed-abort-it-logs")), new PrintStream(log, true, StandardCharsets.UTF_8))) {
      Map<String, Object> definition = Map.of(
          "name", "abort-on-fail",
          "targetService", "it-target",
          "targetBaseUrl", "http://127.0.0.1:" + target.getAddress().getPort(),
          "scenarios", List.of(Map.of("name", "users",
              "workload", Map.of("executor", "ramping-vus", "stages", List.of(
                  Map.of("duration", "500ms", "target", 4), Map.of("duration", "60s", "target", 4))),
              "steps", List.of(Map.of("name", "GET /slow", "path", "/slow")))),
          "slos", List.of(Map.of("id", "slow-p95", "objective", "p(95) < 100ms", "endpoint", "GET /slow",
              "window", "2s", "minRequests", 5, "abortOnFail", true)));
      long started = System.nanoTime();
      JsonNode submitted = new ControlClient().post(pipeline.baseUri(Service.LOADGEN).resolve("/runs?shards=2"),
          pipeline.secret(Service.LOADGEN), definition);
      String runId = submitted.path("runId").asString();
      assertThat(submitted.path("shards").asInt()).isEqualTo(2);

      List<RunEvent> events = eventsOf(pipeline.bootstrapServers(), runId, Duration.ofSeconds(90));
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

      Set<String> startedShards = generators(events, RunEventType.STARTED);
      assertThat(startedShards).hasSize(2);
      assertThat(abortRequestsOf(pipeline.bootstrapServers(), runId))
          .as("one central abort request, from the analyzer, on abort-requests").singleElement()
          .satisfies(request -> {
            assertThat(request.getRequestedBy()).isEqualTo("analyzer");
            assertThat(request.getAttributes()).containsEntry("sloId", "slow-p95");
          });
      assertThat(events).extracting(RunEvent::getType).as("run-events carries facts only")
          .doesNotContain(RunEventType.ABORT_REQUESTED);
      assertThat(generators(events, RunEventType.ABORTED)).as("both shards aborted").isEqualTo(startedShards);
      assertThat(generators(events, RunEventType.FINISHED)).isEmpty();
      assertThat(seconds).as("aborted long before its planned 60 s").isLessThan(45);
      assertThat(events.stream().filter(e -> e.getType() == RunEventType.STARTED)
          .map(e -> e.getAttributes().get("slos"))).allSatisfy(slos -> assertThat(slos).contains("slow-p95"));
    } finally {
      target.stop(0);
    }
  }

  private static Set<String> generators(List<RunEvent> events, RunEventType type) {
    return events.stream().filter(e -> e.getType() == type).map(e -> e.getGeneratorId().toString())
        .collect(Collectors.toSet());
  }

  /** The run's requests on abort-requests (read_committed), read after the run ended: whatever arrives in 5 s. */
  private static List<AbortRequest> abortRequestsOf(String bootstrap, String runId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<AbortRequest> requests = new ArrayList<>();
    try (KafkaConsumer<String, AbortRequest> consumer = new KafkaConsumer<>(props,
        Topics.ABORT_REQUESTS.keySerde().deserializer(), Topics.ABORT_REQUESTS.valueSerde().deserializer())) {
      // Assigned, not subscribed: no group to join, every partition from its beginning.
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ABORT_REQUESTS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, AbortRequest> record : consumer.poll(Duration.ofMillis(500))) {
          if (runId.equals(record.key())) {
            requests.add(record.value());
          }
        }
      }
    }
    return requests;
  }

  /** The run's events on run-events (read_committed) until two shards reported an end, or the timeout. */
  private static List<RunEvent> eventsOf(String bootstrap, String runId, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + runId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<RunEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, RunEvent> consumer = new KafkaConsumer<>(props,
        Topics.RUN_EVENTS.keySerde().deserializer(), Topics.RUN_EVENTS.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.RUN_EVENTS.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      long endedAt = -1;
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, RunEvent> record : consumer.poll(Duration.ofMillis(500))) {
          if (runId.equals(record.key())) {
            events.add(record.value());
          }
        }
        long ends = events.stream().filter(e -> e.getType() == RunEventType.ABORTED
            || e.getType() == RunEventType.FINISHED).count();
        if (ends >= 2 && endedAt < 0) {
          endedAt = System.nanoTime();
        }
        // A few more seconds: a second, wrong abort request would show up here.
        if (endedAt > 0 && System.nanoTime() - endedAt > Duration.ofSeconds(3).toNanos()) {
          break;
        }
      }
    }
    return events;
  }
}
