package io.perfplane.cost.sizing;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a load test measured about one replica of the system under test.
 *
 * @param rpsPerReplica highest sustained requests/s per replica at which every SLO held; {@code <= 0} or NaN when
 *     no load level held the SLOs
 * @param cpuPerReplica vCPUs one replica was given during the test, or {@code null} if unknown
 * @param sloHeld whether every SLO held over the whole run (a run that ramps past the knee breaks them at the end
 *     and still measures a valid {@code rpsPerReplica})
 */
public record MeasuredCapacity(double rpsPerReplica, @Nullable Double cpuPerReplica, boolean sloHeld) {

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
}
