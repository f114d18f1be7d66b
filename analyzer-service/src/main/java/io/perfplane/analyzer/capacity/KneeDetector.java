package io.perfplane.analyzer.capacity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the capacity knee of a run: the highest throughput sustained over a full window while every SLO held, and
 * the throughput where an SLO first broke.
 */
public final class KneeDetector {

  /** Windows needed for full confidence: 30 ten-second windows are five minutes of steady load. */
  static final int WINDOWS_FOR_FULL_CONFIDENCE = 30;

  private KneeDetector() {
  }

  /**
   * Estimates capacity from a run's windows.
   *
   * @param windows full rolling windows in time order
   * @param wholeRunHeld whether every SLO held over the whole run
   */
  public static CapacityEstimate estimate(List<WindowObservation> windows, boolean wholeRunHeld) {
    if (windows.isEmpty()) {
      return new CapacityEstimate(false, 0.0, 0, null, 0.0, 0.0, 0);
    }
    Optional<WindowObservation> firstBreak = windows.stream().filter(w -> !w.sloHeld()).findFirst();
    // Ties go to the earliest window: max() keeps the last maximum, so compare on rps then prefer earlier.
    Comparator<WindowObservation> byRpsThenEarlier = Comparator.comparingDouble(WindowObservation::rps)
        .thenComparing(Comparator.comparingLong(WindowObservation::endSecond).reversed());
    Optional<WindowObservation> bestHeld = windows.stream().filter(WindowObservation::sloHeld).max(byRpsThenEarlier);
    WindowObservation capacity = bestHeld.orElseGet(() -> windows.stream()
        .min(Comparator.comparingDouble(WindowObservation::rps)).orElseThrow());
    boolean sloHeld = firstBreak.isEmpty() && wholeRunHeld;
    double confidence = Math.min(1.0, (double) windows.size() / WINDOWS_FOR_FULL_CONFIDENCE);
    return new CapacityEstimate(sloHeld, capacity.rps(), capacity.concurrency(),
        firstBreak.map(WindowObservation::rps).orElse(null), capacity.p95Ms(), confidence, windows.size());
  }
}
