package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantArrivalRateShapeTest extends ArrivalShapeContractTest {

  private final ArrivalSchedule shape = new ArrivalSchedule(50, java.util.List.of(
      new ArrivalSchedule.Stage(2_000, 50), new ArrivalSchedule.Stage(1_000, 50)));

  @Override
  ArrivalSchedule shape() {
    return shape;
  }

  @Override
  double expectedArrivals() {
    return 150;
  }

  @Test
  void arrivalNIsIntendedAtExactlyNOverTheRate() {
    ArrivalSchedule constant = ArrivalSchedule.constant(50, 3_000);
    assertThat(constant.totalArrivals()).isEqualTo(150);
    assertThat(constant.arrivalOffsetNanos(0)).isZero();
    assertThat(constant.arrivalOffsetNanos(1)).isEqualTo(20_000_000);
    assertThat(constant.arrivalOffsetNanos(149)).isEqualTo(2_980_000_000L);
    assertThat(constant.arrivalOffsetNanos(150)).isEqualTo(-1);
  }

  @Test
  void fractionalRatesKeepTheirLongRunAverage() {
    ArrivalSchedule slow = ArrivalSchedule.constant(0.5, 10_000);
    assertThat(slow.totalArrivals()).isEqualTo(5);
    assertThat(slow.arrivalOffsetNanos(4)).isEqualTo(8_000_000_000L);
  }
}
