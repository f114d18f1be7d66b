package io.perfplane.analyzer.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the cardinality of the {@code endpoint} metric label: the first {@code cap} distinct endpoints keep their
 * own label, every later one is reported under {@link #OVERFLOW}. Thread-safe; the admitted set never shrinks, so a
 * label never changes meaning while the process runs.
 */
final class EndpointLabels {

  /** Label of every endpoint beyond the cap. */
  static final String OVERFLOW = "_overflow";

  private final int cap;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final Set<String> overflowed = ConcurrentHashMap.newKeySet();

  EndpointLabels(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("endpoint label cap must be >= 1: " + cap);
    }
    this.cap = cap;
  }

  /** The label to report {@code endpoint} under. */
  synchronized String label(String endpoint) {
    if (admitted.contains(endpoint)) {
      return endpoint;
    }
    if (admitted.size() < cap) {
      admitted.add(endpoint);
      return endpoint;
    }
    overflowed.add(endpoint);
    return OVERFLOW;
  }

  /** Distinct endpoints reported under {@link #OVERFLOW} so far. */
  int overflowedCount() {
    return overflowed.size();
  }
}
