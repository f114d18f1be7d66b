package io.perfplane.launcher.breaches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import org.junit.jupiter.api.Test;

class BreachLineTest {

  private static final Instant OPENED = Instant.parse("2025-11-01T22:56:09.250Z");

  private static long us(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static SloBreach.Builder breach() {
    return SloBreach.newBuilder()
        .setBreachId("b-1")
        .setState(BreachState.OPENED)
        .setSloId("cart-p95")
        .setRunId("shop-baseline")
        .setEndpoint("POST /api/cart")
        .setIndicator("latency_p95")
        .setWindowSeconds(10)
        .setObserved(412.6)
        .setObjective(150)
        .setUnit("ms")
        .setOpenedAtUs(us(OPENED))
        .setAtUs(us(OPENED.plusSeconds(10)));
  }

  @Test
  void anOpenedBreachNamesTimeRunSloEndpointAndObservedAgainstObjectiveInMilliseconds() {
    assertThat(BreachLine.format(breach().build())).isEqualTo("2025-11-01T22:56:19Z  OPENED    shop-baseline  "
        + "cart-p95  POST /api/cart  latency_p95 413 ms, objective <= 150 ms over 10 s");
  }

  @Test
  void aResolvedBreachSaysHowLongItWasOpen() {
    SloBreach resolved = breach().setState(BreachState.RESOLVED).setObserved(120.4)
        .setAtUs(us(OPENED.plusSeconds(170))).setResolvedAtUs(us(OPENED.plusSeconds(110))).build();

    assertThat(BreachLine.format(resolved)).isEqualTo("2025-11-01T22:58:59Z  RESOLVED  shop-baseline  cart-p95  "
        + "POST /api/cart  latency_p95 120 ms, objective <= 150 ms over 10 s; open 1m50s");
  }

  @Test
  void anErrorRateIsAPercentageOverAllEndpointsWithItsBurnRate() {
    SloBreach errors = breach().setSloId("availability").setEndpoint("*").setIndicator("error_rate")
        .setUnit("ratio").setObserved(0.0375).setObjective(0.01).setBurnRate(14.4).build();

    assertThat(BreachLine.format(errors)).isEqualTo("2025-11-01T22:56:19Z  OPENED    shop-baseline  availability  "
        + "all endpoints  error_rate 3.75%, objective <= 1.00% over 10 s, burn rate 14.4x");
  }

  @Test
  void aLatencyOtherThanTheCorrectedOneIsNamed() {
    SloBreach ttfb = breach().setIndicator("latency_p99").setMetric("ttfb").setObserved(8.5).setObjective(5)
        .build();

    assertThat(BreachLine.format(ttfb)).contains("latency_p99 (ttfb) 8.50 ms, objective <= 5.00 ms");
  }

  @Test
  void millisecondsKeepTheDigitsThatMatter() {
    assertThat(BreachLine.value(0.734, "ms")).isEqualTo("0.73 ms");
    assertThat(BreachLine.value(42.06, "ms")).isEqualTo("42.1 ms");
    assertThat(BreachLine.value(1234.5, "ms")).isEqualTo("1235 ms");
  }
}
