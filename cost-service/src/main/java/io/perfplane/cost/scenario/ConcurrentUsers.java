package io.perfplane.cost.scenario;

/**
 * Users active at the same moment: {@code min} on a quiet hour, {@code max} at the busiest one.
 *
 * @param min concurrent users at the quietest hour, {@code >= 0}
 * @param max concurrent users at the busiest hour, {@code >= max(min, 1)}
 */
public record ConcurrentUsers(long min, long max) {

  public ConcurrentUsers {
    if (min < 0) {
      throw new ScenarioException("concurrentUsers.min", "must be >= 0, was " + min);
    }
    if (max < 1 || max < min) {
      throw new ScenarioException("concurrentUsers.max", "must be >= 1 and >= concurrentUsers.min (" + min
          + "), was " + max);
    }
  }
}
