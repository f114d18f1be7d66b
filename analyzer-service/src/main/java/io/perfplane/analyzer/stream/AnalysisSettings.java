package io.perfplane.analyzer.stream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.perfplane.analyzer.slo.Slo;

/**
 * What the topology evaluates and when.
 *
 * @param slos SLOs evaluated for every run
 * @param capacityWindow rolling window (whole seconds) over which capacity throughput is measured
 * @param finalizeGrace wall-clock time after FINISHED after which a run is finalized even if samples are missing
 * @param evaluationInterval wall-clock period of live SLO evaluation
 */
public record AnalysisSettings(List<Slo> slos, Duration capacityWindow, Duration finalizeGrace,
    Duration evaluationInterval) {

  public AnalysisSettings {
    slos = List.copyOf(slos);
    Objects.requireNonNull(capacityWindow, "capacityWindow");
    Objects.requireNonNull(finalizeGrace, "finalizeGrace");
    Objects.requireNonNull(evaluationInterval, "evaluationInterval");
    if (capacityWindow.toSeconds() < 1) {
      throw new IllegalArgumentException("capacityWindow must be >= 1s: " + capacityWindow);
    }
    if (evaluationInterval.toMillis() < 1) {
      throw new IllegalArgumentException("evaluationInterval must be positive: " + evaluationInterval);
    }
  }

  int capacityWindowSeconds() {
    return Math.toIntExact(capacityWindow.toSeconds());
  }
}
