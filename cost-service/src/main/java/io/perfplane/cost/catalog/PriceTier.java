package io.perfplane.cost.catalog;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One price dimension of a tiered meter, as in an AWS offer file's {@code priceDimensions}: usage from
 * {@code beginRange} (inclusive) up to {@code endRange} (exclusive) in the meter's unit per month costs
 * {@code priceUsd} per unit.
 *
 * @param beginRange first unit of the tier, {@code >= 0}
 * @param endRange end of the tier, or {@code null} for the open-ended last tier ({@code Inf} in offer files)
 * @param priceUsd USD per unit within the tier, {@code >= 0}
 */
public record PriceTier(BigDecimal beginRange, @Nullable BigDecimal endRange, BigDecimal priceUsd) {

  public PriceTier {
    Objects.requireNonNull(beginRange, "beginRange");
    Objects.requireNonNull(priceUsd, "priceUsd");
    if (beginRange.signum() < 0 || priceUsd.signum() < 0) {
      throw new IllegalArgumentException("tier beginRange and priceUsd must be >= 0: " + beginRange + ", " + priceUsd);
    }
    if (endRange != null && endRange.compareTo(beginRange) <= 0) {
      throw new IllegalArgumentException("tier endRange " + endRange + " must be > beginRange " + beginRange);
    }
  }

  /** How much of {@code quantity} (total monthly usage) falls into this tier. */
  public BigDecimal share(BigDecimal quantity) {
    if (quantity.compareTo(beginRange) <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal top = endRange == null ? quantity : quantity.min(endRange);
    return top.subtract(beginRange);
  }
}
