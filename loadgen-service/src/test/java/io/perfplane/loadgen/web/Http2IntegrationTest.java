package io.perfplane.loadgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/2 end to end: definitions with an {@code http:} section run through the REST API against real Jetty HTTP/2
 * servers (h2c with prior knowledge; TLS with ALPN and a self-signed certificate; TLS that needs a client
 * certificate), with the samples read back from the embedded Kafka broker. Eight virtual users log in once (a token
 * header and a session cookie, extracted and sent back) and then share one connection as concurrent streams.
 */
@LoadgenSpringTest
class Http2IntegrationTest {

  private static Path dir;
  private static H2Target target;

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  private ControlClient client;

  @BeforeAll
  static void startTarget() throws Exception {
    dir = Files.createTempDirectory("h2-target");
    target = new H2Target(dir);
  }

  @AfterAll
  static void stopTarget() throws Exception {
    target.close();
  }

  @BeforeEach
  void client() {
    client = new ControlClient(port);
  }

  private static String definition(String runId, String baseUrl, String http) {
    return """
        runId: %s
        name: h2
        targetService: h2-target
        targetBaseUrl: %s
        requestTimeout: 3s
        http: %s
        defaults:
          headers: {X-Run: %s}
        scenarios:
          - name: journey
            workload: {executor: ramping-vus, stages: [{duration: 100ms, target: 8}, {duration: 1500ms, target: 8}]}
            onStart:
              - name: GET /token
                path: /token
                extract: [{name: token, header: X-Token}]
            steps:
              - name: GET /work
                path: /work
                headers: {Authorization: 'Bearer ${token}'}
                checks: [{status: [200]}]
        """.formatted(runId, baseUrl, http, runId);
  }

  @Test
  void h2cWithPriorKnowledgeMultiplexesEveryUserOverOneConnection() throws Exception {
    String runId = "h2c";
    List<RequestSample> samples = run(runId, target.h2cUrl(), "{version: 2, maxConnections: 1}");

    assertThat(samples).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE);
      assertThat(s.getTags()).containsEntry("proto", "HTTP/2.0");
    });
    H2Target.Stats stats = target.stats(runId);
    assertThat(stats.protocols).containsExactly("HTTP/2.0");
    assertThat(stats.connections).as("one connection for all eight users").hasSize(1);
    assertThat(stats.maxConcurrentStreams.get()).as("streams in flight at once on it").isGreaterThan(1);
  }

  @Test
  void autoNegotiatesH2OverTlsByAlpnAndSharesOneConnection() throws Exception {
    String runId = "h2-tls-auto";
    List<RequestSample> samples = run(runId, target.tlsUrl(), "{insecureSkipVerify: true, maxConnections: 1}");

    assertThat(samples).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE);
      assertThat(s.getTags()).containsEntry("proto", "HTTP/2.0");
    });
    H2Target.Stats stats = target.stats(runId);
    assertThat(stats.protocols).containsExactly("HTTP/2.0");
    assertThat(stats.connections).hasSize(1);
    assertThat(stats.maxConcurrentStreams.get()).isGreaterThan(1);
  }

  @Test
  void version11SpeaksHttp11OverTlsToAServerThatOffersH2() throws Exception {
    String runId = "h1-tls";
    List<RequestSample> samples = run(runId, target.tlsUrl(), "{version: 1.1, insecureSkipVerify: true}");

    assertThat(samples).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE);
      assertThat(s.getTags()).containsEntry("proto", "HTTP/1.1");
    });
    assertThat(target.stats(runId).protocols).containsExactly("HTTP/1.1");
  }

  @Test
  void aSelfSignedCertificateIsRefusedUnlessVerificationIsSkipped() throws Exception {
    for (String version : List.of("2", "1.1")) {
      String runId = "untrusted-" + version.replace('.', '-');
      List<RequestSample> samples = run(runId, target.tlsUrl(), "{version: " + version + "}");

      assertThat(samples).as(version).isNotEmpty().allSatisfy(s -> {
        assertThat(s.getErrorKind()).isEqualTo(ErrorKind.CONNECT);
        assertThat(s.getTags()).doesNotContainKey("proto");
      });
      assertThat(target.stats(runId).connections).as("no request reached the server").isEmpty();
    }
  }

  @Test
  void aClientCertificateFromAKeystoreWithAPasswordFileIsPresented() throws Exception {
    Path password = H2Target.passwordFile(dir);
    String certificate = "{keystore: '%s', passwordFile: '%s'}".formatted(target.clientKeystore, password);
    String runId = "mtls";
    List<RequestSample> samples = run(runId, target.mutualTlsUrl(),
        "{version: 2, insecureSkipVerify: true, maxConnections: 1, clientCertificate: " + certificate + "}");

    assertThat(samples).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE);
      assertThat(s.getTags()).containsEntry("proto", "HTTP/2.0");
    });
    assertThat(target.stats(runId).connections).hasSize(1);

    List<RequestSample> without = run("mtls-none", target.mutualTlsUrl(), "{version: 2, insecureSkipVerify: true}");
    assertThat(without).isNotEmpty().allSatisfy(s -> assertThat(s.getErrorKind()).isNotEqualTo(ErrorKind.NONE));
  }

  @Test
  void anUnreadableKeystoreRefusesTheRunNamingTheField() throws Exception {
    String yaml = definition("bad-keystore", target.mutualTlsUrl(),
        "{version: 2, clientCertificate: {keystore: /nonexistent/client.p12, passwordEnv: NOT_SET_ANYWHERE_42}}");

    ControlClient.Response response = client.post("/runs", yaml, "application/yaml", ControlClient.bearer());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("http.clientCertificate.passwordEnv");
  }

  private List<RequestSample> run(String runId, String baseUrl, String http) throws Exception {
    ControlClient.Response started = client.post("/runs", definition(runId, baseUrl, http), "application/yaml",
        ControlClient.bearer());
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode status = awaitEnd(runId);
    assertThat(status.get("state").asString()).isEqualTo("FINISHED");
    long requests = status.get("requests").asLong();
    assertThat(requests).isPositive();
    return readSamples(runId, requests);
  }

  private JsonNode awaitEnd(String runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = client.get("/runs/" + runId, ControlClient.bearer()).json();
      if (!status.get("state").asString().equals("RUNNING")) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + runId + " did not end within 30 s");
  }

  private List<RequestSample> readSamples(String runId, long expected) {
    List<RequestSample> samples = new ArrayList<>();
    try (KafkaConsumer<String, RequestSample> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        Topics.REQUEST_SAMPLES.keySerde().deserializer(), Topics.REQUEST_SAMPLES.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.REQUEST_SAMPLES.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (samples.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, RequestSample> record : consumer.poll(Duration.ofMillis(200))) {
          if (runId.equals(record.key())) {
            samples.add(record.value());
          }
        }
      }
    }
    assertThat(samples).as("samples of " + runId).hasSize((int) expected);
    return samples;
  }
}
