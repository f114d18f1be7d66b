package io.perfplane.cost.estimates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CapacityKind;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.CostItem;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real embedded KRaft broker, real PostgreSQL ({@code test} database, schema {@code cost_service_test}), real HTTP:
 * capacity event in → every scenario × strategy priced, stored, published, exported and served; a replay adds no
 * rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
@ActiveProfiles("test")
class CostPipelineIntegrationTest {

  /** 2 scenarios × 5 strategies (no msk-serverless: the shipped workload, api-service, uses no Kafka). */
  private static final int PER_EVENT = 10;
  private static final Path TFVARS;

  static {
    try {
      TFVARS = Files.createTempDirectory("cost-tfvars");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void tfvarsDir(DynamicPropertyRegistry registry) {
    registry.add("perfplane.cost.tfvars-dir", TFVARS::toString);
  }

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  @Autowired
  EstimateRepository repository;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void pricesACapacityEventForEveryScenarioAndStrategyStoresAndServesThem() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    // An unusable event first, then a usable one, same key → same partition, processed in this order. Had the
    // unusable one been priced, its estimates would reach cost-estimates before the usable one's.
    publish(capacity(runId, 0.0, false, 1_000_000L));
    // A v2 lower bound: not saturated at 4 req/s per replica (8 over the run's 2 replicas).
    publish(CapacityEvent.newBuilder(capacity(runId, 4.0, true, 1_000_000L)).setKind(CapacityKind.LOWER_BOUND)
        .setKneeReached(false).setLowRps(8.0).setMethod("usl").setEvidence("≥ 8 req/s, not saturated").build());

    List<ConsumerRecord<String, CostEstimate>> records = consumeEstimates(runId, PER_EVENT);

    assertThat(records).extracting(ConsumerRecord::key).contains(Topics.costKey(runId, "1k-users"),
        Topics.costKey(runId, "10k-users"), Topics.costKey(runId, "1k-users/spot"),
        Topics.costKey(runId, "10k-users/aurora-io-optimized"));
    assertThat(records).allSatisfy(record -> {
      CostEstimate estimate = record.value();
      assertThat(estimate.getAssumptions()).containsEntry("measured.rpsPerReplica", "4")
          .containsKeys("costPerUserUsd", "growthFactor10x", "savingUsd", "item.0.assumption");
      assertThat(estimate.getCatalogVersion()).isEqualTo("aws-us-east-1-2026-11-r3");
      // A lower bound prices "at most this fleet": the point is the high end, the minimum fleet the low end.
      assertThat(estimate.getCapacityKind()).isEqualTo("LOWER_BOUND");
      assertThat(estimate.getMonthlyUsdHigh()).isEqualByComparingTo(estimate.getMonthlyUsd());
      assertThat(estimate.getMonthlyUsdLow()).isLessThanOrEqualTo(estimate.getMonthlyUsd());
      assertThat(estimate.getAssumptions().get("capacity")).startsWith("≥ 4 req/s per replica");
      assertThat(estimate.getAtUs()).isEqualTo(1_000_000L);
      assertThat(estimate.getMonthlyUsd()).isEqualTo(estimate.getItems().stream().map(CostItem::getMonthlyUsd)
          .reduce(BigDecimal::add).orElseThrow());
    });
    CostEstimate small = byScenario(records, "1k-users");
    CostEstimate large = byScenario(records, "10k-users");
    assertThat(small.getMonthlyUsers()).isEqualTo(1000);
    assertThat(large.getMonthlyUsers()).isEqualTo(10_000);
    assertThat(large.getMonthlyUsd()).isGreaterThan(small.getMonthlyUsd());
    // 1k: 1 rps peak → the single-AZ staging floor of 1 replica. 10k: 1,500 concurrent × 30 requests / 600 s = 75
    // rps at 4 × 0.6 = 2.4 usable per replica → 31.25 → 32 → 33 (a multiple of 3 AZs).
    assertThat(small.getAssumptions()).containsEntry("replicas", "1");
    assertThat(large.getMonthlyUsdLow()).isLessThan(large.getMonthlyUsd());
    assertThat(large.getAssumptions()).containsEntry("replicas", "33");

    assertThat(repository.countForRun(runId)).isEqualTo(PER_EVENT);

    // The CloudEvents JSON sibling: the same estimates, same keys, money as exact strings.
    Map<String, JsonNode> json = consumeJson(runId, PER_EVENT);
    assertThat(json.keySet()).isEqualTo(records.stream().map(ConsumerRecord::key).collect(
        java.util.stream.Collectors.toSet()));
    JsonNode largeJson = json.get(Topics.costKey(runId, "10k-users"));
    assertThat(largeJson.get("type").asString()).isEqualTo("io.perfplane.cost.estimated");
    assertThat(largeJson.get("subject").asString()).isEqualTo(runId);
    assertThat(new BigDecimal(largeJson.get("data").get("monthlyUsd").asString()))
        .isEqualByComparingTo(large.getMonthlyUsd());
    assertThat(largeJson.get("data").get("capacityKind").asString()).isEqualTo("LOWER_BOUND");

    JsonNode estimates = get("/estimates?runId=" + runId);
    assertThat(estimates.size()).isEqualTo(2);
    assertThat(estimates.get(0).get("scenario").asString()).isEqualTo("1k-users");
    assertThat(estimates.get(1).get("scenario").asString()).isEqualTo("10k-users");
    assertThat(estimates.get(1).get("strategy").asString()).isEqualTo("on-demand");
    assertThat(new BigDecimal(estimates.get(1).get("monthlyUsd").asString()))
        .isEqualByComparingTo(large.getMonthlyUsd());
    assertThat(estimates.get(1).get("strategies").size()).isEqualTo(5);
    assertThat(estimates.get(1).get("capacityKind").asString()).isEqualTo("LOWER_BOUND");
    assertThat(new BigDecimal(estimates.get(1).get("monthlyUsdLow").asString()))
        .isEqualByComparingTo(large.getMonthlyUsdLow());
    assertThat(new BigDecimal(estimates.get(1).get("strategies").get(0).get("monthlyUsdHigh").asString()))
        .isEqualByComparingTo(large.getMonthlyUsd());
    JsonNode item = estimates.get(0).get("items").get(0);
    assertThat(item.get("unitPriceUsd").isString()).isTrue();
    assertThat(item.get("service").asString()).isEqualTo("AmazonEKS");
    assertThat(item.get("quantity").asDouble()).isEqualTo(730.0);
    assertThat(item.get("assumption").asString()).contains("730");

    JsonNode spot = get("/estimates?runId=" + runId + "&strategy=spot");
    assertThat(new BigDecimal(spot.get(1).get("monthlyUsd").asString()))
        .isEqualByComparingTo(byScenario(records, "10k-users/spot").getMonthlyUsd());

    JsonNode tfvars = get("/estimates/tfvars?runId=" + runId + "&scenario=10k-users");
    assertThat(tfvars.get("app_replicas").asInt()).isEqualTo(33);
    JsonNode written = JsonMapper.builder().build()
        .readTree(Files.readString(TFVARS.resolve("10k").resolve("cost.tfvars.json")));
    assertThat(written.get("perfplane_run_id").asString()).isEqualTo(runId);
    assertThat(written.get("availability_zone_count").asInt()).isEqualTo(3);
    assertThat(written.get("msk_enabled").asBoolean()).isFalse();
    assertThat(written.get("perfplane_capacity_kind").asString()).isEqualTo("LOWER_BOUND");
    JsonNode staging = JsonMapper.builder().build()
        .readTree(Files.readString(TFVARS.resolve("1k").resolve("cost.tfvars.json")));
    assertThat(staging.get("availability_zone_count").asInt()).isEqualTo(2);
    assertThat(staging.get("node_zone_count").asInt()).isEqualTo(1);
    assertThat(staging.get("nat_gateway_count").asInt()).isEqualTo(1);
  }

  @Test
  void aReplayAddsNoRowsAndANewEventAddsHistory() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    CapacityEvent event = capacity(runId, 3.0, true, 2_000_000L);
    publish(event);
    consumeEstimates(runId, PER_EVENT);
    assertThat(repository.countForRun(runId)).isEqualTo(PER_EVENT);

    // The same event again (a redelivery or a producer retry): republished under the same keys, nothing stored.
    publish(event);
    consumeEstimates(runId, 2 * PER_EVENT);
    assertThat(repository.countForRun(runId)).isEqualTo(PER_EVENT);

    // A new measurement of the run recomputes every scenario and keeps the old estimate as history.
    publish(capacity(runId, 12.0, true, 3_000_000L));
    consumeEstimates(runId, 3 * PER_EVENT);
    assertThat(repository.countForRun(runId)).isEqualTo(2 * PER_EVENT);
    List<JsonNode> history = java.util.stream.StreamSupport.stream(
            get("/estimates/history?scenario=10k-users&limit=1000").spliterator(), false)
        .filter(h -> h.get("runId").asString().equals(runId)).toList();
    assertThat(history).hasSize(2);
    // Newest first: 4× the capacity per replica needs fewer nodes (12 vs 42 replicas), so the newer one costs less.
    // v1-shaped events (kind UNKNOWN) give point figures without a range.
    assertThat(history.get(0).get("capacityKind").asString()).isEqualTo("UNKNOWN");
    assertThat(history.get(0).get("monthlyUsdLow").isNull()).isTrue();
    assertThat(new BigDecimal(history.get(0).get("monthlyUsd").asString()))
        .isLessThan(new BigDecimal(history.get(1).get("monthlyUsd").asString()));
    assertThat(new BigDecimal(get("/estimates?runId=" + runId).get(1).get("monthlyUsd").asString()))
        .isEqualByComparingTo(history.get(0).get("monthlyUsd").asString());

    // The run analyzed again with its first result (a re-import): no new row, but the latest pricing is that one.
    publish(event);
    consumeEstimates(runId, 4 * PER_EVENT);
    assertThat(repository.countForRun(runId)).isEqualTo(2 * PER_EVENT);
    JsonNode latest = get("/estimates?runId=" + runId).get(1);
    assertThat(new BigDecimal(latest.get("monthlyUsd").asString()))
        .isEqualByComparingTo(history.get(1).get("monthlyUsd").asString());
    // pricedAt is ISO-8601 (the launcher waits for estimates priced after its command started)
    assertThat(java.time.Instant.parse(latest.get("pricedAt").asString()))
        .isAfter(java.time.Instant.parse(history.get(0).get("pricedAt").asString()));
  }

