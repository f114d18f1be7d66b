package io.perfplane.loadgen.web;

import io.perfplane.loadgen.engine.FakeTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * End to end: runs driven through the REST API against a real HTTP server, with samples and run events read back
 * from a real (embedded) Kafka broker.
 */
@LoadgenSpringTest
class LoadgenKafkaIntegrationTest {

  private static FakeTarget target;

  @LocalServerPort
  int port;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrapServers;

  @Autowired
  MeterRegistry meters;

  @Autowired
  KafkaMessageListenerContainer<String, AbortRequest> abortRequestContainer;

  @Autowired
  KafkaMessageListenerContainer<String, RunEvent> legacyAbortRequestContainer;

  private ControlClient client;

  @BeforeAll
  static void startTarget() throws Exception {
    target = new FakeTarget();
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @BeforeEach
  void client() {
    client = new ControlClient(port);
  }

  private Map<String, Object> plan(String runId, List<Map<String, Object>> stages) {
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("runId", runId);
    plan.put("name", "demo");
    plan.put("targetService", "fake-target");
    plan.put("targetBaseUrl", target.baseUrl());
    plan.put("stages", stages);
    plan.put("requests", List.of(
        Map.of("name", "GET /ok", "method", "GET", "path", "/ok", "headers", Map.of("X-Api-Key", runId)),
        Map.of("name", "GET /ok again", "method", "GET", "path", "/ok", "headers", Map.of("X-Api-Key", runId)),
        Map.of("name", "GET /fail", "method", "GET", "path", "/fail", "headers", Map.of("X-Api-Key", runId))));
    plan.put("thinkTimeMs", 20);
    plan.put("requestTimeoutMs", 2000);
    return plan;
  }

  private static Map<String, Object> stage(long durationMs, int targetVus) {
    return Map.of("durationMs", durationMs, "targetVus", targetVus);
  }

  @Test
  void runsAPlanAndPublishesEverySampleAndItsLifecycle() throws Exception {
    String runId = "it-finish";
    ControlClient.Response started = client.postJson("/runs",
        plan(runId, List.of(stage(500, 4), stage(1_500, 4), stage(500, 0))));

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.location()).isEqualTo("/runs/" + runId);
    assertThat(started.json().get("runId").asString()).isEqualTo(runId);
    assertThat(started.json().get("state").asString()).isEqualTo("RUNNING");

    JsonNode status = awaitEnd(runId);
    // The fields the launcher reads keep their names and order; progress fields for CLIs follow them.
    assertThat(status.propertyNames()).startsWith("runId", "name", "state", "stageIndex", "activeVus",
        "targetVus", "elapsedMs", "plannedDurationMs", "requests", "errors", "samplesPublished", "samplesDropped",
        "samplesFailed", "reason").contains("remainingMs", "requestsPerSecond", "p95Ms", "errorRate",
        "droppedIterations", "scenarios", "thresholds", "thresholdsPassed");
    assertThat(status.get("state").asString()).isEqualTo("FINISHED");
    assertThat(status.get("reason").isNull()).isTrue();
    assertThat(status.get("plannedDurationMs").asLong()).isEqualTo(2_500);
    assertThat(status.get("stageIndex").asInt()).isEqualTo(2);
    assertThat(status.get("activeVus").asInt()).isZero();
    long published = status.get("samplesPublished").asLong();
    long served = target.requestsWithHeader(runId);
    assertThat(published).isPositive().isEqualTo(status.get("requests").asLong()).isEqualTo(served);
    assertThat(status.get("samplesDropped").asLong()).isZero();
    assertThat(status.get("samplesFailed").asLong()).isZero();

    List<ConsumerRecord<String, RequestSample>> samples = readRun(Topics.REQUEST_SAMPLES, runId,
        records -> records.size() >= published);
    assertThat(samples).hasSize((int) published).allSatisfy(record -> {
      assertThat(record.key()).isEqualTo(runId);
      assertThat(record.value().getGeneratorId()).isEqualTo(LoadgenSpringTest.GENERATOR_ID);
      assertThat(record.value().getScenario()).isEqualTo("demo");
    });
    long httpErrors = samples.stream().filter(r -> r.value().getErrorKind() == ErrorKind.HTTP_STATUS).count();
    assertThat(httpErrors).isPositive().isEqualTo(status.get("errors").asLong());
    assertThat(samples.stream().filter(r -> r.value().getStatus() == 500).count()).isEqualTo(httpErrors);
    assertThat(samples.stream().map(r -> r.value().getEndpoint()).distinct())
        .containsExactlyInAnyOrder("GET /ok", "GET /ok again", "GET /fail");

    List<RunEvent> events = readRun(Topics.RUN_EVENTS, runId, hasEvent(RunEventType.FINISHED)).stream()
        .map(ConsumerRecord::value).toList();
    assertThat(events).extracting(RunEvent::getType).containsExactly(RunEventType.STARTED,
        RunEventType.STAGE_CHANGED, RunEventType.STAGE_CHANGED, RunEventType.STAGE_CHANGED, RunEventType.FINISHED);
    assertThat(events).allSatisfy(e -> assertThat(e.getGeneratorId()).isEqualTo(LoadgenSpringTest.GENERATOR_ID));
    assertThat(events.getFirst().getAttributes()).containsEntry("targetBaseUrl", target.baseUrl())
        .containsEntry("name", "demo").containsEntry("targetService", "fake-target")
        .containsEntry("plannedDurationMs", "2500");
    assertThat(events.subList(1, 4)).extracting(RunEvent::getStageIndex).containsExactly(0, 1, 2);
    assertThat(events.subList(1, 4)).extracting(RunEvent::getTargetConcurrency).containsExactly(4, 4, 0);
    assertThat(events.subList(1, 4)).extracting(RunEvent::getStageDurationMs).containsExactly(500L, 1_500L, 500L);
    assertThat(events.getLast().getAttributes()).containsEntry("samplesPublished", Long.toString(published))
        .containsEntry("requests", Long.toString(published))
        .containsEntry("samplesDropped", "0").containsEntry("samplesFailed", "0");
    // Event times follow the run: STARTED before the first sample, FINISHED after the last.
    long firstSampleUs = samples.stream().mapToLong(r -> r.value().getActualStartUs()).min().orElseThrow();
    long lastSampleUs = samples.stream().mapToLong(r -> r.value().getActualStartUs()).max().orElseThrow();
    assertThat(events.getFirst().getAtUs()).isLessThanOrEqualTo(firstSampleUs);
    assertThat(events.getLast().getAtUs()).isGreaterThan(lastSampleUs);
    assertThat(Instant.ofEpochSecond(0, firstSampleUs * 1_000)).isBetween(Instant.now().minusSeconds(60), Instant.now());

    assertThat(meters.get("perfplane.loadgen.samples.published").counter().count()).isGreaterThanOrEqualTo(published);
    assertThat(client.get("/runs", ControlClient.bearer()).json().valueStream()
        .map(run -> run.get("runId").asString())).contains(runId);
    assertThat(client.postJson("/runs", plan(runId, List.of(stage(100, 1)))).status()).isEqualTo(409);
    assertThat(client.post("/runs/" + runId + "/stop", null, ControlClient.bearer()).status()).isEqualTo(409);
  }

