package io.perfplane.analyzer.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * How long each active run's request count has stood still (wall clock), to tell a quiet run from an abandoned one.
 * In memory only: after a restart the count starts again, which only delays abandoning a run.
 */
final class QuietRuns {

  private final Map<String, Progress> progress = new HashMap<>();

  /**
   * Records the run's request count and says whether it has not changed for at least {@code limitMs}.
   *
   * @param nowMs wall clock (ms)
   */
  boolean quietFor(String runId, long requests, long nowMs, long limitMs) {
    Progress seen = progress.get(runId);
    if (seen == null || seen.requests() != requests) {
      progress.put(runId, new Progress(requests, nowMs));
      return false;
    }
    return nowMs - seen.sinceMs() >= limitMs;
  }

  void forget(String runId) {
    progress.remove(runId);
  }

  void clear() {
    progress.clear();
  }

  /** A run's request count, and since when (wall ms) it has been that. */
  private record Progress(long requests, long sinceMs) {
  }
}
