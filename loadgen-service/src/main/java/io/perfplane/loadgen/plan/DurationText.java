package io.perfplane.loadgen.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in test definitions: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 800us}; a
 * bare number means milliseconds (what the legacy JSON plan used).
 */
final class DurationText {

  /** The longest duration (ms) a text may express: beyond it {@link #parseMicros} answers "is too long". */
  static final long MAX_MILLIS = Long.MAX_VALUE / 2 / 1_000;

  private static final Pattern DURATION = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(us|µs|ms|s|m|h)?\\s*");

  private DurationText() {
  }

  /**
   * @return the duration in microseconds
   * @throws IllegalArgumentException naming the accepted forms
   */
  static long parseMicros(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a duration such as 500ms, 1.5s, 2m or 1h, was '" + text + "'");
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    double micros = switch (unit) {
      case "us", "µs" -> value;
      case "ms" -> value * 1_000;
      case "s" -> value * 1_000_000;
      case "m" -> value * 60_000_000;
      default -> value * 3_600_000_000.0;
    };
    if (micros > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException("is too long: '" + text + "'");
    }
    return Math.round(micros);
  }

  static long parseMillis(String text) {
    return parseMicros(text) / 1_000;
  }
}