  @Test
  void aYamlDefinitionWithAnOpenAndAClosedScenarioPublishesEverySample() throws Exception {
    String runId = "it-yaml";
    String yaml = """
        runId: %s
        name: mixed
        targetService: fake-target
        targetBaseUrl: %s
        defaults:
          headers: {X-Api-Key: %s}
        scenarios:
          - name: arrivals
            # A cap of every arrival the schedule makes (100/s for 2 s): on a loaded CI machine a stall of a few
            # hundred ms would otherwise drop arrivals, which OpenModelTest covers; here every one must be published.
            workload: {executor: constant-arrival-rate, rate: 100, duration: 2s, maxConcurrency: 200}
            steps:
              - {name: GET /ok, path: /ok, checks: [{status: [200]}]}
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 100ms, target: 3}, {duration: 1500ms, target: 3}]}
            thinkTime: {uniform: {min: 5ms, max: 15ms}}
            steps:
              - {name: GET /json, path: /json, checks: [{jsonPath: $.slug, equals: engineering}]}
        thresholds:
          - {threshold: p(95) < 2s}
        """.formatted(runId, target.baseUrl(), runId);
    ControlClient.Response started = client.post("/runs", yaml, "application/yaml", ControlClient.bearer());
    assertThat(started.status()).isEqualTo(202);

    JsonNode status = awaitEnd(runId);
    assertThat(status.get("state").asString()).isEqualTo("FINISHED");
    assertThat(status.get("errors").asLong()).isZero();
    assertThat(status.get("droppedIterations").asLong()).isZero();
    assertThat(status.get("thresholdsPassed").asBoolean()).isTrue();
    assertThat(status.get("scenarios").get(0).get("iterations").asLong()).isEqualTo(200);
    long published = status.get("samplesPublished").asLong();
    assertThat(published).isEqualTo(status.get("requests").asLong()).isEqualTo(target.requestsWithHeader(runId));

    List<ConsumerRecord<String, RequestSample>> samples = readRun(Topics.REQUEST_SAMPLES, runId,
        records -> records.size() >= published);
    assertThat(samples).hasSize((int) published);
    assertThat(samples.stream().filter(r -> r.value().getScenario().equals("arrivals")).count()).isEqualTo(200);
    assertThat(samples).filteredOn(r -> r.value().getScenario().equals("arrivals")).allSatisfy(r ->
        assertThat(r.value().getLatencyUs()).isGreaterThanOrEqualTo(r.value().getServiceTimeUs()));
  }

