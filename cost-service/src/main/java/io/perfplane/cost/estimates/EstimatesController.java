package io.perfplane.cost.estimates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.scenario.Scenarios;
import io.perfplane.cost.sizing.Strategy;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Estimates over HTTP, read from PostgreSQL. Money is a decimal string.
 *
 * <ul>
 *   <li>{@code GET /estimates?runId=&strategy=on-demand[&region=&currency=]}: the latest estimate per scenario of
 *       one run bought one way, smallest audience first, each with every strategy's total and saving;</li>
 *   <li>{@code GET /estimates/history?scenario=&strategy=on-demand&limit=20}: a scenario's estimates, newest first;</li>
 *   <li>{@code GET /estimates/tfvars?runId=&scenario=&strategy=on-demand}: the Terraform variables of one;</li>
 *   <li>{@code GET /scenarios}: the scenarios every capacity event is priced for.</li>
 * </ul>
 */
@RestController
class EstimatesController {

  private final EstimateRepository repository;
  private final PricingCatalog catalog;
  private final List<Scenario> scenarios;

  EstimatesController(EstimateRepository repository, PricingCatalog catalog, Scenarios scenarios) {
    this.repository = repository;
    this.catalog = catalog;
    this.scenarios = scenarios.all();
  }

  @GetMapping("/estimates")
  List<EstimateView> estimates(@RequestParam String runId,
      @RequestParam(defaultValue = "on-demand") String strategy, @RequestParam(required = false) @Nullable String region,
      @RequestParam(required = false) @Nullable String currency) {
    catalog.requireMarket(region == null ? catalog.region() : region, currency == null ? catalog.currency() : currency);
    Strategy wanted = strategy(strategy);
    List<StoredEstimate> latest = repository.latestForRun(runId);
    Map<String, List<StoredEstimate>> byScenario = latest.stream()
        .collect(Collectors.groupingBy(StoredEstimate::scenario));
    return latest.stream().filter(e -> e.strategy().equals(wanted.id()))
        .sorted(Comparator.comparingLong(StoredEstimate::usersPerMonth).thenComparing(StoredEstimate::scenario))
        .map(e -> EstimateView.of(e, byScenario.get(e.scenario())))
        .toList();
  }

