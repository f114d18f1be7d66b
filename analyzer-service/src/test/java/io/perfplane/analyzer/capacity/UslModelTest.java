package io.perfplane.analyzer.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UslModelTest {

  @Test
  void recoversTheParametersOfAnExactCurve() {
    UslModel truth = new UslModel(0.05, 0.002, 100, 1, 0);
    List<UslModel.Point> points = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      points.add(new UslModel.Point(n, truth.throughputAt(n)));
    }
    UslModel fit = UslModel.fit(points).orElseThrow();
    assertThat(fit.sigma()).isCloseTo(0.05, within(1e-6));
    assertThat(fit.kappa()).isCloseTo(0.002, within(1e-8));
    assertThat(fit.lambda()).isCloseTo(100, within(1e-4));
    assertThat(fit.rSquared()).isCloseTo(1, within(1e-9));
    assertThat(fit.peakConcurrency()).isCloseTo(Math.sqrt(0.95 / 0.002), within(1e-3)); // 21.8
    assertThat(fit.peakRps()).isCloseTo(truth.throughputAt(Math.sqrt(0.95 / 0.002)), within(1e-3));
  }

  @Test
  void linearScalingHasNoPeak() {
    List<UslModel.Point> points = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      points.add(new UslModel.Point(n, 25.0 * n));
    }
    UslModel fit = UslModel.fit(points).orElseThrow();
    assertThat(fit.sigma()).isCloseTo(0, within(1e-9));
    assertThat(fit.kappa()).isCloseTo(0, within(1e-9));
    assertThat(fit.peakRps()).isNull();
    assertThat(fit.concurrencyReaching(0.9)).isNull();
  }

  @Test
  void contentionOnlyApproachesLambdaOverSigma() {
    UslModel model = new UslModel(0.25, 0, 100, 1, 0);
    assertThat(model.peakRps()).isEqualTo(400);
    assertThat(model.throughputAt(model.concurrencyReaching(0.9))).isCloseTo(360, within(1e-6));
  }

  @Test
  void tooFewPointsGiveNoFit() {
    assertThat(UslModel.fit(List.of(new UslModel.Point(1, 10), new UslModel.Point(2, 20)))).isEmpty();
  }
}
