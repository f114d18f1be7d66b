package io.perfplane.loadgen.timing;

/**
 * Non-negative decimal numbers ({@code 12}, {@code 12.5}, {@code .5}, {@code 12.}) in a range of a String, without
 * allocating: header values such as a Server-Timing {@code dur} or {@code X-Db-Query-Duration}. No sign, exponent,
 * {@code NaN} or {@code Infinity}: what {@link Double#parseDouble} accepts beyond that is not a duration.
 */
final class Decimal {

  /** 10^0 to 10^22: the powers of ten a double holds exactly. */
  private static final double[] POWERS = new double[23];
  /** Digits up to which the mantissa is exact in a double (< 2^53). */
  private static final int EXACT_DIGITS = 15;

  static {
    POWERS[0] = 1;
    for (int i = 1; i < POWERS.length; i++) {
      POWERS[i] = POWERS[i - 1] * 10;
    }
  }

  private Decimal() {
  }

  /** The value of {@code s[start, end)}, or {@code NaN} when it is not a non-negative decimal number. */
  static double parse(String s, int start, int end) {
    if (!isDecimal(s, start, end)) {
      return Double.NaN;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean point = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        point = true;
        continue;
      }
      if (digits == 0 && c == '0') {
        if (point) {
          fractionDigits++; // a leading zero after the point scales, it is not significant
        }
        continue;
      }
      if (digits == EXACT_DIGITS) {
        return slow(s, start, end);
      }
      mantissa = mantissa * 10 + (c - '0');
      digits++;
      if (point) {
        fractionDigits++;
      }
    }
    if (fractionDigits >= POWERS.length) {
      return slow(s, start, end);
    }
    // Both exact, so one division rounds correctly, as Double.parseDouble would.
    return mantissa / POWERS[fractionDigits];
  }

  /** Digits with at most one point, and at least one digit. */
  private static boolean isDecimal(String s, int start, int end) {
    boolean point = false;
    boolean digit = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.' && !point) {
        point = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  /** More than 15 significant digits or 22 decimals, already checked to be a decimal: rare enough for a String. */
  private static double slow(String s, int start, int end) {
    return Double.parseDouble(s.substring(start, end));
  }
}
