package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStateTest {

  private static final long S = 1_000_000L;

  /** Stages as the demo plans them: ramp to 10, hold 10, ramp to 20, hold 20, ramp down to 0. */
  private RunState demoStages() {
    RunState state = new RunState();
    state.stageChanged(0, 10);
    state.stageChanged(10 * S, 10);
    state.stageChanged(20 * S, 20);
    state.stageChanged(30 * S, 20);
    state.stageChanged(40 * S, 0);
    return state;
  }

  @Test
  void aWindowEndingInTheRampDownStillSawThePeakUsers() {
    assertThat(demoStages().peakConcurrencyBetween(35 * S, 45 * S)).isEqualTo(20);
    assertThat(demoStages().concurrencyAt(45 * S - 1)).as("the end alone says nothing ran").isZero();
  }

  @Test
  void aWindowInsideOneStageSeesThatStagesRange() {
    assertThat(demoStages().peakConcurrencyBetween(12 * S, 18 * S)).isEqualTo(10);
    assertThat(demoStages().peakConcurrencyBetween(21 * S, 29 * S)).as("ramping 10 -> 20").isEqualTo(20);
  }

  @Test
  void survivesTheChangelogRoundTripAndUnknownStages() {
    assertThat(RunState.decode(demoStages().encode()).peakConcurrencyBetween(0, 50 * S)).isEqualTo(20);
    assertThat(new RunState().peakConcurrencyBetween(0, 50 * S)).isZero();
  }
}
