package io.perfplane.loadgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.RunShard;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.loadgen.LoadgenApplication;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * Two loadgen instances (two whole Spring applications) on one real in-process KRaft broker, sharing runs through
 * the run-shards consumer group, against a real local HTTP server that counts what it served and when.
 */
class DistributedRunTest {

  private static final String GROUP = "it-shards";

  private static EmbeddedKafkaBroker broker;
  private static CountingTarget target;
  private static Instance a;
  private static Instance b;

  /** One running loadgen application. */
  record Instance(String id, ConfigurableApplicationContext context, ControlClient client) {

    JsonNode runs() throws Exception {
      return client.get("/runs", ControlClient.bearer()).json();
    }

    /** Local status of a run (its lowest shard here), or null when this instance does not know it. */
    JsonNode status(String runId) throws Exception {
      ControlClient.Response response = client.get("/runs/" + runId, ControlClient.bearer());
      return response.status() == 404 ? null : response.json();
    }

    KafkaMessageListenerContainer<?, ?> shardContainer() {
      return context.getBean("shardContainer", KafkaMessageListenerContainer.class);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.start(null, 0);
    broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
    target = new CountingTarget();
    a = instance("gen-a");
    b = instance("gen-b");
    // Both members joined the group and split its partitions: shards published from now on reach both.
    await("both instances hold run-shards partitions", Duration.ofSeconds(60), () -> {
      Collection<TopicPartition> pa = a.shardContainer().getAssignedPartitions();
      Collection<TopicPartition> pb = b.shardContainer().getAssignedPartitions();
      return pa != null && pb != null && !pa.isEmpty() && !pb.isEmpty()
          && pa.size() + pb.size() == Topics.RUN_SHARDS.partitions();
    });
  }

  private static Instance instance(String id) {
    // Command-line arguments: they win over application.yml (builder properties would only be defaults).
    ConfigurableApplicationContext context = new SpringApplicationBuilder(LoadgenApplication.class).run(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--perfplane.control.token=" + LoadgenSpringTest.TOKEN,
        "--perfplane.loadgen.generator-id=" + id,
        "--perfplane.loadgen.shard-group=" + GROUP,
        "--perfplane.loadgen.max-vus=1000",
        "--perfplane.loadgen.max-duration=10m",
        "--perfplane.loadgen.drain-timeout=10s");
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    return new Instance(id, context, new ControlClient(port));
  }

