package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.cost.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * Itemized monthly cost of one scenario bought one way.
 *
 * @param scenario the scenario priced
 * @param strategy how the fleet is bought
 * @param fleet the fleet it needs
 * @param catalogVersion version of the pricing catalog used
 * @param region AWS region of the prices
 * @param items priced lines, in a stable order
 * @param monthlyUsd sum of the items' {@code monthlyUsd} (USD, scale 6)
 * @param costPerUserUsd {@code monthlyUsd / usersPerMonth} (USD per user per month, scale 6)
 * @param growthFactor10x monthly cost of the same audience 10× larger, divided by {@code monthlyUsd} (scale 4): 10
 *     means cost grows linearly, less means fixed costs dominate
 * @param savingUsd on-demand monthly cost minus this one (USD, scale 6; 0 for on-demand, negative if dearer)
 * @param assumptions every number the estimate used, by name, as strings (insertion-ordered)
 * @param capacityKind what the capacity sized from is evidence of; says how to read {@code monthlyUsd}: at a knee
 *     (or UNKNOWN) the estimate, for a LOWER_BOUND the most the fleet costs, for an UPPER_BOUND the least
 * @param monthlyUsdLow low end of the monthly cost range (USD, scale 6), or {@code null} when capacity is certain
 *     (a knee with confidence 1, or a v1 event)
 * @param monthlyUsdHigh high end of the range (USD, scale 6), or {@code null} when capacity is certain or the range
 *     is unbounded above (an UPPER_BOUND, or a knee whose low end sizes no fleet)
 */
public record Estimate(Scenario scenario, Strategy strategy, Fleet fleet, String catalogVersion, String region,
    List<LineItem> items, BigDecimal monthlyUsd, BigDecimal costPerUserUsd, BigDecimal growthFactor10x,
    BigDecimal savingUsd, Map<String, String> assumptions, CapacityKind capacityKind,
    @Nullable BigDecimal monthlyUsdLow, @Nullable BigDecimal monthlyUsdHigh) {

  public Estimate {
    items = List.copyOf(items);
    assumptions = Collections.unmodifiableMap(new LinkedHashMap<>(assumptions));
    if (monthlyUsdHigh != null && monthlyUsdLow == null) {
      throw new IllegalArgumentException("a cost range with a high end needs a low end");
    }
  }

  /** Whether the estimate carries a range (capacity uncertain or a bound). */
  public boolean ranged() {
    return monthlyUsdLow != null;
  }

  /** The scenario name qualified by the strategy: {@code 1k-users} for on-demand, else {@code 1k-users/spot}. */
  public String qualifiedName() {
    return strategy == Strategy.ON_DEMAND ? scenario.name() : scenario.name() + "/" + strategy.id();
  }
}
