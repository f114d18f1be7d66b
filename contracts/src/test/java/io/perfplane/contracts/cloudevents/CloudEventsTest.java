package io.perfplane.contracts.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CapacityKind;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.CostItem;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.UslFit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CloudEvents JSON of each public event, parsed by a real JSON parser and checked against its JSON Schema. */
class CloudEventsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static SloBreach breach(BreachState state) {
    return SloBreach.newBuilder().setBreachId("r1|p95|GET /a \"q\"\n@1").setState(state).setSloId("p95")
        .setRunId("r1").setEndpoint("GET /a \"q\"\nü").setIndicator("latency_p95").setWindowSeconds(10)
        .setObserved(812.5).setObjective(500).setUnit("ms").setBurnRate(null).setOpenedAtUs(1_700_000_000_250_000L)
        .setAtUs(1_700_000_010_000_001L).setResolvedAtUs(state == BreachState.RESOLVED ? 1_700_000_010_000_001L : null)
        .setMetric("service_time").build();
  }

  static CapacityEvent capacity() {
    return CapacityEvent.newBuilder().setRunId("r1").setTargetService("shop").setAtUs(1_700_000_100_000_000L)
        .setSloHeld(false).setMaxSustainedRps(196.3).setConcurrencyAtSlo(8).setBreakingRps(null).setReplicas(1)
        .setCpuPerReplica(null).setRpsPerReplica(196.3).setP95AtCapacityMs(41.5).setConfidence(0.87)
        .setKind(CapacityKind.KNEE).setKneeReached(true).setLowRps(190.0).setHighRps(199.0).setMethod("kneedle")
        .setEvidence("knee at 196.3 req/s").setUsl(UslFit.newBuilder().setSigma(0.02).setKappa(0.0001)
            .setLambda(26).setPeakConcurrency(Double.NaN).setPeakRps(null).setRSquared(0.98).setPoints(40).build())
        .build();
  }

  static CostEstimate cost() {
    return CostEstimate.newBuilder().setRunId("r1").setScenario("10k-users").setMonthlyUsers(10_000).setPeakRps(75)
        .setCatalogVersion("aws-us-east-1-2026-11-r3").setRegion("us-east-1").setAtUs(1_700_000_100_000_000L)
        .setMonthlyUsd(new BigDecimal("651.823743"))
        .setItems(List.of(CostItem.newBuilder().setService("EC2").setDescription("3 x c7g.xlarge")
            .setUsageType("BoxUsage:c7g.xlarge").setQuantity(2190.0).setUnit("Hrs")
            .setUnitPriceUsd(new BigDecimal("0.145000")).setMonthlyUsd(new BigDecimal("317.550000")).build()))
        .setAssumptions(java.util.Map.of("strategy", "on-demand")).setCapacityKind("LOWER_BOUND")
        .setMonthlyUsdLow(new BigDecimal("219.000000")).setMonthlyUsdHigh(null).build();
  }

  @Test
  void aBreachIsAStructuredCloudEventWithPlainJsonData() {
    JsonNode opened = JSON.readTree(CloudEvents.breach(breach(BreachState.OPENED)));
    JsonNode resolved = JSON.readTree(CloudEvents.breach(breach(BreachState.RESOLVED)));

    assertThat(opened.get("specversion").asString()).isEqualTo("1.0");
    assertThat(opened.get("type").asString()).isEqualTo("io.perfplane.slo.breach.opened");
    assertThat(resolved.get("type").asString()).isEqualTo("io.perfplane.slo.breach.resolved");
    assertThat(opened.get("source").asString()).isEqualTo("urn:perfplane:analyzer-service");
    assertThat(opened.get("subject").asString()).isEqualTo("r1");
    assertThat(opened.get("time").asString()).isEqualTo("2023-11-14T22:13:30.000001Z");
    assertThat(opened.get("datacontenttype").asString()).isEqualTo("application/json");
    assertThat(opened.get("id").asString()).isEqualTo("r1|p95|GET /a \"q\"\n@1/OPENED")
        .isNotEqualTo(resolved.get("id").asString());
    assertThat(CloudEvents.breach(breach(BreachState.OPENED))).as("the same event, the same id: receivers dedupe")
        .isEqualTo(CloudEvents.breach(breach(BreachState.OPENED)));
    JsonNode data = opened.get("data");
    assertThat(data.get("endpoint").asString()).isEqualTo("GET /a \"q\"\nü");
    assertThat(data.get("state").asString()).isEqualTo("OPENED");
    assertThat(data.get("observed").asDouble()).isEqualTo(812.5);
    assertThat(data.get("burnRate").isNull()).isTrue();
    assertThat(data.get("resolvedAtUs").isNull()).isTrue();
    assertThat(resolved.get("data").get("resolvedAtUs").asLong()).isEqualTo(1_700_000_010_000_001L);
    assertThat(data.get("metric").asString()).isEqualTo("service_time");
    assertThat(JsonSchemaCheck.violations(schema("slo-breach", SloBreach.getClassSchema()), data)).isEmpty();
  }

  @Test
  void capacityAndCostAreCloudEventsTooWithExactMoney() {
    JsonNode capacity = JSON.readTree(CloudEvents.capacity(capacity()));
    JsonNode cost = JSON.readTree(CloudEvents.cost("r1|10k-users", cost()));

    assertThat(capacity.get("type").asString()).isEqualTo("io.perfplane.capacity.measured");
    assertThat(capacity.get("data").get("kind").asString()).isEqualTo("KNEE");
    assertThat(capacity.get("data").get("usl").get("peakConcurrency").isNull()).as("NaN is not JSON").isTrue();
    assertThat(capacity.get("data").get("usl").get("rSquared").asDouble()).isEqualTo(0.98);
    assertThat(cost.get("type").asString()).isEqualTo("io.perfplane.cost.estimated");
    assertThat(cost.get("source").asString()).isEqualTo("urn:perfplane:cost-service");
    assertThat(cost.get("data").get("monthlyUsd").asString()).isEqualTo("651.823743");
    assertThat(cost.get("data").get("items").get(0).get("unitPriceUsd").asString()).isEqualTo("0.145000");
    assertThat(cost.get("data").get("monthlyUsdHigh").isNull()).isTrue();
    assertThat(JsonSchemaCheck.violations(schema("capacity-event", CapacityEvent.getClassSchema()),
        capacity.get("data"))).isEmpty();
    assertThat(JsonSchemaCheck.violations(schema("cost-estimate", CostEstimate.getClassSchema()), cost.get("data")))
        .isEmpty();
  }

  @Test
  void theSchemaCheckCatchesAWrongType() {
    JsonNode data = JSON.readTree(CloudEvents.breach(breach(BreachState.OPENED))).get("data");
    ((tools.jackson.databind.node.ObjectNode) data).put("windowSeconds", "ten");
    ((tools.jackson.databind.node.ObjectNode) data).put("state", "MAYBE");
    ((tools.jackson.databind.node.ObjectNode) data).remove("sloId");
    assertThat(JsonSchemaCheck.violations(schema("slo-breach", SloBreach.getClassSchema()), data))
        .containsExactlyInAnyOrder("$.windowSeconds: not integer", "$.state: not one of [OPENED, RESOLVED]",
            "$: missing sloId");
  }

  private static JsonNode schema(String name, org.apache.avro.Schema avro) {
    return JSON.readTree(AvroJsonSchema.of(avro, "urn:perfplane:schema:" + name));
  }

}
