package io.perfplane.cost.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfplane.cost.scenario.Availability;
import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.LineItem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's cost acceptance: the shipped scenarios follow seed 000 (1k-users single-AZ staging without MSK,
 * 10k-users multi-AZ production, a 10k/1k ratio between 2 and 8), and every line is public-price arithmetic to the
 * cent. Prices are read here from the catalog JSON itself, not through the service's catalog classes, and each
 * line is recomputed as quantity × that price.
 */
class SeedScenariosCostTest {

  private static final Pattern TIER = Pattern.compile(", tier ([0-9.]+)-([0-9.]*) ");

  private final Estimate small = SeedFixture.onDemand("1k-users");
  private final Estimate large = SeedFixture.onDemand("10k-users");

  @Test
  void oneKIsSingleAzStagingWithoutMsk() {
    assertThat(small.scenario().availability()).isEqualTo(Availability.SINGLE_AZ_STAGING);
    assertThat(small.fleet().zones()).isEqualTo(1);
    assertThat(small.fleet().traffic().natGateways()).isEqualTo(1);
    assertThat(small.fleet().database().instances()).isEqualTo(1);
    assertThat(small.fleet().nodes().type().burstable()).as("smaller (burstable) instances in staging").isTrue();
    assertThat(large.scenario().availability()).isEqualTo(Availability.MULTI_AZ_PRODUCTION);
    assertThat(large.fleet().traffic().natGateways()).isEqualTo(3);
    assertThat(large.fleet().database().instances()).isEqualTo(2);
    for (Estimate e : List.of(small, large)) {
      assertThat(e.items()).as("no MSK line for %s: api-service uses no Kafka", e.scenario().name())
          .noneMatch(i -> i.service().equals("AmazonMSK") || i.usageType().startsWith("kafka.")
              || i.description().contains("MSK"));
    }
  }

  @Test
  void tenKCostsBetweenTwoAndEightTimesOneK() {
    BigDecimal ratio = large.monthlyUsd().divide(small.monthlyUsd(), 4, RoundingMode.HALF_UP);
    assertThat(ratio).isBetween(BigDecimal.TWO, BigDecimal.valueOf(8));
  }

  @Test
  void everyLineIsQuantityTimesTheCatalogPriceToTheCent() throws IOException {
    JsonNode catalog;
    try (InputStream in = getClass().getResourceAsStream("/catalog/" + SeedFixture.CATALOG_FILE)) {
      catalog = JsonMapper.builder().build().readTree(in);
    }
    for (Estimate e : List.of(small, large)) {
      BigDecimal sum = BigDecimal.ZERO;
      for (LineItem line : e.items()) {
        BigDecimal price = publicPrice(catalog, line);
        BigDecimal expected = line.quantity().multiply(price).setScale(2, RoundingMode.HALF_UP);
        assertThat(line.unitPriceUsd()).as("unit price of %s", line.description()).isEqualByComparingTo(price);
        assertThat(line.monthlyUsd().setScale(2, RoundingMode.HALF_UP)).as("%s: %s × %s", line.description(),
            line.quantity(), price).isEqualByComparingTo(expected);
        sum = sum.add(line.quantity().multiply(price));
      }
      assertThat(e.monthlyUsd().setScale(2, RoundingMode.HALF_UP)).as("total of %s", e.scenario().name())
          .isEqualByComparingTo(sum.setScale(2, RoundingMode.HALF_UP));
    }
  }

  @Test
  void theBillsFixedLinesAreTheHandComputedPublicPrices() {
    // 730 h × $0.10 EKS; 1 × t4g.medium app node and 1 × t4g.medium add-on node at $0.0336/h; one NAT gateway at
    // $0.045/h; Aurora Serverless v2 at its 0.5 ACU floor × 1 instance × 730 h × $0.12; one ALB at $0.0225/h.
    assertThat(usd(small, "EKS control plane")).isEqualByComparingTo("73.00");
    assertThat(usd(small, "EKS worker nodes")).isEqualByComparingTo("24.53");
    assertThat(usd(small, "EKS system node group")).isEqualByComparingTo("24.53");
    assertThat(usd(small, "NAT gateways")).isEqualByComparingTo("32.85");
    assertThat(usd(small, "Aurora PostgreSQL")).isEqualByComparingTo("43.80");
    assertThat(usd(small, "Application Load Balancer")).isEqualByComparingTo("16.43");
    // 10k: 75 req/s peak ÷ (40 × 0.6) = 3.1 → 4 → 6 replicas over 3 AZs, 3 per c7g.xlarge ($0.145/h) → 3 nodes;
    // 3 NAT gateways; 2 Aurora instances at 0.5 ACU.
    assertThat(usd(large, "EKS worker nodes")).isEqualByComparingTo("317.55");
    assertThat(usd(large, "NAT gateways")).isEqualByComparingTo("98.55");
    assertThat(usd(large, "Aurora PostgreSQL")).isEqualByComparingTo("87.60");
  }

  private static BigDecimal usd(Estimate e, String descriptionStart) {
    List<LineItem> lines = new ArrayList<>(e.items().stream()
        .filter(i -> i.description().startsWith(descriptionStart)).toList());
    assertThat(lines).as("%s in %s", descriptionStart, e.scenario().name()).hasSize(1);
    return lines.getFirst().monthlyUsd().setScale(2, RoundingMode.HALF_UP);
  }

  /** The on-demand price of a line from the raw catalog: by service and usage (or instance) type, tier if any. */
  private static BigDecimal publicPrice(JsonNode catalog, LineItem line) {
    for (JsonNode entry : catalog.path("entries")) {
      String usage = entry.hasNonNull("instanceType") ? entry.path("instanceType").asString()
          : entry.path("usageType").asString();
      if (!entry.path("service").asString().equals(line.service()) || !usage.equals(line.usageType())) {
        continue;
      }
      if (!entry.has("tiers")) {
        return new BigDecimal(entry.path("priceUsd").asString());
      }
      Matcher tier = TIER.matcher(line.description());
      assertThat(tier.find()).as("tier named in %s", line.description()).isTrue();
      for (JsonNode t : entry.path("tiers")) {
        if (new BigDecimal(t.path("beginRange").asString()).compareTo(new BigDecimal(tier.group(1))) == 0) {
          return new BigDecimal(t.path("priceUsd").asString());
        }
      }
    }
    throw new AssertionError("no catalog price for " + line.service() + " " + line.usageType());
  }
}
