package io.perfplane.api.dbtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbQueryDurationHeaderAdviceTest {

  @Test
  void formatsNanosecondsAsMillisecondsWithThreeDecimals() {
    assertThat(DbQueryDurationHeaderAdvice.millis(0)).isEqualTo("0.000");
    assertThat(DbQueryDurationHeaderAdvice.millis(1_234_567)).isEqualTo("1.235");
    assertThat(DbQueryDurationHeaderAdvice.millis(12_000_000_000L)).isEqualTo("12000.000");
  }
}