  @AfterAll
  static void stop() {
    for (Instance instance : new Instance[] {a, b}) {
      if (instance != null) {
        instance.context().close();
      }
    }
    if (target != null) {
      target.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static Map<String, Object> constantRate(String runId, double rate, String duration, String baseUrl) {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("runId", runId);
    definition.put("name", "distributed");
    definition.put("targetService", "counting-target");
    definition.put("targetBaseUrl", baseUrl);
    definition.put("requestTimeout", "2s");
    definition.put("scenarios", List.of(Map.of(
        "name", "steady",
        "workload", Map.of("executor", "constant-arrival-rate", "rate", rate, "timeUnit", "1s", "duration",
            duration, "maxConcurrency", 400),
        "steps", List.of(Map.of("name", "GET /hit", "path", "/hit", "headers", Map.of("X-Run", runId))))));
    return definition;
  }

  @Test
  void twoInstancesShareAConstantArrivalRateRunHalfEach() throws Exception {
    shareAConstantRate("dist-rate");
  }

  /**
   * The acceptance figure: the total rate measured at the target is within 5 % of the plan. A speed target,
   * so a benchmark ({@code bench/loadgen-service-distributed.sh}), run on an idle machine: on a loaded one the two
   * instances may not keep up and drop iterations, which the default test tolerates and counts.
   */
  @Test
  @Tag("benchmark")
  void twoInstancesTogetherHonourTheTotalRateWithinFivePercent() throws Exception {
    double measured = shareAConstantRate("dist-rate-bench");
    assertThat(measured).as("requests/s served in the steady window").isBetween(200 * 0.95, 200 * 1.05);
  }

  /** Runs 200/s for 10 s over two shards; checks the split, counts and events; returns the rate at the target. */
  private double shareAConstantRate(String runId) throws Exception {
    double rate = 200;
    ControlClient.Response started = a.client().postJson("/runs?shards=2",
        constantRate(runId, rate, "10s", target.baseUrl()));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().get("shards").asInt()).isEqualTo(2);

    Map<String, JsonNode> ended = awaitEndEverywhere(runId, Duration.ofSeconds(90));
    // Each instance ran exactly one of the two shards (range assignment + spread partitions).
    assertThat(ended.get("gen-a").get("shardCount").asInt()).isEqualTo(2);
    assertThat(ended.get("gen-b").get("shardCount").asInt()).isEqualTo(2);
    assertThat(Set.of(ended.get("gen-a").get("shardIndex").asInt(), ended.get("gen-b").get("shardIndex").asInt()))
        .containsExactlyInAnyOrder(0, 1);
    assertThat(ended.values()).allSatisfy(status -> {
      assertThat(status.get("state").asString()).isEqualTo("FINISHED");
      assertThat(status.get("samplesDropped").asLong()).isZero();
      assertThat(status.get("samplesFailed").asLong()).isZero();
      assertThat(status.get("requests").asLong()).isPositive();
    });
    Map<String, Long> publishedByGenerator = ended.values().stream().collect(Collectors.toMap(
        s -> s.get("generatorId").asString(), s -> s.get("samplesPublished").asLong()));
    assertThat(publishedByGenerator.keySet()).allMatch(g -> g.matches("gen-[ab]/shard-[01]"));

    long served = target.served(runId).size();
    assertThat(publishedByGenerator.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(served);
    // The whole schedule, 10 s at 200/s (each shard rounding its count up by at most one), was sent or, if a
    // stall of the loaded test machine filled a shard's 200 slots, counted as dropped. Lower bound 1 % short: a
    // pacer running late when the schedule ends leaves its last due iterations neither sent nor counted (engine
    // behaviour of OpenModel, not of sharding; seen: 1999).
    long dropped = ended.values().stream().mapToLong(s -> s.get("droppedIterations").asLong()).sum();
    assertThat(served + dropped).isBetween(1_980L, 2_002L);
    // Each instance carried half of the schedule.
    assertThat(ended.values()).allSatisfy(status -> assertThat(
        status.get("samplesPublished").asLong() + status.get("droppedIterations").asLong()).isBetween(990L, 1_001L));

    List<ConsumerRecord<String, RequestSample>> samples = readRun(Topics.REQUEST_SAMPLES, runId,
        records -> records.size() >= served);
    assertThat(samples).hasSize((int) served);
    Map<String, Long> samplesByGenerator = samples.stream().collect(Collectors.groupingBy(
        r -> r.value().getGeneratorId(), Collectors.counting()));
    assertThat(samplesByGenerator).isEqualTo(publishedByGenerator);

    // The rate at the target, counted by the server, over the window in which both shards were sending.
    Map<String, long[]> spans = new HashMap<>();
    for (ConsumerRecord<String, RequestSample> record : samples) {
      long at = record.value().getActualStartUs();
      spans.merge(record.value().getGeneratorId(), new long[] {at, at},
          (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
    }
    long from = spans.values().stream().mapToLong(s -> s[0]).max().orElseThrow() + 1_000_000;
    long to = spans.values().stream().mapToLong(s -> s[1]).min().orElseThrow() - 1_000_000;
    assertThat(to - from).as("both shards sent together for most of the run").isGreaterThan(5_000_000);
    long inWindow = target.served(runId).stream().filter(at -> at >= from && at < to).count();
    double measured = inWindow / ((to - from) / 1e6);
    System.out.printf("%s: %d served, %d dropped, %.2f req/s at the target over a %.1f s window (target %.0f)%n",
        runId, served, dropped, measured, (to - from) / 1e6, rate);

    List<RunEvent> events = readRun(Topics.RUN_EVENTS, runId,
        records -> records.stream().filter(r -> r.value().getType() == RunEventType.FINISHED).count() == 2)
        .stream().map(ConsumerRecord::value).toList();
    List<RunEvent> starts = events.stream().filter(e -> e.getType() == RunEventType.STARTED).toList();
    assertThat(starts).hasSize(2).allSatisfy(e -> assertThat(e.getAttributes()).containsEntry("shardCount", "2"));
    assertThat(starts).extracting(e -> e.getAttributes().get("shardIndex")).containsExactlyInAnyOrder("0", "1");
    assertThat(starts).extracting(RunEvent::getGeneratorId)
        .containsExactlyInAnyOrderElementsOf(publishedByGenerator.keySet());
    assertThat(events.stream().filter(e -> e.getType() == RunEventType.FINISHED))
        .extracting(e -> e.getAttributes().get("samplesPublished"))
        .containsExactlyInAnyOrderElementsOf(publishedByGenerator.values().stream().map(String::valueOf).toList());
    return measured;
  }

  @Test
  void aStopThroughOneInstanceStopsTheShardsOnBoth() throws Exception {
    String runId = "dist-stop";
    ControlClient.Response started = a.client().postJson("/runs?shards=2",
        constantRate(runId, 20, "5m", target.baseUrl()));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    await("both shards sending", Duration.ofSeconds(60), () -> {
      JsonNode sa = a.status(runId);
      JsonNode sb = b.status(runId);
      return sa != null && sb != null && sa.get("requests").asLong() > 0 && sb.get("requests").asLong() > 0;
    });

    ControlClient.Response stopped = b.client().post("/runs/" + runId + "/stop", null, ControlClient.bearer());

    assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
    assertThat(stopped.json().get("state").asString()).isEqualTo("ABORTED");
    Map<String, JsonNode> ended = awaitEndEverywhere(runId, Duration.ofSeconds(60));
    assertThat(ended.values()).allSatisfy(status -> {
      assertThat(status.get("state").asString()).isEqualTo("ABORTED");
      assertThat(status.get("reason").asString()).isEqualTo("stopped by user");
      assertThat(status.get("elapsedMs").asLong()).isLessThan(Duration.ofMinutes(4).toMillis());
    });
    List<RunEvent> events = readRun(Topics.RUN_EVENTS, runId,
        records -> records.stream().filter(r -> r.value().getType() == RunEventType.ABORTED).count() == 2)
        .stream().map(ConsumerRecord::value).toList();
    assertThat(events).extracting(RunEvent::getType).doesNotContain(RunEventType.ABORT_REQUESTED);
    assertThat(readRun(Topics.ABORT_REQUESTS, runId, records -> !records.isEmpty())).extracting(ConsumerRecord::value)
        .singleElement().satisfies(request -> {
          assertThat(request.getRequestedBy()).isEqualTo("gen-b");
          assertThat(request.getReason()).isEqualTo("stopped by user");
        });
    long published = ended.values().stream().mapToLong(s -> s.get("samplesPublished").asLong()).sum();
    assertThat(published).isPositive().isEqualTo(target.served(runId).size());
  }

  @Test
  void theWholeRunIsCheckedBeforeItIsSplit() throws Exception {
    ControlClient.Response tooMany = a.client().postJson("/runs?shards=7",
        constantRate("dist-too-many", 10, "5s", target.baseUrl()));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("shards");

    ControlClient.Response refused = a.client().postJson("/runs?shards=2",
        constantRate("dist-refused", 10, "5s", "http://203.0.113.9:80"));
    assertThat(refused.status()).isEqualTo(422);

    ControlClient.Response unauthenticated = a.client().post("/runs?shards=2", "{}", null);
    assertThat(unauthenticated.status()).isEqualTo(401);

    // Nothing was split: no shard of either run reaches the topic (read for a few seconds).
    assertThat(readRun(Topics.RUN_SHARDS, "dist-too-many", r -> false, Duration.ofSeconds(3))).isEmpty();
    assertThat(readRun(Topics.RUN_SHARDS, "dist-refused", r -> false, Duration.ofSeconds(3))).isEmpty();
  }

  @Test
  void aShardConsumedAfterItsDeadlineIsReportedNotStarted() throws Exception {
    String runId = "dist-stale";
    String document = tools.jackson.databind.json.JsonMapper.builder().build()
        .writeValueAsString(constantRate(runId, 10, "5s", target.baseUrl()));
    long now = Instant.now().toEpochMilli() * 1_000;
    RunShard late = RunShard.newBuilder().setRunId(runId).setShardIndex(0).setShardCount(1).setFormat("json")
        .setDocument(document).setSubmittedBy("test").setSubmittedAtUs(now - 120_000_000)
        .setStartByUs(now - 90_000_000).build();
    try (KafkaProducer<String, RunShard> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        Topics.RUN_SHARDS.keySerde().serializer(), Topics.RUN_SHARDS.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.RUN_SHARDS.name(), 0, Topics.shardKey(runId, 0), late)).get();
    }

    List<RunEvent> events = readRun(Topics.RUN_EVENTS, runId, records -> !records.isEmpty()).stream()
        .map(ConsumerRecord::value).toList();
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.getType()).isEqualTo(RunEventType.ABORTED);
      assertThat(event.getAttributes()).containsEntry("started", "false").containsEntry("shardIndex", "0")
          .containsEntry("shardCount", "1");
      assertThat(event.getReason()).contains("past the start deadline");
    });
    assertThat(a.status(runId)).isNull();
    assertThat(b.status(runId)).isNull();
    assertThat(target.served(runId)).isEmpty();
  }

