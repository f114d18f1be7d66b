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
 * @param discounts pricing-model discounts (Spot, Savings Plans, Reserved) as assumptions; names unique
 */
public record PricingCatalog(String version, LocalDate effectiveDate, String region, String currency,
    @Nullable String notes, List<PriceEntry> entries, @Nullable List<Discount> discounts) {

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
    discounts = discounts == null ? List.of() : List.copyOf(discounts);
    if (!discounts.stream().map(Discount::name).allMatch(new HashSet<>()::add)) {
      throw new IllegalArgumentException("catalog " + version + " names a discount twice");
    }
    Set<String> keys = new HashSet<>();
    for (PriceEntry entry : entries) {
      if (!keys.add(entry.meter() + "/" + entry.instanceType())) {
        throw new IllegalArgumentException("catalog " + version + " prices " + entry.meter() + "/"
            + entry.instanceType() + " twice");
      }
    }
  }

  /**
   * Checks that this catalog prices {@code requestedRegion} in {@code requestedCurrency}.
   *
   * @throws UnsupportedMarketException naming the field that does not match
   */
  public void requireMarket(String requestedRegion, String requestedCurrency) {
    if (!region.equals(requestedRegion)) {
      throw new UnsupportedMarketException("region", "no prices for region " + requestedRegion + ": catalog "
          + version + " prices " + region + " only (add a catalog for " + requestedRegion + ")");
    }
    if (!currency.equals(requestedCurrency)) {
      throw new UnsupportedMarketException("currency", "no prices in currency " + requestedCurrency + ": catalog "
          + version + " prices in " + currency + " only; perfplane does not convert currencies");
    }
  }

  /** A discount by name (e.g. {@code ec2-spot}). */
  public Discount discount(String name) {
    return discounts.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("catalog " + version + " has no discount " + name));
  }

  /** Instance types priced on a per-instance meter, in catalog order. */
  public List<PriceEntry> instances(String meter) {
    return entries.stream().filter(e -> e.meter().equals(meter) && e.instanceType() != null).toList();
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
