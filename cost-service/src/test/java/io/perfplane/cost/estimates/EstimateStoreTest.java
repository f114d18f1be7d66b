package io.perfplane.cost.estimates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.Fleet;
import io.perfplane.cost.sizing.Scenario;
import io.perfplane.cost.sizing.SizingPolicy;
import io.perfplane.cost.system.CostProperties;
import org.junit.jupiter.api.Test;

class EstimateStoreTest {

  private static final Scenario SMALL = new Scenario("1k-users", 1000, 300, 10);
  private static final Scenario LARGE = new Scenario("10k-users", 10_000, 300, 10);

  private final EstimateStore store = new EstimateStore(new CostProperties("classpath:x", "g", 2,
      Duration.ofSeconds(1), List.of(SMALL, LARGE), SizingPolicy.defaults()));

  @Test
  void keepsTheLatestEstimatePerScenarioOrderedByUsers() {
    store.put(estimate("r1", LARGE, "10"));
    store.put(estimate("r1", SMALL, "1"));
    store.put(estimate("r1", LARGE, "11"));

    assertThat(store.forRun("r1")).extracting(e -> e.estimate().scenario().name())
        .containsExactly("1k-users", "10k-users");
    assertThat(store.forRun("r1").get(1).estimate().monthlyUsd()).isEqualByComparingTo("11");
  }

  @Test
  void evictsTheRunPricedLongestAgo() {
    store.put(estimate("r1", SMALL, "1"));
    store.put(estimate("r2", SMALL, "1"));
    store.put(estimate("r1", LARGE, "2")); // r1 priced again: r2 is now the oldest
    store.put(estimate("r3", SMALL, "1"));

    assertThat(store.runCount()).isEqualTo(2);
    assertThat(store.forRun("r2")).isEmpty();
    assertThat(store.forRun("r1")).hasSize(2);
    assertThat(store.forRun("r3")).hasSize(1);
  }

  @Test
  void unknownRunIsEmpty() {
    assertThat(store.forRun("nope")).isEmpty();
  }

  private static RunEstimate estimate(String runId, Scenario scenario, String usd) {
    Fleet fleet = new Fleet(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE, 2, BigDecimal.ONE, true, 2, 2, 2,
        BigDecimal.ZERO);
    return new RunEstimate(runId, 0, new Estimate(scenario, fleet, "v", "us-east-1", List.of(), new BigDecimal(usd),
        Map.of()));
  }
}