  /** Polls both instances until the run is no longer RUNNING on either; returns each one's local status. */
  private static Map<String, JsonNode> awaitEndEverywhere(String runId, Duration timeout) throws Exception {
    Map<String, JsonNode> ended = new HashMap<>();
    await("run " + runId + " ended on both instances", timeout, () -> {
      for (Instance instance : new Instance[] {a, b}) {
        JsonNode status = instance.status(runId);
        if (status == null || status.get("state").asString().equals("RUNNING")) {
          return false;
        }
        ended.put(instance.id(), status);
      }
      return true;
    });
    return ended;
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + ": not within " + timeout);
  }

  /** Every record of a run on a topic (by key prefix), read until {@code complete} holds and a quiet second. */
  private static <V> List<ConsumerRecord<String, V>> readRun(Topic<String, V> topic, String runId,
      Predicate<List<ConsumerRecord<String, V>>> complete) {
    return readRun(topic, runId, complete, Duration.ofSeconds(20));
  }

  private static <V> List<ConsumerRecord<String, V>> readRun(Topic<String, V> topic, String runId,
      Predicate<List<ConsumerRecord<String, V>>> complete, Duration limit) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + limit.toNanos();
      long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      boolean completed = false;
      while (System.nanoTime() < Math.min(deadline, quietUntil) || (!completed && System.nanoTime() < deadline)) {
        StreamSupport.stream(consumer.poll(Duration.ofMillis(200)).spliterator(), false)
            .filter(r -> r.key() != null && (r.key().equals(runId) || r.key().startsWith(runId + "/")))
            .forEach(records::add);
        if (!completed && complete.test(records)) {
          completed = true;
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return records;
  }

  /** A real HTTP server on 127.0.0.1 that answers 200 and records when (µs epoch) each request of a run arrived. */
  static final class CountingTarget implements AutoCloseable {

    private final HttpServer server;
    private final ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>> arrivals = new ConcurrentHashMap<>();

    CountingTarget() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", this::handle);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Long> served(String runId) {
      ConcurrentLinkedQueue<Long> times = arrivals.get(runId);
      return times == null ? List.of() : List.copyOf(times);
    }

    private void handle(HttpExchange exchange) throws IOException {
      Instant now = Instant.now();
      try (exchange; InputStream body = exchange.getRequestBody()) {
        body.readAllBytes();
        String run = exchange.getRequestHeaders().getFirst("X-Run");
        if (run != null) {
          arrivals.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>())
              .add(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        }
        byte[] ok = "ok".getBytes();
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