  @Test
  void unknownRunHasNoEstimatesAndBadParametersAreProblemsNamingTheField() throws Exception {
    assertThat(get("/estimates?runId=never-priced").size()).isZero();

    HttpResponse<String> missing = send("/estimates");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(missing.body()).contains("runId");

    HttpResponse<String> region = send("/estimates?runId=x&region=eu-west-1");
    assertThat(region.statusCode()).isEqualTo(400);
    assertThat(region.body()).contains("\"field\":\"region\"", "eu-west-1", "us-east-1");
    HttpResponse<String> currency = send("/catalog?currency=EUR");
    assertThat(currency.statusCode()).isEqualTo(400);
    assertThat(currency.body()).contains("\"field\":\"currency\"");
    HttpResponse<String> strategy = send("/estimates?runId=x&strategy=cheap");
    assertThat(strategy.statusCode()).isEqualTo(400);
    assertThat(strategy.body()).contains("\"field\":\"strategy\"", "savings-plan");
  }

  @Test
  void catalogAndScenarioEndpointsNameWhatIsInUse() throws Exception {
    JsonNode catalog = get("/catalog");

    assertThat(catalog.get("version").asString()).isEqualTo("aws-us-east-1-2026-11-r3");
    assertThat(catalog.get("effectiveDate").asString()).isEqualTo("2026-11-01");
    assertThat(catalog.get("currency").asString()).isEqualTo("USD");
    assertThat(catalog.get("entryCount").asInt()).isGreaterThanOrEqualTo(38);
    JsonNode scenarios = get("/scenarios");
    assertThat(scenarios.get(0).get("name").asString()).isEqualTo("1k-users");
    assertThat(scenarios.get(1).get("concurrentUsers").get("max").asInt()).isEqualTo(1500);
  }

