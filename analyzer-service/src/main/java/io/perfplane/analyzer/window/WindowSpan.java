package io.perfplane.analyzer.window;

/**
 * An inclusive range of whole epoch seconds over which per-second slices are merged.
 *
 * @param firstSecond first second (epoch seconds, inclusive)
 * @param lastSecond last second (epoch seconds, inclusive), {@code >= firstSecond}
 */
public record WindowSpan(long firstSecond, long lastSecond) {

  private static final long US_PER_SECOND = 1_000_000L;

  public WindowSpan {
    if (lastSecond < firstSecond) {
      throw new IllegalArgumentException("lastSecond " + lastSecond + " < firstSecond " + firstSecond);
    }
  }

  /** The {@code seconds}-long window ending with (and including) {@code lastSecond}. */
  public static WindowSpan ending(long lastSecond, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("seconds must be >= 1: " + seconds);
    }
    return new WindowSpan(lastSecond - seconds + 1, lastSecond);
  }

  /** The epoch second a request ending at {@code endUs} (µs epoch) is counted in. */
  public static long secondOf(long endUs) {
    return Math.floorDiv(endUs, US_PER_SECOND);
  }

  /** Start of the window's first second (µs epoch). */
  public long startUs() {
    return firstSecond * US_PER_SECOND;
  }

  /** Start of the second after this window (µs epoch): when the window's last sample could have ended. */
  public long endUs() {
    return (lastSecond + 1) * US_PER_SECOND;
  }

  /** Length in seconds. */
  public int seconds() {
    return Math.toIntExact(lastSecond - firstSecond + 1);
  }
}
