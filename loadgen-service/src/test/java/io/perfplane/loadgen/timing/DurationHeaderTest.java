package io.perfplane.loadgen.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DurationHeaderTest {

  @Test
  void normalisesEachUnitToMicroseconds() {
    assertThat(DurationHeader.unit("ms").micros("12.5")).isEqualTo(12_500.0);
    assertThat(DurationHeader.unit("s").micros(" 0.25\t")).isEqualTo(250_000.0);
    assertThat(DurationHeader.unit("us").micros("7")).isEqualTo(7.0);
    assertThat(DurationHeader.unit("µs").micros(".5")).isEqualTo(0.5);
    assertThat(DurationHeader.unit("MS").micros("0")).isZero();
  }

  @Test
  void aValueThatIsNotANonNegativeDecimalIsNaN() {
    for (String bad : new String[] {"", " ", ".", "-1", "+1", "1e3", "NaN", "Infinity", "12ms", "1.2.3", "0x10",
        "1d", "1 2", "12345678901234567890x"}) {
      assertThat(DurationHeader.MILLISECONDS.micros(bad)).as("'%s'", bad).isNaN();
    }
  }

  @Test
  void anUnknownUnitIsRejectedNamingIt() {
    assertThatThrownBy(() -> DurationHeader.unit("min"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unit 'min' is not one of us, ms, s");
  }

  @Test
  void decimalsParseAsDoubleParseDoubleDoes() {
    Random random = new Random(7);
    for (int round = 0; round < 100_000; round++) {
      String text = random.nextInt(4) == 0 ? "0." + "0".repeat(random.nextInt(5)) + random.nextInt(1000)
          : random.nextLong(1L << random.nextInt(1, 62)) + (random.nextBoolean() ? ""
              : "." + "0".repeat(random.nextInt(3)) + random.nextInt(1_000_000));
      assertThat(Decimal.parse(text, 0, text.length())).as(text).isEqualTo(Double.parseDouble(text));
    }
    for (String edge : new String[] {"0", "00.000", "12.", ".5", "123456789012345", "1234567890123456",
        "0.0000000000000000000000001", "99999999999999999999.99999999999"}) {
      assertThat(Decimal.parse(edge, 0, edge.length())).as(edge).isEqualTo(Double.parseDouble(edge));
    }
  }
}