  private static CapacityEvent capacity(String runId, double rpsPerReplica, boolean sloHeld, long atUs) {
    return CapacityEvent.newBuilder().setRunId(runId).setTargetService("demo").setAtUs(atUs)
        .setSloHeld(sloHeld).setMaxSustainedRps(rpsPerReplica * 2).setConcurrencyAtSlo(10).setReplicas(2)
        .setCpuPerReplica(1.0).setRpsPerReplica(rpsPerReplica).setP95AtCapacityMs(120).setConfidence(0.9).build();
  }

  private void publish(CapacityEvent event) throws Exception {
    try (KafkaProducer<String, CapacityEvent> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
        Topics.CAPACITY_EVENTS.keySerde().serializer(), Topics.CAPACITY_EVENTS.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.CAPACITY_EVENTS.name(), event.getRunId(), event)).get();
    }
  }

  /** The JSON sibling's events of the run, by key, once {@code expected} distinct keys arrived. */
  private Map<String, JsonNode> consumeJson(String runId, int expected) {
    Map<String, JsonNode> events = new java.util.HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        Topics.COST_ESTIMATES_JSON.keySerde().deserializer(), Topics.COST_ESTIMATES_JSON.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.COST_ESTIMATES_JSON.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (events.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          JsonNode event = JsonMapper.builder().build().readTree(record.value());
          if (event.get("subject").asString().equals(runId)) {
            events.put(record.key(), event);
          }
        });
      }
    }
    return events;
  }

  private List<ConsumerRecord<String, CostEstimate>> consumeEstimates(String runId, int expected) {
    List<ConsumerRecord<String, CostEstimate>> records = new ArrayList<>();
    try (KafkaConsumer<String, CostEstimate> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        Topics.COST_ESTIMATES.keySerde().deserializer(), Topics.COST_ESTIMATES.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.COST_ESTIMATES.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (record.value().getRunId().equals(runId)) {
            records.add(record);
          }
        });
      }
      // Anything published for this run must have arrived by now: one more poll proves nothing extra came.
      consumer.poll(Duration.ofMillis(500)).forEach(record -> {
        if (record.value().getRunId().equals(runId)) {
          records.add(record);
        }
      });
    }
    assertThat(records).as("estimates for %s", runId).hasSize(expected);
    return records;
  }

  private static CostEstimate byScenario(List<ConsumerRecord<String, CostEstimate>> records, String scenario) {
    return records.stream().map(ConsumerRecord::value).filter(e -> e.getScenario().equals(scenario)).findFirst()
        .orElseThrow();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }

  private HttpResponse<String> send(String path) throws Exception {
    // The token of application-test.yml (every scope).
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer cost-test-token").GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
