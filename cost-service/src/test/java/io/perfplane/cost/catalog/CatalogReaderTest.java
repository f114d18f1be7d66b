package io.perfplane.cost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CatalogReaderTest {

  static PricingCatalog bundled() {
    return CatalogReader.read(CatalogReaderTest.class.getResourceAsStream("/catalog/aws-us-east-1-2026-11-r2.json"),
        "bundled");
  }

  @Test
  void readsTheBundledCatalogWithItsVersionDateAndRegion() {
    PricingCatalog catalog = bundled();

    assertThat(catalog.version()).isEqualTo("aws-us-east-1-2026-11-r2");
    assertThat(catalog.effectiveDate()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(catalog.region()).isEqualTo("us-east-1");
    assertThat(catalog.currency()).isEqualTo("USD");
    assertThat(catalog.entries()).allSatisfy(entry -> assertThat(entry.source()).startsWith("https://aws.amazon.com/"));
  }

  @Test
  void keepsDecimalPricesExactly() {
    PricingCatalog catalog = bundled();

    assertThat(catalog.price("eks-cluster-hour").priceUsd()).isEqualTo(new BigDecimal("0.10"));
    assertThat(catalog.instance("ec2-instance-hour", "m7g.large").priceUsd()).isEqualTo(new BigDecimal("0.0816"));
    assertThat(catalog.instance("ec2-instance-hour", "m7g.xlarge").vcpu()).isEqualTo(4);
  }

  @Test
  void coversTheInstanceTypesTheBriefNames() {
    PricingCatalog catalog = bundled();

    for (String type : new String[] {"m7g.large", "m7g.xlarge", "m6i.large", "c7g.large", "t3.medium"}) {
      PriceEntry entry = catalog.instance("ec2-instance-hour", type);
      assertThat(entry.service()).isEqualTo("AmazonEC2");
      assertThat(entry.unit()).isEqualTo("Hrs");
      assertThat(entry.vcpu()).isNotNull().isPositive();
      assertThat(entry.memoryGiB()).isNotNull();
    }
    assertThat(catalog.instance("msk-broker-hour", "kafka.m7g.large").service()).isEqualTo("AmazonMSK");
    assertThat(catalog.price("msk-storage-gb-month").unit()).isEqualTo("GB-Mo");
    assertThat(catalog.price("aurora-serverless-v2-acu-hour").service()).isEqualTo("AmazonRDS");
    assertThat(catalog.price("alb-lcu-hour").service()).isEqualTo("AWSELB");
  }

  @Test
  void coversEveryMeterOfTheIssue() {
    PricingCatalog catalog = bundled();

    for (String meter : new String[] {"eks-cluster-hour", "aurora-serverless-v2-acu-hour",
        "aurora-serverless-v2-acu-hour-io-optimized", "aurora-storage-gb-month", "aurora-storage-gb-month-io-optimized",
        "aurora-io-requests", "msk-storage-gb-month", "msk-serverless-cluster-hour", "msk-serverless-partition-hour",
        "msk-serverless-storage-gb-month", "msk-serverless-data-in-gb", "msk-serverless-data-out-gb", "alb-hour",
        "alb-lcu-hour", "nat-gateway-hour", "nat-gateway-gb", "cloudfront-data-out-gb", "cloudfront-https-requests",
        "s3-storage-gb-month", "s3-get-requests", "s3-put-requests", "data-transfer-out-gb",
        "cloudwatch-logs-ingest-gb", "cloudwatch-logs-storage-gb-month"}) {
      PriceEntry entry = catalog.price(meter);
      assertThat(entry.term()).as(meter).isEqualTo("OnDemand");
      assertThat(entry.source()).as(meter).contains("https://aws.amazon.com/");
    }
    for (String family : new String[] {"m6i", "m7g", "c7g", "t3"}) {
      assertThat(catalog.instances("ec2-instance-hour")).filteredOn(e -> e.instanceType().startsWith(family + "."))
          .as(family).hasSizeGreaterThanOrEqualTo(3);
    }
    assertThat(catalog.discount("ec2-spot").fraction()).isEqualByComparingTo("0.65");
    assertThat(catalog.discount("ec2-compute-savings-plan-1yr-no-upfront").term()).isEqualTo("SavingsPlan");
    assertThat(catalog.discount("ec2-reserved-1yr-standard-no-upfront").term()).isEqualTo("Reserved");
  }

  @Test
  void dataTransferOutIsTieredLikeTheOfferFile() {
    PriceEntry transfer = bundled().price("data-transfer-out-gb");

    assertThat(transfer.tiered()).isTrue();
    assertThat(transfer.tiers()).extracting(PriceTier::priceUsd)
        .containsExactly(new BigDecimal("0.09"), new BigDecimal("0.085"), new BigDecimal("0.07"), new BigDecimal("0.05"));
    // 20 TB: 10,240 GB in the first tier, the remaining 10,240 in the second.
    BigDecimal twentyTb = BigDecimal.valueOf(20_480);
    assertThat(transfer.tiers().get(0).share(twentyTb)).isEqualByComparingTo("10240");
    assertThat(transfer.tiers().get(1).share(twentyTb)).isEqualByComparingTo("10240");
    assertThat(transfer.tiers().get(2).share(twentyTb)).isEqualByComparingTo("0");
  }

  @Test
  void anotherRegionOrCurrencyIsAClearError() {
    PricingCatalog catalog = bundled();

    catalog.requireMarket("us-east-1", "USD");
    assertThatThrownBy(() -> catalog.requireMarket("eu-west-1", "USD"))
        .isInstanceOfSatisfying(UnsupportedMarketException.class, e -> assertThat(e.field()).isEqualTo("region"))
        .hasMessageContaining("eu-west-1").hasMessageContaining("us-east-1");
    assertThatThrownBy(() -> catalog.requireMarket("us-east-1", "EUR"))
        .isInstanceOfSatisfying(UnsupportedMarketException.class, e -> assertThat(e.field()).isEqualTo("currency"))
        .hasMessageContaining("EUR");
  }

  @Test
  void rejectsGappedOrMispricedTiers() {
    String gapped = catalog(entry("data-transfer-out-gb", null, "0.09").replace("\"unit\"",
        "\"tiers\": [{\"beginRange\": \"0\", \"endRange\": \"10\", \"priceUsd\": \"0.09\"},"
            + " {\"beginRange\": \"20\", \"priceUsd\": \"0.05\"}], \"unit\""));
    assertThatThrownBy(() -> read(gapped)).hasMessageContaining("contiguous");
    String mispriced = catalog(entry("data-transfer-out-gb", null, "0.10").replace("\"unit\"",
        "\"tiers\": [{\"beginRange\": \"0\", \"priceUsd\": \"0.09\"}], \"unit\""));
    assertThatThrownBy(() -> read(mispriced)).hasMessageContaining("first tier");
  }

  @Test
  void unknownPriceNamesTheMeter() {
    assertThatThrownBy(() -> bundled().instance("ec2-instance-hour", "x9.huge"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x9.huge");
  }

  @Test
  void rejectsANegativePrice() {
    assertThatThrownBy(() -> read(catalog(entry("eks-cluster-hour", null, "-0.10"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative price");
  }

  @Test
  void rejectsTheSamePriceTwice() {
    assertThatThrownBy(() -> read(catalog(entry("alb-hour", null, "0.0225") + "," + entry("alb-hour", null, "0.03"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void rejectsUnknownFieldsSoATypoCannotDropAFigure() {
    String json = catalog(entry("alb-hour", null, "0.0225")).replace("\"priceUsd\"", "\"priceUSD\"");
    assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnEmptyOrNonUsdCatalog() {
    assertThatThrownBy(() -> read(catalog(""))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> read(catalog(entry("alb-hour", null, "1")).replace("USD", "EUR")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static PricingCatalog read(String json) {
    return CatalogReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
  }

  private static String catalog(String entries) {
    return """
        {"version": "t-1", "effectiveDate": "2026-01-01", "region": "us-east-1", "currency": "USD",
         "entries": [%s]}""".formatted(entries);
  }

  private static String entry(String meter, String instanceType, String price) {
    return """
        {"meter": "%s", "service": "S", "productFamily": "F", "usageType": "U", %s "unit": "Hrs",
         "priceUsd": "%s", "description": "d", "source": "https://aws.amazon.com/x"}"""
        .formatted(meter, instanceType == null ? "" : "\"instanceType\": \"" + instanceType + "\", \"vCPU\": 2,", price);
  }
}
