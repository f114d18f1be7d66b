package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Itemized monthly cost of one scenario.
 *
 * @param scenario the scenario priced
 * @param fleet the fleet it needs
 * @param catalogVersion version of the pricing catalog used
 * @param region AWS region of the prices
 * @param items priced lines, in a stable order
 * @param monthlyUsd sum of the items' {@code monthlyUsd} (USD, scale 6)
 * @param assumptions every number the estimate used, by name, as strings (insertion-ordered)
 */
public record Estimate(Scenario scenario, Fleet fleet, String catalogVersion, String region, List<LineItem> items,
    BigDecimal monthlyUsd, Map<String, String> assumptions) {

  public Estimate {
    items = List.copyOf(items);
    assumptions = Collections.unmodifiableMap(new LinkedHashMap<>(assumptions));
  }
}
