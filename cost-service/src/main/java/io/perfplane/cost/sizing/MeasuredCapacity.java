package io.perfplane.cost.sizing;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a load test measured about one replica of the system under test.
 *
 * @param rpsPerReplica requests/s per replica: at the knee ({@link CapacityKind#KNEE}), the highest rate observed
 *     unsaturated ({@link CapacityKind#LOWER_BOUND}) or the lowest rate, already failing an SLO
 *     ({@link CapacityKind#UPPER_BOUND}); {@code <= 0} or NaN when no load level held the SLOs
 * @param cpuPerReplica vCPUs one replica was given during the test, or {@code null} if unknown
 * @param sloHeld whether every SLO held over the whole run (a run that ramps past the knee breaks them at the end
 *     and still measures a valid {@code rpsPerReplica})
 * @param kind what {@code rpsPerReplica} is evidence of
 * @param confidence 0..1, how much data supports a knee (1 = certain: no range is priced)
 * @param lowRpsPerReplica low end of the capacity range per replica (requests/s), or {@code null} when unbounded
 *     below or unknown
 * @param highRpsPerReplica high end of the capacity range per replica (requests/s), or {@code null} when unbounded
 *     above or unknown
 */
public record MeasuredCapacity(double rpsPerReplica, @Nullable Double cpuPerReplica, boolean sloHeld,
    CapacityKind kind, double confidence, @Nullable Double lowRpsPerReplica, @Nullable Double highRpsPerReplica) {

  /** A v1 measurement: kind {@link CapacityKind#UNKNOWN}, no range. */
  public MeasuredCapacity(double rpsPerReplica, @Nullable Double cpuPerReplica, boolean sloHeld) {
    this(rpsPerReplica, cpuPerReplica, sloHeld, CapacityKind.UNKNOWN, 1.0, null, null);
  }

  /** A knee at {@code rpsPerReplica} with the given confidence and range. */
  public static MeasuredCapacity knee(double rpsPerReplica, @Nullable Double cpuPerReplica, double confidence,
      @Nullable Double lowRpsPerReplica, @Nullable Double highRpsPerReplica) {
    return new MeasuredCapacity(rpsPerReplica, cpuPerReplica, true, CapacityKind.KNEE, confidence, lowRpsPerReplica,
        highRpsPerReplica);
  }

  /** This measurement with another per-replica rate (the ends of its range are sized this way). */
  MeasuredCapacity atRate(double rps) {
    return new MeasuredCapacity(rps, cpuPerReplica, sloHeld, kind, confidence, lowRpsPerReplica, highRpsPerReplica);
  }

  /** Why no fleet can be sized from this measurement, or empty when it can. */
  Optional<String> unusableReason() {
    if (!(rpsPerReplica > 0) || Double.isInfinite(rpsPerReplica)) {
      return Optional.of("rpsPerReplica is " + rpsPerReplica + ": no load level held the SLOs");
    }
    if (cpuPerReplica != null && (!(cpuPerReplica > 0) || cpuPerReplica.isInfinite())) {
      return Optional.of("cpuPerReplica is " + cpuPerReplica);
    }
    return Optional.empty();
  }

  /** Whether a rate can size a fleet (positive and finite). */
  static boolean usable(@Nullable Double rps) {
    return rps != null && rps > 0 && !rps.isInfinite();
  }
}
