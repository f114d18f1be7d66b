package io.perfplane.cost.estimates;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An estimate as stored in PostgreSQL.
 *
 * @param id row id (larger = priced later)
 * @param runId run the capacity was measured in
 * @param scenario scenario name
 * @param strategy strategy id
 * @param usersPerMonth users per month of the scenario
 * @param peakRps requests/s the fleet is sized for
 * @param catalogVersion pricing catalog version
 * @param region AWS region
 * @param measuredAtUs time of the capacity event (µs epoch)
 * @param pricedAt when cost-service priced it
 * @param monthlyUsd total USD per month
 * @param costPerUserUsd USD per user per month
 * @param growthFactor10x cost at 10× the users ÷ this cost
 * @param savingUsd on-demand cost minus this one
 * @param assumptions the numbers used
 * @param capacityKind what the capacity sized from is evidence of (UNKNOWN for rows priced before v2)
 * @param monthlyUsdLow low end of the monthly range, or {@code null} when capacity is certain
 * @param monthlyUsdHigh high end of the monthly range, or {@code null} when certain or unbounded
 * @param items priced lines, in order
 */
record StoredEstimate(long id, String runId, String scenario, String strategy, long usersPerMonth,
    BigDecimal peakRps, String catalogVersion, String region, long measuredAtUs, Instant pricedAt,
    BigDecimal monthlyUsd, BigDecimal costPerUserUsd, BigDecimal growthFactor10x, BigDecimal savingUsd,
    Map<String, String> assumptions, String capacityKind, @Nullable BigDecimal monthlyUsdLow,
    @Nullable BigDecimal monthlyUsdHigh, List<Item> items) {

  StoredEstimate withItems(List<Item> newItems) {
    return new StoredEstimate(id, runId, scenario, strategy, usersPerMonth, peakRps, catalogVersion, region,
        measuredAtUs, pricedAt, monthlyUsd, costPerUserUsd, growthFactor10x, savingUsd, assumptions, capacityKind,
        monthlyUsdLow, monthlyUsdHigh, newItems);
  }

  /** One stored line. */
  record Item(String service, String description, String usageType, BigDecimal quantity, String unit,
      BigDecimal unitPriceUsd, BigDecimal monthlyUsd, String assumption) {
  }
}
