package io.perfplane.cost.estimates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.perfplane.contracts.CapacityEvent;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real embedded KRaft broker (the only mode of spring-kafka-test 4), real HTTP: capacity event in, two cost estimates out, then read back over REST. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class CostPipelineIntegrationTest {

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void pricesACapacityEventForBothScenariosAndServesThem() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    // An unusable event first, then a usable one, same key → same partition, processed in this order. Had the
    // unusable one been priced, its estimates would reach cost-estimates before the usable one's.
    publish(capacity(runId, 0.0, false));
    publish(capacity(runId, 4.0, true));

    List<ConsumerRecord<String, CostEstimate>> records = consumeEstimates(runId, 2);

    assertThat(records).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(Topics.costKey(runId, "1k-users"), Topics.costKey(runId, "10k-users"));
    assertThat(records).allSatisfy(record -> {
      CostEstimate estimate = record.value();
      assertThat(estimate.getAssumptions()).containsEntry("measured.rpsPerReplica", "4");
      assertThat(estimate.getCatalogVersion()).isEqualTo("aws-us-east-1-2026-11");
      assertThat(estimate.getItems()).isNotEmpty();
      assertThat(estimate.getMonthlyUsd()).isEqualTo(estimate.getItems().stream().map(CostItem::getMonthlyUsd)
          .reduce(BigDecimal::add).orElseThrow());
    });
    CostEstimate small = byScenario(records, "1k-users");
    CostEstimate large = byScenario(records, "10k-users");
    assertThat(small.getMonthlyUsers()).isEqualTo(1000);
    assertThat(large.getMonthlyUsers()).isEqualTo(10_000);
    assertThat(large.getPeakRps()).isGreaterThan(small.getPeakRps());
    assertThat(large.getMonthlyUsd()).isGreaterThanOrEqualTo(small.getMonthlyUsd());
    // 11.57 rps peak at 4 × 0.6 = 2.4 usable rps per replica → 5 replicas for 10k users; 1k stays at 2.
    assertThat(large.getAssumptions()).containsEntry("replicas", "5");
    assertThat(small.getAssumptions()).containsEntry("replicas", "2");

    JsonNode estimates = get("/estimates?runId=" + runId);
    assertThat(estimates.size()).isEqualTo(2);
    assertThat(estimates.get(0).get("scenario").asString()).isEqualTo("1k-users");
    assertThat(estimates.get(1).get("scenario").asString()).isEqualTo("10k-users");
    assertThat(new BigDecimal(estimates.get(1).get("monthlyUsd").asString()))
        .isEqualByComparingTo(large.getMonthlyUsd());
    JsonNode item = estimates.get(0).get("items").get(0);
    assertThat(item.get("unitPriceUsd").isString()).isTrue();
    assertThat(item.get("service").asString()).isEqualTo("AmazonEKS");
    assertThat(item.get("quantity").asDouble()).isEqualTo(730.0);
  }

  @Test
  void unknownRunHasNoEstimatesAndMissingRunIdIsAProblem() throws Exception {
    assertThat(get("/estimates?runId=never-priced").size()).isZero();

    HttpResponse<String> missing = send("/estimates");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(missing.body()).contains("runId");
  }

  @Test
  void catalogEndpointNamesTheVersionInUse() throws Exception {
    JsonNode catalog = get("/catalog");

    assertThat(catalog.get("version").asString()).isEqualTo("aws-us-east-1-2026-11");
    assertThat(catalog.get("effectiveDate").asString()).isEqualTo("2026-11-01");
    assertThat(catalog.get("currency").asString()).isEqualTo("USD");
    assertThat(catalog.get("entryCount").asInt()).isGreaterThanOrEqualTo(12);
  }

  private static CapacityEvent capacity(String runId, double rpsPerReplica, boolean sloHeld) {
    return CapacityEvent.newBuilder().setRunId(runId).setTargetService("demo").setAtUs(1_000_000L)
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
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
