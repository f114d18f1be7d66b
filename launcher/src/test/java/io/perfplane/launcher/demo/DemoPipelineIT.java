package io.perfplane.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton end to end on the real in-process broker and real PostgreSQL, with the five services as
 * processes: loadgen loads api-service, the analyzer's percentiles and error rates match exact values computed from
 * every sample on the topic (decoded with plain Avro and the .avsc file only), an induced violation (a dashboard
 * that does not exist) opens a breach, and cost-service prices the measured capacity.
 */
class DemoPipelineIT {

  private static final String INDUCED = "missing-errors";

  @TempDir
  static Path workDir;

  private static Demo demo;
  private static Demo.Result result;
  private static final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private static List<GenericRecord> samples;

  @BeforeAll
  static void runDemo() throws IOException {
    Path home = Path.of(System.getProperty("perfplane.home"));
    List<SloSpec> slos = List.of(
        new SloSpec("overall-p95", "*", "latency_p95", 2000, 10),
        new SloSpec(INDUCED, Plans.MISSING, "error_rate", 0.01, 10));
    DemoOptions options = new DemoOptions(home, workDir, 6, Duration.ofSeconds(12), 0, true, "perfplane_e2e", slos,
        true, workDir.resolve("summary.json"));
    demo = new Demo(options, new PrintStream(console, true), false);
    result = demo.run();
    samples = samplesOf(result.runId(), home.resolve("contracts/src/main/avro/RequestSample.avsc"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void everyRequestBecameExactlyOneSampleAndTheAnalyzerCountedThemAll() {
    long published = result.load().path("samplesPublished").asLong(-1);

    assertThat(samples).isNotEmpty();
    assertThat(result.load().path("requests").asLong(-1)).isEqualTo(samples.size());
    assertThat(published).isEqualTo(samples.size());
    assertThat(result.analysis().path("requests").asLong(-1)).isEqualTo(samples.size());
    assertThat(samples).allSatisfy(s -> assertThat(s.get("runId").toString()).isEqualTo(result.runId()));
  }

  @Test
  void percentilesMatchExactValuesFromTheSamples() {
    assertPercentiles(result.analysis(), latenciesUs(s -> true));
    for (JsonNode endpoint : result.analysis().path("endpoints")) {
      String name = endpoint.path("endpoint").asString("");
      List<Long> latencies = latenciesUs(s -> s.get("endpoint").toString().equals(name));
      assertThat(latencies).as(name).isNotEmpty();
      assertThat(endpoint.path("requests").asLong(-1)).as(name).isEqualTo(latencies.size());
      assertPercentiles(endpoint, latencies);
    }
    assertThat(result.analysis().path("endpoints")).hasSize(4);
  }

  @Test
  void errorRatesMatchTheSamples() {
    long errors = samples.stream().filter(s -> !s.get("errorKind").toString().equals("NONE")).count();
    long missing = samples.stream().filter(s -> s.get("endpoint").toString().equals(Plans.MISSING)).count();
    long missingErrors = samples.stream().filter(s -> s.get("endpoint").toString().equals(Plans.MISSING))
        .filter(s -> ((Integer) s.get("status")) == 404).count();

    assertThat(missing).isPositive();
    assertThat(missingErrors).isEqualTo(missing);
    assertThat(result.analysis().path("errors").asLong(-1)).isEqualTo(errors);
    assertThat(result.analysis().path("errorRate").asDouble(-1))
        .isCloseTo((double) errors / samples.size(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theInducedViolationOpenedABreachOnTheTopicAndFailedTheThresholds() {
    List<SloBreach> breaches = consume(Topics.SLO_BREACHES,
        r -> r.key().equals(Topics.breachKey(result.runId(), INDUCED, Plans.MISSING)), 1);

    assertThat(breaches).extracting(b -> b.getState().name()).contains("OPENED");
    SloBreach opened = breaches.getFirst();
    assertThat(opened.getObserved()).isGreaterThan(opened.getObjective());
    assertThat(opened.getUnit()).isEqualTo("ratio");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.THRESHOLDS_FAILED);
    assertThat(console.toString()).contains("✗ " + INDUCED, "✓ overall-p95", "SLO thresholds FAILED (exit 99)");
  }

  @Test
  void costServicePricedTheMeasuredCapacityForBothScenarios() {
    List<CostEstimate> estimates = consume(Topics.COST_ESTIMATES,
        r -> r.key().startsWith(result.runId() + "|"), 2);
    Map<String, BigDecimal> monthly = new HashMap<>();
    for (CostEstimate estimate : estimates) {
      monthly.put(estimate.getScenario(), estimate.getMonthlyUsd());
      BigDecimal items = estimate.getItems().stream().map(i -> i.getMonthlyUsd()).reduce(BigDecimal.ZERO,
          BigDecimal::add);
      assertThat(items).isEqualByComparingTo(estimate.getMonthlyUsd());
    }

    assertThat(monthly).containsKeys("1k-users", "10k-users");
    assertThat(monthly.get("1k-users")).isPositive();
    assertThat(monthly.get("10k-users")).isGreaterThanOrEqualTo(monthly.get("1k-users"));
    // The figure is said with the kind of capacity it was sized from ("at least $219.00 (...)" for an upper bound).
    assertThat(console.toString()).containsPattern("1k-users (at least |at most |≈ )?\\$[0-9,]+\\.[0-9]{2}")
        .containsPattern("10k-users (at least |at most |≈ )?\\$[0-9,]+\\.[0-9]{2}");
  }

  @Test
  void theHtmlRunReportIsSavedForAfterTheServicesStop() throws Exception {
    assertThat(result.report()).as("saved report").isNotNull().isRegularFile();
    String html = Files.readString(result.report());
    assertThat(html).startsWith("<!DOCTYPE html>").contains(result.runId(), "<svg", Plans.OVERVIEW, "id=\"cost\"")
        .doesNotContain("<script", "src=\"http", "href=\"http");
    assertThat(console.toString()).contains("report     " + result.report());
  }

  @Test
  void theSummaryJsonCarriesTheSameCountsVerdictsCostAndExitCode() throws Exception {
    JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree(Files.readString(workDir.resolve("summary.json")));
    assertThat(json.path("schema").asInt()).isEqualTo(1);
    assertThat(json.path("command").asString()).isEqualTo("demo");
    assertThat(json.path("runId").asString()).isEqualTo(result.runId());
    assertThat(json.path("requests").asLong(-1)).isEqualTo(samples.size());
    assertThat(json.path("exitCode").asInt()).isEqualTo(result.exitCode());
    assertThat(json.path("slos")).anySatisfy(slo -> {
      assertThat(slo.path("id").asString()).isEqualTo(INDUCED);
      assertThat(slo.path("held").asBoolean(true)).isFalse();
    });
    assertThat(json.path("breaches")).anySatisfy(b -> assertThat(b.path("sloId").asString()).isEqualTo(INDUCED));
    assertThat(json.path("cost")).extracting(c -> c.path("scenario").asString()).contains("1k-users", "10k-users");
    assertThat(json.path("report").asString()).isEqualTo(result.report().toAbsolutePath().toString());
  }

  @Test
  void summaryWasPrinted() {
    assertThat(console.toString()).contains("perfplane run " + result.runId(), "latency    p50", "capacity",
        Plans.OVERVIEW);
  }

  private static void assertPercentiles(JsonNode view, List<Long> latenciesUs) {
    List<Long> sorted = latenciesUs.stream().sorted().toList();
    assertWithinOneRank(view.path("p50Ms").asDouble(-1), sorted, 0.50);
    assertWithinOneRank(view.path("p95Ms").asDouble(-1), sorted, 0.95);
    assertWithinOneRank(view.path("p99Ms").asDouble(-1), sorted, 0.99);
    assertThat(view.path("maxMs").asDouble(-1)).isBetween(sorted.getLast() / 1000.0 * 0.998,
        sorted.getLast() / 1000.0 * 1.002 + 0.001);
  }

  /**
   * HdrHistogram (3 significant digits) answers within 0.1% of a recorded value; its rank rounding may differ from
   * nearest-rank by one position. Anything outside that is wrong.
   */
  private static void assertWithinOneRank(double actualMs, List<Long> sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.size()); // 1-based nearest rank
    double low = sorted.get(Math.max(0, rank - 2)) / 1000.0;
    double high = sorted.get(Math.min(sorted.size() - 1, rank)) / 1000.0;
    assertThat(actualMs).as("p%s of %d samples", quantile * 100, sorted.size())
        .isBetween(low * 0.998 - 0.001, high * 1.002 + 0.001);
  }

  private static List<Long> latenciesUs(Predicate<GenericRecord> filter) {
    return samples.stream().filter(filter).map(s -> (Long) s.get("latencyUs")).toList();
  }

  /** Every sample of the run, decoded with nothing but the .avsc file and plain Avro. */
  private static List<GenericRecord> samplesOf(String runId, Path avsc) throws IOException {
    Schema schema = new Schema.Parser().parse(avsc.toFile());
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    List<GenericRecord> decoded = new ArrayList<>();
    long expected = result.load().path("samplesPublished").asLong(0);
    for (ConsumerRecord<String, byte[]> record : poll(Topics.REQUEST_SAMPLES.name(), new ByteArrayDeserializer(),
        r -> r.key().equals(runId), expected)) {
      byte[] wire = record.value();
      assertThat(wire[0]).isEqualTo((byte) 0xC3);
      assertThat(wire[1]).isEqualTo((byte) 0x01);
      assertThat(ByteBuffer.wrap(wire, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(fingerprint);
      decoded.add(reader.read(null, DecoderFactory.get().binaryDecoder(wire, 10, wire.length - 10, null)));
    }
    return decoded;
  }

  private static <V> List<V> consume(Topic<String, V> topic, Predicate<ConsumerRecord<String, V>> filter, long atLeast) {
    return poll(topic.name(), topic.valueSerde().deserializer(), filter, atLeast).stream()
        .map(ConsumerRecord::value).toList();
  }

  /** Reads the topic from the start until {@code atLeast} matching records arrived and the end is reached. */
  private static <V> List<ConsumerRecord<String, V>> poll(String topic, Deserializer<V> values,
      Predicate<ConsumerRecord<String, V>> filter, long atLeast) {
    List<ConsumerRecord<String, V>> matching = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, result.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + topic + "-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (matching.size() < atLeast || emptyPolls < 3)) {
        var records = consumer.poll(Duration.ofMillis(500));
        emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
        for (ConsumerRecord<String, V> record : records) {
          if (filter.test(record)) {
            matching.add(record);
          }
        }
      }
    }
    return matching;
  }
}
