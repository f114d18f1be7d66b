package io.perfplane.loadgen.timing;

import java.util.Locale;

/**
 * A configured response header carrying one duration as a plain number ({@code X-Db-Query-Duration: 12.5}), in the
 * unit the test definition states, normalised to microseconds as every named measurement is. The definition names such
 * headers as {@code serverTimings: [{header, name, unit}]}; {@link ResponseTimings} reads them.
 */
enum DurationHeader {
  /** Microseconds: {@code us} (or {@code µs}). */
  MICROSECONDS(1),
  /** Milliseconds: {@code ms}. */
  MILLISECONDS(1_000),
  /** Seconds: {@code s}. */
  SECONDS(1_000_000);

  private final double micros;

  DurationHeader(double micros) {
    this.micros = micros;
  }

  /**
   * The unit a definition names: {@code us}/{@code µs}, {@code ms} or {@code s}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the unit and the accepted ones
   */
  static DurationHeader unit(String unit) {
    return switch (unit.strip().toLowerCase(Locale.ROOT)) {
      case "us", "µs" -> MICROSECONDS;
      case "ms" -> MILLISECONDS;
      case "s" -> SECONDS;
      default -> throw new IllegalArgumentException("unit '" + unit + "' is not one of us, ms, s");
    };
  }

  /**
   * The header value in microseconds, or {@code NaN} when it is not a non-negative decimal number (surrounding
   * whitespace allowed); never throws on header input.
   */
  double micros(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return Decimal.parse(value, start, end) * micros; // NaN stays NaN
  }
}