  @GetMapping("/estimates/history")
  List<HistoryView> history(@RequestParam String scenario, @RequestParam(defaultValue = "on-demand") String strategy,
      @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidFieldException("limit", "limit must be in 1..1000, was " + limit);
    }
    return repository.history(scenario, strategy(strategy).id(), limit).stream().map(HistoryView::of).toList();
  }

  @GetMapping(path = "/estimates/tfvars", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> tfvars(@RequestParam String runId, @RequestParam String scenario,
      @RequestParam(defaultValue = "on-demand") String strategy) {
    return repository.tfvars(runId, scenario, strategy(strategy).id())
        .map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/scenarios")
  List<Scenario> scenarios() {
    return scenarios;
  }

  private static Strategy strategy(String id) {
    try {
      return Strategy.of(id);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("strategy", e.getMessage() + "; one of "
          + java.util.Arrays.stream(Strategy.values()).map(Strategy::id).toList());
    }
  }

  /**
   * One scenario's estimate.
   *
   * @param scenario scenario name (unqualified; see {@code strategy})
   * @param peakRps requests/s the fleet is sized for
   * @param monthlyUsd total USD per month, decimal string with 6 decimals: the estimate at a knee (or for a v1
   *     capacity event), the most it costs for a LOWER_BOUND, the least for an UPPER_BOUND
   * @param capacityKind KNEE, LOWER_BOUND, UPPER_BOUND or UNKNOWN: what the capacity sized from is evidence of
   * @param monthlyUsdLow low end of the monthly range (decimal string), {@code null} when capacity is certain
   * @param monthlyUsdHigh high end of the range, {@code null} when capacity is certain or the range is unbounded
   *     above (an UPPER_BOUND)
   * @param costPerUserUsd USD per user per month
   * @param growthFactor10x cost at 10× the users ÷ this cost
   * @param strategies every strategy's total for this scenario and run, with its saving against on-demand
   */
  record EstimateView(String runId, String scenario, String strategy, long monthlyUsers, double peakRps,
      String catalogVersion, String region, String monthlyUsd, String capacityKind, @Nullable String monthlyUsdLow,
      @Nullable String monthlyUsdHigh, String costPerUserUsd, String growthFactor10x, Instant pricedAt,
      List<ItemView> items, List<StrategyView> strategies) {

    static EstimateView of(StoredEstimate e, List<StoredEstimate> sameScenario) {
      BigDecimal onDemand = sameScenario.stream().filter(s -> s.strategy().equals(Strategy.ON_DEMAND.id()))
          .map(StoredEstimate::monthlyUsd).findFirst().orElse(e.monthlyUsd());
      List<StrategyView> strategies = sameScenario.stream()
          .sorted(Comparator.comparingInt(s -> Strategy.of(s.strategy()).ordinal()))
          .map(s -> StrategyView.of(s, onDemand)).toList();
      return new EstimateView(e.runId(), e.scenario(), e.strategy(), e.usersPerMonth(), e.peakRps().doubleValue(),
          e.catalogVersion(), e.region(), money(e.monthlyUsd()), e.capacityKind(), moneyOrNull(e.monthlyUsdLow()),
          moneyOrNull(e.monthlyUsdHigh()), money(e.costPerUserUsd()),
          e.growthFactor10x().toPlainString(), e.pricedAt(), e.items().stream().map(ItemView::of).toList(),
          strategies);
    }
  }

  /**
   * @param savingUsd on-demand monthly cost minus this strategy's (negative: dearer)
   * @param savingPercent the saving as a percentage of on-demand, 2 decimals
   * @param capacityKind as on the estimate (the same for every strategy of a run's scenario)
   * @param monthlyUsdLow low end of this strategy's monthly range, or {@code null}
   * @param monthlyUsdHigh high end of this strategy's monthly range, or {@code null} (certain, or unbounded)
   */
  record StrategyView(String strategy, String monthlyUsd, String savingUsd, String savingPercent,
      String capacityKind, @Nullable String monthlyUsdLow, @Nullable String monthlyUsdHigh) {

    static StrategyView of(StoredEstimate e, BigDecimal onDemand) {
      BigDecimal percent = onDemand.signum() == 0 ? BigDecimal.ZERO
          : e.savingUsd().multiply(BigDecimal.valueOf(100)).divide(onDemand, 2, RoundingMode.HALF_UP);
      return new StrategyView(e.strategy(), money(e.monthlyUsd()), money(e.savingUsd()), percent.toPlainString(),
          e.capacityKind(), moneyOrNull(e.monthlyUsdLow()), moneyOrNull(e.monthlyUsdHigh()));
    }
  }

  /**
   * One priced line.
   *
   * @param quantity units per month
   * @param unitPriceUsd USD per unit, decimal string
   * @param monthlyUsd USD per month, decimal string
   * @param assumption how the quantity was arrived at
   */
  record ItemView(String service, String description, String usageType, double quantity, String unit,
      String unitPriceUsd, String monthlyUsd, String assumption) {

    static ItemView of(StoredEstimate.Item item) {
      return new ItemView(item.service(), item.description(), item.usageType(), item.quantity().doubleValue(),
          item.unit(), money(item.unitPriceUsd()), money(item.monthlyUsd()), item.assumption());
    }
  }

  /** One history entry. */
  record HistoryView(String runId, String strategy, Instant pricedAt, String catalogVersion, String monthlyUsd,
      String costPerUserUsd, String capacityKind, @Nullable String monthlyUsdLow, @Nullable String monthlyUsdHigh) {

    static HistoryView of(StoredEstimate e) {
      return new HistoryView(e.runId(), e.strategy(), e.pricedAt(), e.catalogVersion(), money(e.monthlyUsd()),
          money(e.costPerUserUsd()), e.capacityKind(), moneyOrNull(e.monthlyUsdLow()),
          moneyOrNull(e.monthlyUsdHigh()));
    }
  }

  private static String money(BigDecimal usd) {
    return usd.toPlainString();
  }

  private static @Nullable String moneyOrNull(@Nullable BigDecimal usd) {
    return usd == null ? null : usd.toPlainString();
  }
}