  @Test
  void queryOverridesSetRunIdAndTargetAndTheStatusCarriesCumulativeFiguresPerEndpoint() throws Exception {
    String runId = "it-cli-overrides";
    // No targetBaseUrl in the document: the CLI's --target supplies it, as ?targetBaseUrl=.
    String yaml = """
        name: cli
        targetService: fake-target
        defaults:
          headers: {X-Api-Key: %s}
        scenarios:
          - name: users
            workload: {executor: ramping-vus, stages: [{duration: 50ms, target: 2}, {duration: 1s, target: 2}]}
            thinkTime: {constant: 10ms}
            steps:
              - {name: GET /ok, path: /ok}
              - {name: GET /fail, path: /fail}
        """.formatted(runId);
    String query = "?runId=" + runId + "&targetBaseUrl="
        + java.net.URLEncoder.encode(target.baseUrl(), java.nio.charset.StandardCharsets.UTF_8);
    ControlClient.Response started = client.post("/runs" + query, yaml, "application/yaml", ControlClient.bearer());
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().get("runId").asString()).isEqualTo(runId);

    JsonNode status = awaitEnd(runId);
    assertThat(status.get("state").asString()).isEqualTo("FINISHED");
    long requests = status.get("requests").asLong();
    assertThat(requests).isPositive().isEqualTo(target.requestsWithHeader(runId));
    JsonNode overall = status.get("overall");
    assertThat(overall.get("requests").asLong()).isEqualTo(requests);
    assertThat(overall.get("errors").asLong()).isEqualTo(status.get("errors").asLong());
    assertThat(overall.get("endpoint").isNull()).isTrue();
    double p50 = overall.get("p50Ms").asDouble();
    assertThat(p50).isPositive();
    assertThat(overall.get("p90Ms").asDouble()).isGreaterThanOrEqualTo(p50);
    assertThat(overall.get("p95Ms").asDouble()).isGreaterThanOrEqualTo(overall.get("p90Ms").asDouble());
    assertThat(overall.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(overall.get("p95Ms").asDouble());
    assertThat(overall.get("maxMs").asDouble()).isGreaterThanOrEqualTo(overall.get("p99Ms").asDouble());
    assertThat(overall.get("meanMs").asDouble()).isPositive().isLessThanOrEqualTo(overall.get("maxMs").asDouble());

    JsonNode endpoints = status.get("endpoints");
    assertThat(endpoints.valueStream().map(e -> e.get("endpoint").asString())).containsExactly("GET /fail", "GET /ok");
    // Each user alternates /ok and /fail: every /fail is an error, no /ok is.
    assertThat(endpoints.get(0).get("errors").asLong()).isEqualTo(endpoints.get(0).get("requests").asLong())
        .isEqualTo(status.get("errors").asLong());
    assertThat(endpoints.get(1).get("errors").asLong()).isZero();
    assertThat(endpoints.get(0).get("requests").asLong() + endpoints.get(1).get("requests").asLong())
        .isEqualTo(requests);
  }

  @Test
  void stopAbortsTheRunAndPublishesAbortedAfterFlushing() throws Exception {
    String runId = "it-stop";
    assertThat(client.postJson("/runs", plan(runId, List.of(stage(100, 3), stage(60_000, 3)))).status())
        .isEqualTo(202);
    awaitRequests(runId);

    ControlClient.Response stopped = client.post("/runs/" + runId + "/stop", null, ControlClient.bearer());

    assertThat(stopped.status()).isEqualTo(200);
    JsonNode status = stopped.json();
    assertThat(status.get("state").asString()).isEqualTo("ABORTED");
    assertThat(status.get("reason").asString()).isEqualTo("stopped by user");
    assertThat(status.get("elapsedMs").asLong()).isLessThan(30_000);
    long published = status.get("samplesPublished").asLong();
    assertThat(published).isEqualTo(status.get("requests").asLong()).isEqualTo(target.requestsWithHeader(runId));

    RunEvent aborted = readRun(Topics.RUN_EVENTS, runId, hasEvent(RunEventType.ABORTED)).getLast().value();
    assertThat(aborted.getType()).isEqualTo(RunEventType.ABORTED);
    assertThat(aborted.getReason()).isEqualTo("stopped by user");
    assertThat(aborted.getAttributes()).containsEntry("samplesPublished", Long.toString(published))
        .containsKeys("requests", "samplesDropped", "samplesFailed");
    assertThat(readRun(Topics.REQUEST_SAMPLES, runId, records -> records.size() >= published)).hasSize((int) published);
  }

