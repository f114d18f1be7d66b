package io.perfplane.cost.estimates;

import java.time.LocalDate;

import io.perfplane.cost.catalog.PricingCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /catalog}: which pricing catalog estimates are made from. */
@RestController
class CatalogController {

  private final PricingCatalog catalog;

  CatalogController(PricingCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/catalog")
  CatalogView catalog() {
    return new CatalogView(catalog.version(), catalog.effectiveDate(), catalog.region(), catalog.currency(),
        catalog.entries().size());
  }

  /** @param entryCount number of prices in the catalog */
  record CatalogView(String version, LocalDate effectiveDate, String region, String currency, int entryCount) {
  }
}
