package io.perfplane.cost.catalog;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An immutable, dated set of prices for one region.
 *
 * @param version catalog version, quoted on every estimate priced from it (e.g. {@code aws-us-east-1-2026-11})
 * @param effectiveDate date from which the prices apply
 * @param region AWS region code
 * @param currency ISO 4217 code; only {@code USD} is supported
 * @param notes what the prices include and exclude
 * @param entries the prices; a (meter, instanceType) pair occurs at most once
 */
public record PricingCatalog(String version, LocalDate effectiveDate, String region, String currency,
    @Nullable String notes, List<PriceEntry> entries) {

  public PricingCatalog {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(effectiveDate, "effectiveDate");
    Objects.requireNonNull(region, "region");
    if (!"USD".equals(currency)) {
      // Estimates carry money as USD decimals; a foreign-currency catalog would silently mislabel them.
      throw new IllegalArgumentException("only USD catalogs are supported, got " + currency);
    }
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("catalog " + version + " has no entries");
    }
    Set<String> keys = new HashSet<>();
    for (PriceEntry entry : entries) {
      if (!keys.add(entry.meter() + "/" + entry.instanceType())) {
        throw new IllegalArgumentException("catalog " + version + " prices " + entry.meter() + "/"
            + entry.instanceType() + " twice");
      }
    }
  }

  /** The price of a meter that has no instance type (e.g. {@code eks-cluster-hour}). */
  public PriceEntry price(String meter) {
    return find(meter, null);
  }

  /** The price of one instance type on a per-instance meter (e.g. {@code ec2-instance-hour}, {@code m7g.large}). */
  public PriceEntry instance(String meter, String instanceType) {
    return find(meter, Objects.requireNonNull(instanceType, "instanceType"));
  }

  private PriceEntry find(String meter, @Nullable String instanceType) {
    return entries.stream()
        .filter(entry -> entry.meter().equals(meter) && Objects.equals(entry.instanceType(), instanceType))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("catalog " + version + " has no price for " + meter
            + (instanceType == null ? "" : " " + instanceType)));
  }
}
