package io.perfplane.contracts.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BurnRatePolicyTest {

  /** 99.9% availability: budget 0.1%; rules scaled by 1/60 (1 h -> 60 s, 5 m -> 5 s, 6 h -> 360 s, 30 m -> 30 s). */
  private final BurnRatePolicy policy = new BurnRatePolicy(0.999, BurnRatePolicy.WORKBOOK_RULES, 1.0 / 60);

  @Test
  void budgetAndBurnRateByHand() {
    assertThat(policy.errorBudget()).isCloseTo(0.001, within(1e-12));
    // 15 errors in 1000 requests = 1.5% = 15x the 0.1% budget.
    assertThat(policy.burnRate(new BurnRatePolicy.Counts(1000, 15))).isCloseTo(15.0, within(1e-9));
    assertThat(policy.burnRate(new BurnRatePolicy.Counts(0, 0))).isZero();
    // 2 errors in 10 000 requests used 20% of the budget.
    assertThat(policy.budgetConsumed(new BurnRatePolicy.Counts(10_000, 2))).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void windowsAreScaledToTestLength() {
    assertThat(policy.scaledSeconds(Duration.ofHours(1))).isEqualTo(60);
    assertThat(policy.scaledSeconds(Duration.ofMinutes(5))).isEqualTo(5);
    assertThat(policy.scaledSeconds(Duration.ofHours(6))).isEqualTo(360);
    assertThat(policy.scaledSeconds(Duration.ofMinutes(30))).isEqualTo(30);
    assertThat(new BurnRatePolicy(0.99, BurnRatePolicy.WORKBOOK_RULES, 1e-6).scaledSeconds(Duration.ofMinutes(5)))
        .as("never below one second").isEqualTo(1);
  }

  @Test
  void fastRuleNeedsBothWindowsAboveFourteenPointFour() {
    // Long (60 s): 1.5% errors = 15x. Short (5 s): 1.5% = 15x. Both >= 14.4: fires.
    assertThat(policy.firing(seconds -> switch (seconds) {
      case 60 -> new BurnRatePolicy.Counts(6000, 90);
      case 5 -> new BurnRatePolicy.Counts(500, 8);
      default -> new BurnRatePolicy.Counts(36_000, 90); // 360 s and 30 s windows: 2.5x, below 6
    })).contains(BurnRatePolicy.WORKBOOK_RULES.get(0));
    // The burn stopped: the short window (5 s, 0 errors) resets the alert although the long one still burns at 15x.
    assertThat(policy.firing(seconds -> switch (seconds) {
      case 60 -> new BurnRatePolicy.Counts(6000, 90);
      case 5 -> new BurnRatePolicy.Counts(500, 0);
      default -> new BurnRatePolicy.Counts(36_000, 90);
    })).isEmpty();
  }

  @Test
  void slowRuleFiresOnASustainedSixfoldBurn() {
    // 0.7% errors everywhere = 7x: below 14.4 (fast rule quiet) but >= 6 over 360 s and 30 s.
    assertThat(policy.firing(seconds -> new BurnRatePolicy.Counts(seconds * 1000L, seconds * 7L)))
        .contains(BurnRatePolicy.WORKBOOK_RULES.get(1));
    // 0.5% = 5x: nothing fires.
    assertThat(policy.firing(seconds -> new BurnRatePolicy.Counts(seconds * 1000L, seconds * 5L))).isEmpty();
  }

  @Test
  void invalidPoliciesAreRejected() {
    assertThatThrownBy(() -> new BurnRatePolicy(1.0, BurnRatePolicy.WORKBOOK_RULES, 1)).hasMessageContaining("target");
    assertThatThrownBy(() -> new BurnRatePolicy(0.99, List.of(), 1)).hasMessageContaining("rule");
    assertThatThrownBy(() -> new BurnRatePolicy.Rule(2, Duration.ofMinutes(5), Duration.ofHours(1)))
        .hasMessageContaining("short window");
  }
}
