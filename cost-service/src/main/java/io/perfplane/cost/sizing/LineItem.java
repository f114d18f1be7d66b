package io.perfplane.cost.sizing;

import java.math.BigDecimal;

/**
 * One priced line of an estimate: {@code monthlyUsd = quantity × unitPriceUsd}, rounded HALF_UP to scale 6.
 *
 * @param service AWS service code, e.g. {@code AmazonEC2}
 * @param description the resource the line pays for
 * @param usageType catalog usage type (instance type for instances)
 * @param quantity units per month (scale 6)
 * @param unit billing unit from the catalog ({@code Hrs}, {@code GB-Mo}, ...)
 * @param unitPriceUsd USD per unit (scale 6), after any discount of the strategy
 * @param monthlyUsd USD per month (scale 6)
 * @param assumption how the quantity (and any discount) was arrived at
 */
public record LineItem(String service, String description, String usageType, BigDecimal quantity, String unit,
    BigDecimal unitPriceUsd, BigDecimal monthlyUsd, String assumption) {
}
