package io.perfplane.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import org.junit.jupiter.api.Test;

/** The time range a sample's start must lie in: any age is valid, unit mistakes are not. */
class SampleRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final SampleRules.Limits DEFAULTS = new SampleRules.Limits(Duration.ZERO, Duration.ofDays(1), 1000);

  @Test
  void resultsOfAnyAgeAreAcceptedByDefault() {
    SampleRules rules = new SampleRules(DEFAULTS, CLOCK);

    assertThat(rules.check(1, at(NOW.minus(730, ChronoUnit.DAYS)))).isEmpty();
    assertThat(rules.check(2, at(Instant.parse("2000-01-01T00:00:00Z")))).isEmpty();
    assertThat(rules.check(3, at(NOW.plus(Duration.ofHours(23))))).isEmpty();
  }

  @Test
  void aStartInMillisecondsWhereMicrosecondsWereExpectedIsRejectedNamingLineAndField() {
    SampleRules rules = new SampleRules(DEFAULTS, CLOCK);
    long millis = NOW.minus(400, ChronoUnit.DAYS).toEpochMilli(); // read as µs: January 1970

    List<LineError> errors = rules.check(7, sample(millis));

    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(7);
      assertThat(error.field()).isEqualTo("start");
      assertThat(error.reason()).contains("before 2000-01-01");
    });
  }

  @Test
  void moreThanADayInTheFutureIsRejected() {
    SampleRules rules = new SampleRules(DEFAULTS, CLOCK);

    assertThat(rules.check(4, at(NOW.plus(Duration.ofHours(25))))).singleElement()
        .satisfies(error -> assertThat(error.reason()).contains("1 day(s) in the future"));
  }

  @Test
  void anExplicitMaxAgeStillNarrowsTheRange() {
    SampleRules rules = new SampleRules(new SampleRules.Limits(Duration.ofDays(30), Duration.ofDays(1), 1000), CLOCK);

    assertThat(rules.check(1, at(NOW.minus(29, ChronoUnit.DAYS)))).isEmpty();
    assertThat(rules.check(2, at(NOW.minus(31, ChronoUnit.DAYS)))).singleElement()
        .satisfies(error -> assertThat(error.reason()).contains("max-age"));
  }

  private static NativeSample at(Instant start) {
    return sample(ChronoUnit.MICROS.between(Instant.EPOCH, start));
  }

  @Test
  void measurementAndCheckNamesAreLabelsAndUniquePerSample() {
    SampleRules rules = new SampleRules(DEFAULTS, CLOCK);
    NativeSample sample = new NativeSample("GET /a", "GET", 200, at(NOW).startUs(), 1000, null, 0, 0, "default",
        ErrorKind.NONE, Map.of(), List.of(Measurement.ofMillis("server_timing.db", 1),
        Measurement.ofMillis("server_timing.db", 2), Measurement.ofMillis("=cmd()", 1)),
        List.of(new CheckCount("ok", 1, 0), new CheckCount("ok", 0, 1)));

    assertThat(rules.check(7, sample)).extracting(LineError::field)
        .containsExactly("measurements", "measurements.=cmd()", "checks");
    assertThat(rules.distinctEndpoints()).isZero();
  }

  private static NativeSample sample(long startUs) {
    return new NativeSample("GET /a", "GET", 200, startUs, 1000, null, 0, 0, "default", ErrorKind.NONE, Map.of());
  }
}
