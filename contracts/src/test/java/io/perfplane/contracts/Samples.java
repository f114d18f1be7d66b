package io.perfplane.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Test fixtures for contract records. */
final class Samples {

  private Samples() {
  }

  static RequestSample requestSample(long latencyUs) {
    return RequestSample.newBuilder()
        .setRunId("run-1")
        .setGeneratorId("gen-a")
        .setScenario("browse")
        .setEndpoint("GET /api/dashboards/{slug}")
        .setMethod("GET")
        .setStatus(200)
        .setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(1_700_000_000_000_000L)
        .setActualStartUs(1_700_000_000_000_250L)
        .setLatencyUs(latencyUs)
        .setServiceTimeUs(latencyUs - 250)
        .setTtfbUs(latencyUs / 2)
        .setBytesIn(512)
        .setBytesOut(0)
        .setTags(Map.of("group", "overview"))
        .build();
  }

  /** An estimate with Avro decimals, whose generated class has no field-by-field encoder. */
  static CostEstimate costEstimate() {
    return CostEstimate.newBuilder()
        .setRunId("r").setScenario("1k-users").setMonthlyUsers(1000).setPeakRps(12.5)
        .setCatalogVersion("2026-11-01").setRegion("us-east-1").setAtUs(1)
        .setMonthlyUsd(new BigDecimal("123.456789"))
        .setItems(List.of(CostItem.newBuilder().setService("AmazonEC2").setDescription("nodes")
            .setUsageType("m7g.large").setQuantity(730).setUnit("Hrs")
            .setUnitPriceUsd(new BigDecimal("0.081600")).setMonthlyUsd(new BigDecimal("59.568000")).build()))
        .build();
  }
}
