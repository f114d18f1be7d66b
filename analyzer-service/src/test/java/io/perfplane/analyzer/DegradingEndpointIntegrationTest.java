package io.perfplane.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Given the analyzer (real Spring context, SLOs from a YAML file) on the runtime module's in-process broker, when a
 * run's endpoint B is fast, then slow for eight seconds, then fast again while endpoint A stays fast, then
 * {@code slo-breaches} (read_committed) holds exactly one OPENED and one RESOLVED breach for (run, B, b-p95) and
 * nothing for A. Event-time driven: the verdicts depend on the samples' timestamps, not on how fast they arrive.
 *
 * <p>And the breach webhook, whose receiver is down for the first 30 s after the breach: once it is up it gets both
 * events, in order, each signed with the configured secret, each CloudEvent id once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "perfplane.analyzer.slo-file=src/test/resources/degrading-endpoint-slos.yml",
    // Finalized because every published sample arrived, never by a timeout on a slow machine.
    "perfplane.analyzer.finalize-grace=300s",
    "spring.kafka.streams.application-id=perfplane-analyzer-degrading-it",
    "perfplane.analyzer.webhooks.allowed-hosts=127.0.0.1:*",
    "perfplane.analyzer.webhooks.start-from=earliest",
    "perfplane.analyzer.webhooks.initial-backoff=200ms",
    "perfplane.analyzer.webhooks.max-backoff=2s",
    "perfplane.analyzer.webhooks.max-attempts=60"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DegradingEndpointIntegrationTest {

  private static final int PER_SECOND = 50;
  private static final int SECONDS = 30;
  private static final int SLOW_FROM = 10;
  private static final int SLOW_TO = 17;
  static final String SECRET = "it-webhook-secret";
  private static EmbeddedKafkaBroker broker;
  /** The receiver's port, reserved now, listened on only once the receiver comes up. */
  private static final int RECEIVER_PORT = freePort();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.start(null, 0);
      // Streams needs its source topics before it starts.
      broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
    }
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    // One property source for the whole target: Spring Boot binds a list element from one source only.
    registry.add("perfplane.analyzer.webhooks.targets[0].url", () -> "http://127.0.0.1:" + RECEIVER_PORT + "/hook");
    registry.add("perfplane.analyzer.webhooks.targets[0].secret", () -> SECRET);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The broker closes with this class's context (after Streams stopped in the lifecycle phase): a cached context must
   * not outlive its broker and keep reconnecting while later test classes run.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class BrokerLifecycle {

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker testBroker() {
      return broker;
    }
  }

  /** The run of the first test, whose breaches the foreign clients read. */
  private static volatile String breachedRun;

  @Test
  @Order(1)
  void oneEndpointDegradingMidRunOpensAndResolvesExactlyOneBreach() throws Exception {
    String runId = "degrade-" + UUID.randomUUID();
    long t0Us = (System.currentTimeMillis() / 1000) * 1_000_000L; // a whole second, so slices are exact
    List<RequestSample> samples = new ArrayList<>();
    for (int second = 0; second < SECONDS; second++) {
      boolean slow = second >= SLOW_FROM && second <= SLOW_TO;
      for (int i = 0; i < PER_SECOND; i++) {
        long startUs = t0Us + second * 1_000_000L + i * 10_000L; // ends inside its second even at 400 ms
        samples.add(sample(runId, "GET /a", startUs, 20_000));
        samples.add(sample(runId, "GET /b", startUs + 5_000, slow ? 400_000 : 20_000));
      }
    }
    // In order of completion, as a load generator publishes them: nothing arrives for an evaluated second.
    samples.sort(Comparator.comparingLong(s -> s.getIntendedStartUs() + s.getLatencyUs()));

    try (KafkaProducer<String, RequestSample> sampleProducer = producer(Topics.REQUEST_SAMPLES.valueSerde());
        KafkaProducer<String, RunEvent> eventProducer = producer(Topics.RUN_EVENTS.valueSerde())) {
      eventProducer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId,
          event(runId, RunEventType.STARTED, t0Us, Map.of())));
      eventProducer.flush();
      for (RequestSample sample : samples) {
        sampleProducer.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, sample));
      }
      sampleProducer.flush();
      eventProducer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, event(runId, RunEventType.FINISHED,
          t0Us + SECONDS * 1_000_000L, Map.of("samplesPublished", Integer.toString(samples.size())))));
    }

    List<SloBreach> breaches = new ArrayList<>();
    List<CapacityEvent> capacity = new ArrayList<>();
    try (KafkaConsumer<String, SloBreach> breachConsumer = consumer(Topics.SLO_BREACHES.valueSerde());
        KafkaConsumer<String, CapacityEvent> capacityConsumer = consumer(Topics.CAPACITY_EVENTS.valueSerde())) {
      breachConsumer.subscribe(List.of(Topics.SLO_BREACHES.name()));
      capacityConsumer.subscribe(List.of(Topics.CAPACITY_EVENTS.name()));
      // The capacity event is published last, after the final evaluation: once it is visible, so is every breach
      // committed before or with it.
      Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
        capacityConsumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value().getRunId().equals(runId)) {
            capacity.add(r.value());
          }
        });
        return !capacity.isEmpty();
      });
      Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
        int before = breaches.size();
        breachConsumer.poll(Duration.ofMillis(500)).forEach(r -> {
          if (r.value().getRunId().equals(runId)) {
            breaches.add(r.value());
          }
        });
        return breaches.size() == before && breachConsumer.assignment().size() > 0
            && breachConsumer.assignment().stream().allMatch(tp -> breachConsumer.position(tp)
                >= breachConsumer.endOffsets(List.of(tp)).get(tp));
      });
    }

    assertThat(breaches).as("nothing for the endpoint that stayed fast")
        .noneMatch(b -> b.getEndpoint().equals("GET /a"));
    assertThat(breaches).extracting(SloBreach::getState)
        .as("exactly one episode for B: opened once, resolved once")
        .containsExactly(BreachState.OPENED, BreachState.RESOLVED);
    SloBreach opened = breaches.get(0);
    SloBreach resolved = breaches.get(1);
    assertThat(opened.getSloId()).isEqualTo("b-p95");
    assertThat(opened.getEndpoint()).isEqualTo("GET /b");
    assertThat(resolved.getBreachId()).isEqualTo(opened.getBreachId());
    // Opened in the first slow second: by the early check while that second was still arriving, or by live
    // evaluation at its end.
    assertThat(opened.getOpenedAtUs()).isBetween(t0Us + SLOW_FROM * 1_000_000L, t0Us + (SLOW_FROM + 1) * 1_000_000L);
    assertThat(opened.getObserved()).isGreaterThan(100.0);
    assertThat(resolved.getObserved()).isLessThan(100.0);
    assertThat(capacity.getFirst().getSloHeld()).isFalse();
    breachedRun = runId;

    // The webhook receiver was down so far; it comes up 30 s later and must get every event, in order, signed.
    Thread.sleep(Duration.ofSeconds(30));
    List<String[]> received = new CopyOnWriteArrayList<>(); // {signature ok, CloudEvent}
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), RECEIVER_PORT), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String timestamp = exchange.getRequestHeaders().getFirst("X-Perfplane-Timestamp");
      String signature = exchange.getRequestHeaders().getFirst("X-Perfplane-Signature");
      received.add(new String[] {Boolean.toString(verified(timestamp, body, signature)), body,
          exchange.getRequestHeaders().getFirst("Content-Type")});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
          .filter(r -> r[1].contains(runId)).count() >= 2);
      Thread.sleep(1000); // nothing more may come for this run
      List<String[]> ours = received.stream().filter(r -> r[1].contains(runId)).toList();
      assertThat(ours).allSatisfy(r -> {
        assertThat(r[0]).as("HMAC of timestamp.body with the secret").isEqualTo("true");
        assertThat(r[2]).startsWith("application/cloudevents+json");
      });
      List<JsonNode> events = ours.stream().map(r -> JSON.readTree(r[1])).toList();
      assertThat(events).extracting(e -> e.get("type").asString()).as("in order").containsExactly(
          "io.perfplane.slo.breach.opened", "io.perfplane.slo.breach.resolved");
      assertThat(events).extracting(e -> e.get("id").asString()).doesNotHaveDuplicates();
      assertThat(events.getFirst().get("data").get("breachId").asString()).isEqualTo(opened.getBreachId());
      assertThat(events.getFirst().get("subject").asString()).isEqualTo(runId);
    } finally {
      receiver.stop(0);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  @Order(2)
  void foreignClientsReadThoseBreachesWithoutJava() throws Exception {
    String runId = breachedRun;
    Assertions.assertNotNull(runId, "the first test produced no breach");

    // kcat prints the JSON sibling as it is: readable, one CloudEvent per line.
    List<String> kcat = ForeignClients.kcat(broker.bootstrapServers(), Topics.SLO_BREACHES_JSON.name()).stream()
        .filter(line -> line.contains(runId)).toList();
    assertThat(kcat).hasSize(2);
    List<JsonNode> events = kcat.stream().map(line -> JSON.readTree(line.substring(line.indexOf('\t') + 1))).toList();
    assertThat(events).extracting(e -> e.get("type").asString())
        .containsExactly("io.perfplane.slo.breach.opened", "io.perfplane.slo.breach.resolved");
    assertThat(kcat.getFirst()).startsWith(runId + "|b-p95|GET /b\t");

    // Node.js decodes the Avro topic's single-object encoding with the published .avsc files and avsc.
    List<JsonNode> decoded = ForeignClients.nodeAvro(broker.bootstrapServers(), Topics.SLO_BREACHES.name(),
        "SloBreach", runId, 2).stream().map(JSON::readTree).toList();
    assertThat(decoded).extracting(d -> d.get("record").get("state").asString()).containsExactly("OPENED", "RESOLVED");
    assertThat(decoded).allSatisfy(d -> {
      assertThat(d.get("writerFile").asString()).isEqualTo("SloBreach.avsc");
      assertThat(Long.parseUnsignedLong(d.get("writerFingerprint").asString(), 16)).isEqualTo(
          org.apache.avro.SchemaNormalization.parsingFingerprint64(SloBreach.getClassSchema()));
      assertThat(d.get("record").get("sloId").asString()).isEqualTo("b-p95");
      assertThat(d.get("record").get("endpoint").asString()).isEqualTo("GET /b");
      assertThat(d.get("record").get("metric").asString()).isEqualTo("latency");
    });
    assertThat(decoded.getFirst().get("record").get("breachId").asString())
        .isEqualTo(events.getFirst().get("data").get("breachId").asString());
    assertThat(decoded.getFirst().get("record").get("observed").asDouble())
        .isEqualTo(events.getFirst().get("data").get("observed").asDouble());
  }

  private static boolean verified(String timestamp, String body, String signature) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
          .getBytes(StandardCharsets.UTF_8)))).getBytes(StandardCharsets.UTF_8);
      return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RequestSample sample(String runId, String endpoint, long startUs, long latencyUs) {
    return RequestSample.newBuilder().setRunId(runId).setGeneratorId("gen-1").setScenario("default")
        .setEndpoint(endpoint).setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(startUs).setActualStartUs(startUs).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs)
        .build();
  }

  private static RunEvent event(String runId, RunEventType type, long atUs, Map<String, String> attributes) {
    return RunEvent.newBuilder().setRunId(runId).setType(type).setAtUs(atUs).setGeneratorId("gen-1")
        .setAttributes(attributes).build();
  }

  private static <V> KafkaProducer<String, V> producer(Serde<V> valueSerde) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), Topics.REQUEST_SAMPLES.keySerde().serializer(), valueSerde.serializer());
  }

  private static <V> KafkaConsumer<String, V> consumer(Serde<V> valueSerde) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), Topics.SLO_BREACHES.keySerde().deserializer(),
        valueSerde.deserializer());
  }
}
