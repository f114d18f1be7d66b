package io.perfplane.cost.sizing;

/**
 * What a measured capacity is evidence of, and so how a fleet sized from it may be presented. Mirrors the contract's
 * {@code CapacityKind} (mapped by name at the Kafka edge) so the sizing code stays free of Avro types.
 */
public enum CapacityKind {

  /** No evidence of the kind: a v1 capacity event. Priced as a point figure, as before v2. */
  UNKNOWN,
  /** Throughput stopped growing (or an SLO broke) as load grew: the rate is the capacity, within its range. */
  KNEE,
  /** Not saturated: capacity is at least the rate, so the fleet sized from it is at most what is needed. */
  LOWER_BOUND,
  /** An SLO failed already at the lowest load: capacity is below the rate, the fleet is at least what is needed. */
  UPPER_BOUND
}
