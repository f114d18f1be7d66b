package io.perfplane.cost.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One priced unit of one AWS product, as an AWS offer file would list it.
 *
 * @param meter perfplane's region-independent name of what is priced (e.g. {@code ec2-instance-hour}); sizing code
 *     looks prices up by meter, never by the region-prefixed usage type
 * @param service AWS service code, e.g. {@code AmazonEC2}
 * @param productFamily AWS product family, e.g. {@code Compute Instance}
 * @param usageType AWS usage type, e.g. {@code BoxUsage:m7g.large}
 * @param instanceType instance type for per-instance meters, else {@code null}
 * @param vcpu vCPUs of the instance type, else {@code null}
 * @param memoryGiB memory of the instance type in GiB, else {@code null}
 * @param unit billing unit: {@code Hrs}, {@code GB-Mo}, {@code ACU-Hr}, {@code LCU-Hrs}, {@code GB},
 *     {@code 1K-Requests}, ...
 * @param term offer-file term; only {@code OnDemand} prices are listed (other terms are {@link Discount}s);
 *     {@code null} in the file means {@code OnDemand}
 * @param priceUsd USD per unit, {@code >= 0}; for a tiered meter the first tier's price
 * @param tiers price tiers of a tiered meter (contiguous from 0, last one open-ended), else empty
 * @param description human-readable description
 * @param source URL of the public price page / offer file the figure comes from
 */
public record PriceEntry(String meter, String service, String productFamily, String usageType,
    @Nullable String instanceType, @JsonProperty("vCPU") @Nullable Integer vcpu, @Nullable BigDecimal memoryGiB,
    String unit, @Nullable String term, BigDecimal priceUsd, @Nullable List<PriceTier> tiers, String description,
    String source) {

  public PriceEntry {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(productFamily, "productFamily");
    Objects.requireNonNull(usageType, "usageType");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(priceUsd, "priceUsd");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    term = term == null ? "OnDemand" : term;
    if (!"OnDemand".equals(term)) {
      throw new IllegalArgumentException("only OnDemand prices are listed, " + meter + " has term " + term);
    }
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
    validateTiers(meter, priceUsd, tiers);
    if (priceUsd.signum() < 0) {
      throw new IllegalArgumentException("negative price for " + meter + " " + usageType + ": " + priceUsd);
    }
    if (vcpu != null && vcpu < 1) {
      throw new IllegalArgumentException("vCPU must be >= 1 for " + usageType + ": " + vcpu);
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException("every price needs a source: " + meter + " " + usageType);
    }
  }

  /** Whether the price depends on the monthly quantity (see {@link #tiers()}). */
  public boolean tiered() {
    return !tiers.isEmpty();
  }

  private static void validateTiers(String meter, BigDecimal priceUsd, List<PriceTier> tiers) {
    if (tiers.isEmpty()) {
      return;
    }
    BigDecimal expectedBegin = BigDecimal.ZERO;
    for (int i = 0; i < tiers.size(); i++) {
      PriceTier tier = tiers.get(i);
      if (tier.beginRange().compareTo(expectedBegin) != 0) {
        throw new IllegalArgumentException("tiers of " + meter + " must be contiguous from 0: tier " + i
            + " begins at " + tier.beginRange() + ", expected " + expectedBegin);
      }
      boolean last = i == tiers.size() - 1;
      if (last != (tier.endRange() == null)) {
        throw new IllegalArgumentException("tiers of " + meter + ": only the last tier is open-ended");
      }
      expectedBegin = tier.endRange();
    }
    if (tiers.getFirst().priceUsd().compareTo(priceUsd) != 0) {
      throw new IllegalArgumentException("priceUsd of tiered " + meter + " must equal its first tier's price");
    }
  }
}
