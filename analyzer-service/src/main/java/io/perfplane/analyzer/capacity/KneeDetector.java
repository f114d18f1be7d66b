package io.perfplane.analyzer.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides from a run's windows whether its load reached the capacity knee, and if not, what bound the data gives.
 *
 * <p>Each window is a point (N, X): X its throughput, N its requests in flight by Little's law (X times mean
 * latency). Three cases, in order:
 * <ol>
 *   <li>No window held its SLOs: the SLO failed at the lowest load, so capacity with SLOs held is below the lowest
 *       throughput observed ({@link CapacityKind#UPPER_BOUND}).</li>
 *   <li>An SLO broke as load grew (a failing window with at least as many requests in flight as the best window
 *       that held, after windows whose offered load grew at least {@value #MIN_PLATEAU_GROWTH}x: virtual users when
 *       the run reported stages, else throughput): the knee is where the SLOs stopped holding, at the highest
 *       throughput that held ({@code slo}). Failures only at lower load (a cold start), or at a load that never grew
 *       (a service degrading under a steady rate: more requests in flight only because each took longer), are not a
 *       knee; they lower a bound's confidence.</li>
 *   <li>Otherwise Kneedle (Satopää et al., "Finding a 'Kneedle' in a Haystack", ICDCS 2011) on X against N: the
 *       points are smoothed into N-quantile bins, both axes normalized, and the knee is the bin where X rises
 *       farthest above the chord (maximum of the difference curve). It counts as a knee only when that difference
 *       is large ({@value #MIN_KNEE_DIFFERENCE}) and the data shows the plateau: N grew at least
 *       {@value #MIN_PLATEAU_GROWTH}x past the knee while X stayed within {@value #PLATEAU_BAND} of it. The knee
 *       throughput is the median X of the windows on the plateau. Without that, the run was not saturated: capacity
 *       is at least the highest throughput observed ({@link CapacityKind#LOWER_BOUND}).</li>
 * </ol>
 * A Universal Scalability Law fit ({@link UslModel}) of the same points is reported beside the decision.
 */
public final class KneeDetector {

  /** Windows for full confidence in a bound: 30 windows are five minutes of ten-second windows. */
  static final int WINDOWS_FOR_FULL_CONFIDENCE = 30;
  /** Windows on the plateau (or near the SLO knee) for full confidence in a knee. */
  static final int PLATEAU_WINDOWS_FOR_FULL_CONFIDENCE = 5;
  static final double MIN_KNEE_DIFFERENCE = 0.25;
  static final double MIN_PLATEAU_GROWTH = 1.3;
  static final double PLATEAU_BAND = 0.10;
  /** A plateau whose throughput varies this much (coefficient of variation) gives no confidence. */
  static final double PLATEAU_CV_FOR_NO_CONFIDENCE = 0.25;
  private static final int MAX_BINS = 20;

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
      return new CapacityEstimate(CapacityKind.UNKNOWN, false, 0, 0, null, 0, 0, 0, null, null, "",
          "no complete window: no capacity can be told", null);
    }
    Optional<WindowObservation> firstBreak = windows.stream().filter(w -> !w.sloHeld()).findFirst();
    Double breakingRps = firstBreak.map(WindowObservation::rps).orElse(null);
    boolean sloHeld = firstBreak.isEmpty() && wholeRunHeld;
    double observed = Math.min(1.0, (double) windows.size() / WINDOWS_FOR_FULL_CONFIDENCE);
    UslModel usl = UslModel.fit(windows.stream().map(w -> new UslModel.Point(w.inFlight(), w.rps())).toList())
        .orElse(null);
    List<WindowObservation> held = windows.stream().filter(WindowObservation::sloHeld).toList();

    if (held.isEmpty()) {
      WindowObservation lowest = windows.stream().min(Comparator.comparingDouble(WindowObservation::rps))
          .orElseThrow();
      return new CapacityEstimate(CapacityKind.UPPER_BOUND, false, lowest.rps(), concurrency(lowest), breakingRps,
          lowest.p95Ms(), observed, windows.size(), null, lowest.rps(), "slo",
          String.format(Locale.ROOT, "below %.1f req/s: the SLOs failed from the lowest load observed (%d windows)",
              lowest.rps(), windows.size()), usl);
    }
    // Ties go to the earliest window.
    WindowObservation bestHeld = held.stream().max(Comparator.comparingDouble(WindowObservation::rps)
        .thenComparing(Comparator.comparingLong(WindowObservation::endSecond).reversed())).orElseThrow();
    Optional<WindowObservation> loadDrivenBreak = windows.stream()
        .filter(w -> !w.sloHeld() && w.inFlight() >= bestHeld.inFlight() && loadGrewBefore(held, w)).findFirst();
    if (loadDrivenBreak.isPresent()) {
      List<Double> top = held.stream().map(WindowObservation::rps).filter(r -> r >= 0.9 * bestHeld.rps())
          .sorted().toList();
      double confidence = Math.min(1.0, (double) top.size() / PLATEAU_WINDOWS_FOR_FULL_CONFIDENCE)
          * spreadFactor(top) * observed;
      return new CapacityEstimate(CapacityKind.KNEE, sloHeld, bestHeld.rps(), concurrency(bestHeld), breakingRps,
          bestHeld.p95Ms(), confidence, windows.size(), top.getFirst(), bestHeld.rps(), "slo",
          String.format(Locale.ROOT, "knee at %.1f req/s: the SLOs held up to it and broke at %.1f req/s with "
              + "%.1f requests in flight", bestHeld.rps(), loadDrivenBreak.get().rps(),
              loadDrivenBreak.get().inFlight()), usl);
    }
    return kneedle(held, windows.size(), sloHeld, breakingRps, bestHeld, observed, usl);
  }

  /**
   * Whether the offered load grew enough, over the held windows before {@code failing} up to {@code failing} itself,
   * to have driven the failure: the virtual users (when the run reported stages) or the throughput (an open model's
   * rate, or a closed model's below saturation) grew at least {@value #MIN_PLATEAU_GROWTH}x.
   */
  private static boolean loadGrewBefore(List<WindowObservation> held, WindowObservation failing) {
    List<WindowObservation> upTo = new ArrayList<>();
    for (WindowObservation w : held) {
      if (w.endSecond() < failing.endSecond()) {
        upTo.add(w);
      }
    }
    if (upTo.isEmpty()) {
      return false;
    }
    upTo.add(failing);
    return grew(upTo.stream().mapToDouble(WindowObservation::rps).toArray())
        || grew(upTo.stream().filter(w -> w.concurrency() > 0).mapToDouble(WindowObservation::concurrency).toArray());
  }

  private static boolean grew(double[] loads) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double load : loads) {
      min = Math.min(min, load);
      max = Math.max(max, load);
    }
    return loads.length > 1 && min > 0 && max >= MIN_PLATEAU_GROWTH * min;
  }

  private static CapacityEstimate kneedle(List<WindowObservation> held, int windowCount, boolean sloHeld,
      @Nullable Double breakingRps, WindowObservation bestHeld, double observed, @Nullable UslModel usl) {
    List<WindowObservation> byN = held.stream().filter(w -> w.meanMs() > 0)
        .sorted(Comparator.comparingDouble(WindowObservation::inFlight)).toList();
    List<double[]> bins = bins(byN);
    String why;
    if (bins.size() < 3 || bins.getLast()[0] < MIN_PLATEAU_GROWTH * bins.getFirst()[0]) {
      why = byN.isEmpty() ? "no latency to tell requests in flight"
          : String.format(Locale.ROOT, "the load varied too little to show a knee (%.1f-%.1f requests in flight)",
              byN.getFirst().inFlight(), byN.getLast().inFlight());
    } else {
      double n0 = bins.getFirst()[0];
      double nSpan = bins.getLast()[0] - n0;
      double x0 = bins.stream().mapToDouble(b -> b[1]).min().orElse(0);
      double xSpan = bins.stream().mapToDouble(b -> b[1]).max().orElse(0) - x0;
      int knee = 0;
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < bins.size(); i++) {
        double d = (xSpan == 0 ? 1 : (bins.get(i)[1] - x0) / xSpan) - (bins.get(i)[0] - n0) / nSpan;
        if (d > best) {
          best = d;
          knee = i;
        }
      }
      double kneeN = bins.get(knee)[0];
      double kneeX = bins.get(knee)[1];
      boolean flat = true;
      for (int i = knee; i < bins.size(); i++) {
        flat &= Math.abs(bins.get(i)[1] - kneeX) <= PLATEAU_BAND * kneeX;
      }
      boolean grew = bins.getLast()[0] >= MIN_PLATEAU_GROWTH * kneeN;
      if (best >= MIN_KNEE_DIFFERENCE && flat && grew) {
        List<WindowObservation> plateau = byN.stream().filter(w -> w.inFlight() >= kneeN).toList();
        List<Double> rps = plateau.stream().map(WindowObservation::rps).sorted().toList();
        double median = quantile(rps, 0.5);
        WindowObservation at = plateau.stream().min(Comparator.comparingDouble(w -> Math.abs(w.rps() - median)))
            .orElseThrow();
        double confidence = Math.min(1.0, (double) rps.size() / PLATEAU_WINDOWS_FOR_FULL_CONFIDENCE)
            * spreadFactor(rps) * Math.min(1.0, best / (2 * MIN_KNEE_DIFFERENCE));
        return new CapacityEstimate(CapacityKind.KNEE, sloHeld, median, concurrency(at), breakingRps, at.p95Ms(),
            confidence, windowCount, quantile(rps, 0.1), quantile(rps, 0.9), "kneedle",
            String.format(Locale.ROOT, "knee at %.1f req/s: throughput levelled off from %.1f requests in flight "
                + "while in-flight requests grew to %.1f (%d windows on the plateau)", median, kneeN,
                bins.getLast()[0], rps.size()), usl);
      }
      why = String.format(Locale.ROOT, "throughput still grew with load (%.1f-%.1f requests in flight)",
          bins.getFirst()[0], bins.getLast()[0]);
    }
    int failing = windowCount - held.size();
    if (failing > 0) {
      why += String.format(Locale.ROOT, "; the SLOs also failed in %d of %d windows at a load that did not grow "
          + "(the service degraded, not a knee)", failing, windowCount);
    }
    // Failures at a steady load make the bound less sure: it held only in the share of windows that held.
    double confidence = observed * held.size() / windowCount;
    return new CapacityEstimate(CapacityKind.LOWER_BOUND, sloHeld, bestHeld.rps(), concurrency(bestHeld),
        breakingRps, bestHeld.p95Ms(), confidence, windowCount, bestHeld.rps(), null, "kneedle",
        String.format(Locale.ROOT, "at least %.1f req/s, not saturated: %s", bestHeld.rps(), why), usl);
  }

  /** Up to {@value #MAX_BINS} bins of about equal count along N: {median N, median X} each. */
  private static List<double[]> bins(List<WindowObservation> byN) {
    int count = Math.min(MAX_BINS, byN.size() / 3);
    List<double[]> bins = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      List<WindowObservation> bin = byN.subList(b * byN.size() / count, (b + 1) * byN.size() / count);
      bins.add(new double[] {quantile(bin.stream().map(WindowObservation::inFlight).sorted().toList(), 0.5),
          quantile(bin.stream().map(WindowObservation::rps).sorted().toList(), 0.5)});
    }
    return bins;
  }

  /** 1 for a tight set of throughputs, falling to 0 at {@value #PLATEAU_CV_FOR_NO_CONFIDENCE} variation. */
  private static double spreadFactor(List<Double> rps) {
    double mean = rps.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    if (mean <= 0) {
      return 0;
    }
    double var = rps.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / rps.size();
    return Math.max(0, 1 - Math.sqrt(var) / mean / PLATEAU_CV_FOR_NO_CONFIDENCE);
  }

  /** Linear-interpolated quantile of sorted values. */
  private static double quantile(List<Double> sorted, double q) {
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.size() - 1, lo + 1);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  /** The load stage's concurrency (virtual users) when the run said it, else requests in flight. */
  private static int concurrency(WindowObservation w) {
    return w.concurrency() > 0 ? w.concurrency() : (int) Math.round(w.inFlight());
  }
}
