package io.perfplane.analyzer.capacity;

/** What a run's data says about capacity (mirrors the contract's {@code CapacityKind}). */
public enum CapacityKind {
  /** No data. */
  UNKNOWN,
  /** Throughput stopped growing with concurrency, or an SLO broke as load grew. */
  KNEE,
  /** Not saturated: capacity is at least the highest throughput observed with SLOs held. */
  LOWER_BOUND,
  /** An SLO failed already at the lowest load observed: capacity with SLOs held is below it. */
  UPPER_BOUND
}
