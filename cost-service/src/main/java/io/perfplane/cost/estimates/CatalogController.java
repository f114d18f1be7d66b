package io.perfplane.cost.estimates;

import java.time.LocalDate;

import io.perfplane.cost.catalog.PricingCatalog;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /catalog}: which pricing catalog estimates are made from. */
@RestController
class CatalogController {

  private final PricingCatalog catalog;

  CatalogController(PricingCatalog catalog) {
    this.catalog = catalog;
  }

  /** The catalog in use; asking for another {@code region} or {@code currency} is a 400 problem naming it. */
  @GetMapping("/catalog")
  CatalogView catalog(@RequestParam(required = false) @Nullable String region,
      @RequestParam(required = false) @Nullable String currency) {
    catalog.requireMarket(region == null ? catalog.region() : region, currency == null ? catalog.currency() : currency);
    return new CatalogView(catalog.version(), catalog.effectiveDate(), catalog.region(), catalog.currency(),
        catalog.entries().size());
  }

  /** @param entryCount number of prices in the catalog */
  record CatalogView(String version, LocalDate effectiveDate, String region, String currency, int entryCount) {
  }
}
