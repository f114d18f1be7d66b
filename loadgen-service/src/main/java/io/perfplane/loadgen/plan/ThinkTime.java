package io.perfplane.loadgen.plan;

import java.util.random.RandomGenerator;

/**
 * A pause a virtual user takes after a step, like a person reading the page.
 *
 * @param kind distribution
 * @param minMs constant pause, or lower bound of a uniform pause (ms)
 * @param maxMs upper bound of a uniform pause, or the cap of an exponential pause (ms)
 * @param meanMs mean of an exponential pause (ms)
 */
public record ThinkTime(Kind kind, long minMs, long maxMs, long meanMs) {

  /** Think time distributions. */
  public enum Kind {
    NONE, CONSTANT, UNIFORM, EXPONENTIAL
  }

  public static final ThinkTime NONE = new ThinkTime(Kind.NONE, 0, 0, 0);

  public static ThinkTime constant(long ms) {
    return ms == 0 ? NONE : new ThinkTime(Kind.CONSTANT, ms, ms, ms);
  }

  public static ThinkTime uniform(long minMs, long maxMs) {
    return new ThinkTime(Kind.UNIFORM, minMs, maxMs, (minMs + maxMs) / 2);
  }

  /** Exponential with {@code meanMs}, capped at ten means so one unlucky draw cannot park a user for the whole run. */
  public static ThinkTime exponential(long meanMs) {
    return new ThinkTime(Kind.EXPONENTIAL, 0, Math.multiplyExact(meanMs, 10), meanMs);
  }

  /** Draws one pause (ms). */
  public long sampleMs(RandomGenerator random) {
    return switch (kind) {
      case NONE -> 0;
      case CONSTANT -> minMs;
      case UNIFORM -> minMs == maxMs ? minMs : random.nextLong(minMs, maxMs + 1);
      case EXPONENTIAL -> Math.min(maxMs, Math.round(-meanMs * Math.log(1 - random.nextDouble())));
    };
  }
}
