package io.perfplane.analyzer.stream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.perfplane.contracts.slo.Slo;

/**
 * What the topology evaluates and when.
 *
 * @param slos SLOs evaluated for every run
 * @param capacityWindow rolling window (whole seconds) over which capacity throughput is measured
 * @param finalizeGrace wall-clock time after FINISHED after which a run is finalized even if samples are missing
 * @param evaluationInterval wall-clock period of live SLO evaluation
 * @param lateGrace how far (whole seconds, at least 1 s) live evaluation trails the newest sample of a run; a sample
 *     arriving for a second that was already evaluated is counted as late (in the whole-run figures only)
 * @param breachCheckInterval wall-clock period of the early breach check: windows ending with the newest, still
 *     filling second are checked and may <em>open</em> a breach before live evaluation reaches that second (they
 *     never resolve one). {@link Duration#ZERO} disables it
 * @param configuredSlosWin whether {@code slos} apply even to runs that bring their own (an operator's or
 *     {@code perfplane analyze/run --slo}'s override); false: a run's own SLOs win and {@code slos} are the default
 * @param abandonAfter wall-clock time without a new sample after which a run that never FINISHED (its generator
 *     died, its import was cut off) is finalized as aborted with what arrived, so it stops being evaluated and
 *     exported every second for good
 */
public record AnalysisSettings(List<Slo> slos, Duration capacityWindow, Duration finalizeGrace,
    Duration evaluationInterval, Duration lateGrace, Duration breachCheckInterval, boolean configuredSlosWin,
    Duration abandonAfter) {

  /** Default {@code abandonAfter}: far beyond any think time or quiet stage of a live run. */
  public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofMinutes(30);

  /** Settings with the {@link #DEFAULT_ABANDON_AFTER}. */
  public AnalysisSettings(List<Slo> slos, Duration capacityWindow, Duration finalizeGrace,
      Duration evaluationInterval, Duration lateGrace, Duration breachCheckInterval, boolean configuredSlosWin) {
    this(slos, capacityWindow, finalizeGrace, evaluationInterval, lateGrace, breachCheckInterval, configuredSlosWin,
        DEFAULT_ABANDON_AFTER);
  }

  /** Settings under which a run's own SLOs win over {@code slos}. */
  public AnalysisSettings(List<Slo> slos, Duration capacityWindow, Duration finalizeGrace,
      Duration evaluationInterval, Duration lateGrace, Duration breachCheckInterval) {
    this(slos, capacityWindow, finalizeGrace, evaluationInterval, lateGrace, breachCheckInterval, false);
  }

  /** Settings without the early breach check. */
  public AnalysisSettings(List<Slo> slos, Duration capacityWindow, Duration finalizeGrace,
      Duration evaluationInterval, Duration lateGrace) {
    this(slos, capacityWindow, finalizeGrace, evaluationInterval, lateGrace, Duration.ZERO);
  }

  /** Default late grace: one second, i.e. the newest second is never evaluated while it may still be filling up. */
  public static final Duration DEFAULT_LATE_GRACE = Duration.ofSeconds(1);

  /** Settings with the {@link #DEFAULT_LATE_GRACE}, without the early breach check. */
  public AnalysisSettings(List<Slo> slos, Duration capacityWindow, Duration finalizeGrace,
      Duration evaluationInterval) {
    this(slos, capacityWindow, finalizeGrace, evaluationInterval, DEFAULT_LATE_GRACE);
  }

  public AnalysisSettings {
    slos = List.copyOf(slos);
    Objects.requireNonNull(capacityWindow, "capacityWindow");
    Objects.requireNonNull(finalizeGrace, "finalizeGrace");
    Objects.requireNonNull(evaluationInterval, "evaluationInterval");
    if (capacityWindow.toSeconds() < 1) {
      throw new IllegalArgumentException("capacityWindow must be >= 1s: " + capacityWindow);
    }
    Objects.requireNonNull(lateGrace, "lateGrace");
    if (lateGrace.toSeconds() < 1) {
      throw new IllegalArgumentException("lateGrace must be >= 1s: " + lateGrace);
    }
    Objects.requireNonNull(breachCheckInterval, "breachCheckInterval");
    if (breachCheckInterval.isNegative()) {
      throw new IllegalArgumentException("breachCheckInterval must not be negative: " + breachCheckInterval);
    }
    Objects.requireNonNull(abandonAfter, "abandonAfter");
    if (abandonAfter.toMillis() < 1) {
      throw new IllegalArgumentException("abandonAfter must be positive: " + abandonAfter);
    }
    if (evaluationInterval.toMillis() < 1) {
      throw new IllegalArgumentException("evaluationInterval must be positive: " + evaluationInterval);
    }
  }

  int lateGraceSeconds() {
    return Math.toIntExact(lateGrace.toSeconds());
  }

  int capacityWindowSeconds() {
    return Math.toIntExact(capacityWindow.toSeconds());
  }
}
