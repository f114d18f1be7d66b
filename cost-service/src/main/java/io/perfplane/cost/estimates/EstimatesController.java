package io.perfplane.cost.estimates;

import java.math.BigDecimal;
import java.util.List;

import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.LineItem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /estimates?runId=...}: the latest estimate per scenario of one run. Money is a decimal string. */
@RestController
class EstimatesController {

  private final EstimateStore store;

  EstimatesController(EstimateStore store) {
    this.store = store;
  }

  @GetMapping("/estimates")
  List<EstimateView> estimates(@RequestParam String runId) {
    return store.forRun(runId).stream().map(EstimateView::of).toList();
  }

  /**
   * One scenario's estimate.
   *
   * @param peakRps requests/s the fleet is sized for
   * @param monthlyUsd total USD per month, decimal string with 6 decimals
   */
  record EstimateView(String runId, String scenario, long monthlyUsers, double peakRps, String catalogVersion,
      String monthlyUsd, List<ItemView> items) {

    static EstimateView of(RunEstimate runEstimate) {
      Estimate estimate = runEstimate.estimate();
      return new EstimateView(runEstimate.runId(), estimate.scenario().name(), estimate.scenario().monthlyUsers(),
          estimate.fleet().peakRps().doubleValue(), estimate.catalogVersion(), money(estimate.monthlyUsd()),
          estimate.items().stream().map(ItemView::of).toList());
    }
  }

  /**
   * One priced line.
   *
   * @param quantity units per month
   * @param unitPriceUsd USD per unit, decimal string
   * @param monthlyUsd USD per month, decimal string
   */
  record ItemView(String service, String description, String usageType, double quantity, String unit,
      String unitPriceUsd, String monthlyUsd) {

    static ItemView of(LineItem item) {
      return new ItemView(item.service(), item.description(), item.usageType(), item.quantity().doubleValue(),
          item.unit(), money(item.unitPriceUsd()), money(item.monthlyUsd()));
    }
  }

  private static String money(BigDecimal usd) {
    return usd.toPlainString();
  }
}
