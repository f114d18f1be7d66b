package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class RampingArrivalRateShapeTest extends ArrivalShapeContractTest {

  // 0 -> 100/s over 2 s (100 arrivals), hold 1 s (100), 100 -> 20/s over 2 s (120), spike 20 -> 200/s in 0.5 s (55).
  private final ArrivalSchedule shape = new ArrivalSchedule(0, List.of(
      new ArrivalSchedule.Stage(2_000, 100), new ArrivalSchedule.Stage(1_000, 100),
      new ArrivalSchedule.Stage(2_000, 20), new ArrivalSchedule.Stage(500, 200)));

  @Override
  ArrivalSchedule shape() {
    return shape;
  }

  @Override
  double expectedArrivals() {
    return 375;
  }

  @Test
  void aLinearRampPutsArrivalsOnTheInverseOfItsQuadraticIntegral() {
    // 0 -> 100/s over 2 s: A(t) = 25 t², so arrival n is intended at sqrt(n / 25) s.
    assertThat(shape.arrivalOffsetNanos(25) / 1e9).isCloseTo(1.0, within(1e-6));
    assertThat(shape.arrivalOffsetNanos(64) / 1e9).isCloseTo(1.6, within(1e-6));
    assertThat(shape.levelAt(1_000)).isEqualTo(50);
    assertThat(shape.peakRatePerSecond()).isEqualTo(200);
  }
}