  @Test
  void anAbortRequestAbortsTheRunWithItsReasonAndOnlyTheOutcomeIsARunEvent() throws Exception {
    // The listener reads from the latest offset: it must own its partitions before the request is published.
    ContainerTestUtils.waitForAssignment(abortRequestContainer, Topics.ABORT_REQUESTS.partitions());
    String runId = "it-abort-request";
    startLongRun(runId);

    send(Topics.ABORT_REQUESTS, runId, AbortRequest.newBuilder().setRunId(runId).setRequestedBy("analyzer")
        .setReason("p95 latency 812 ms > 500 ms").setRequestedAtUs(System.currentTimeMillis() * 1_000).build());

    assertAbortedWith(runId, "p95 latency 812 ms > 500 ms");
  }

  /** Until 0.2.0 loadgen also obeys the command where analyzers and loadgen instances before 0.1.0 wrote it. */
  @Test
  void aLegacyAbortRequestedRunEventStillAbortsTheRun() throws Exception {
    ContainerTestUtils.waitForAssignment(legacyAbortRequestContainer, Topics.RUN_EVENTS.partitions());
    String runId = "it-abort-requested-legacy";
    startLongRun(runId);

    send(Topics.RUN_EVENTS, runId, RunEvent.newBuilder()
        .setRunId(runId).setType(RunEventType.ABORT_REQUESTED).setAtUs(System.currentTimeMillis() * 1_000)
        .setGeneratorId("analyzer").setReason("p95 latency 913 ms > 500 ms").build());

    JsonNode status = awaitEnd(runId);
    assertThat(status.get("state").asString()).isEqualTo("ABORTED");
    assertThat(status.get("reason").asString()).isEqualTo("p95 latency 913 ms > 500 ms");
    List<RunEvent> events = readRun(Topics.RUN_EVENTS, runId, hasEvent(RunEventType.ABORTED)).stream()
        .map(ConsumerRecord::value).toList();
    assertThat(events).extracting(RunEvent::getType).containsSubsequence(RunEventType.STARTED,
        RunEventType.ABORT_REQUESTED, RunEventType.ABORTED);
    assertThat(events.getLast().getReason()).isEqualTo("p95 latency 913 ms > 500 ms");
  }

  private void startLongRun(String runId) throws Exception {
    assertThat(client.postJson("/runs", plan(runId, List.of(stage(100, 2), stage(60_000, 2)))).status())
        .isEqualTo(202);
    awaitRequests(runId);
  }

  private <V> void send(Topic<String, V> topic, String runId, V value) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), runId, value)).get();
    }
  }

  private void assertAbortedWith(String runId, String reason) throws Exception {
    JsonNode status = awaitEnd(runId);
    assertThat(status.get("state").asString()).isEqualTo("ABORTED");
    assertThat(status.get("reason").asString()).isEqualTo(reason);
    List<RunEvent> events = readRun(Topics.RUN_EVENTS, runId, hasEvent(RunEventType.ABORTED)).stream()
        .map(ConsumerRecord::value).toList();
    assertThat(events).extracting(RunEvent::getType).as("facts only: the request is not one")
        .containsSubsequence(RunEventType.STARTED, RunEventType.ABORTED).doesNotContain(RunEventType.ABORT_REQUESTED)
        .endsWith(RunEventType.ABORTED);
    assertThat(events.getLast().getReason()).isEqualTo(reason);
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

  private void awaitRequests(String runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = client.get("/runs/" + runId, ControlClient.bearer()).json();
      if (status.get("requests").asLong() >= 10 && status.get("activeVus").asInt() > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " made no requests");
  }

  private static Predicate<List<ConsumerRecord<String, RunEvent>>> hasEvent(RunEventType type) {
    return records -> records.stream().anyMatch(r -> r.value().getType() == type);
  }

  /**
   * Every record of one run on a topic, in partition order: reads until {@code complete} holds, then keeps reading
   * for another second so that extra records (duplicates, samples after FINISHED) would be caught.
   */
  private <V> List<ConsumerRecord<String, V>> readRun(Topic<String, V> topic, String runId,
      Predicate<List<ConsumerRecord<String, V>>> complete) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (runId.equals(record.key())) {
            records.add(record);
          }
        }
        if (quietUntil == Long.MAX_VALUE && complete.test(records)) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return records;
  }
}
