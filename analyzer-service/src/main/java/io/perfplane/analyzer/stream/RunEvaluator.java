package io.perfplane.analyzer.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.perfplane.analyzer.capacity.WindowObservation;
import io.perfplane.analyzer.slo.RunSlos;
import io.perfplane.analyzer.slo.SloEvaluator;
import io.perfplane.analyzer.slo.Verdict;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.slo.Slo;

/**
 * Evaluates a run's SLOs on its windows and drives its breaches: live, second by second as seconds complete; early,
 * on the newest still filling seconds; and at the end, over the whole run. Also reads the run's windows as the
 * capacity observations. Stores and caches are {@link RunWindows}'; breaches are {@link RunBreaches}'.
 */
final class RunEvaluator {

  private final RunSlos runSlos;
  /** Corrected latency's windows: requests, errors, the run's seconds. */
  private final RunWindows reader;
  private final Map<LatencyMetric, RunWindows> readers;
  /** The named measurements' and check outcomes' windows ({@link MeasurementSeries}). */
  private final RunWindows measures;
  private final RunBreaches breaches;
  private final int capacityWindowSeconds;
  /** Wall-clock now (µs epoch): stamps when the analyzer noticed, beside the event time it decided on. */
  private final LongSupplier nowUs;

  /**
   * @param readers the windows of each latency metric, {@link LatencyMetric#LATENCY}'s included
   * @param measures the windows of the named measurements and check outcomes
   */
  RunEvaluator(RunSlos runSlos, Map<LatencyMetric, RunWindows> readers, RunWindows measures, RunBreaches breaches,
      int capacityWindowSeconds, LongSupplier nowUs) {
    this.runSlos = runSlos;
    this.reader = readers.get(LatencyMetric.LATENCY);
    this.readers = Map.copyOf(readers);
    this.measures = measures;
    this.breaches = breaches;
    this.capacityWindowSeconds = capacityWindowSeconds;
    this.nowUs = nowUs;
  }

  /**
   * Evaluates every SLO on each not yet evaluated window ending at most at {@code lastSecond} (at most the last
   * {@code maxWindows}), settles those seconds into the totals and advances the run's state; the caller stores it.
   */
  void evaluateThrough(String runId, RunState state, LatencySlice all, long lastSecond, int maxWindows) {
    long firstSecond = WindowSpan.secondOf(all.firstStartUs());
    long from = Math.max(Math.max(firstSecond, state.lastEvaluatedSecond() + 1), lastSecond - maxWindows + 1);
    if (from > lastSecond) {
      return;
    }
    for (long second = from; second <= lastSecond; second++) {
      for (Slo slo : runSlos.of(state.slos())) {
        Verdict verdict = verdictAt(runId, slo, second, lastSecond);
        breaches.apply(runId, slo, verdict, windowSeconds(slo, verdict), WindowSpan.ending(second, 1).endUs(),
            nowUs.getAsLong());
      }
    }
    for (RunWindows metric : readers.values()) {
      metric.settle(runId, lastSecond);
    }
    measures.settle(runId, lastSecond);
    state.evaluatedThrough(lastSecond);
  }

  /**
   * Checks the windows ending with the seconds after the evaluated ones (the newest still filling), second by second,
   * each SLO until its breach is open; a violation fires a breach whose {@code for} is over (or 0) at once.
   */
  void checkNewest(String runId, RunState state, LatencySlice all) {
    long newest = WindowSpan.secondOf(all.lastEndUs());
    long from = Math.max(state.lastEvaluatedSecond() + 1, WindowSpan.secondOf(all.firstStartUs()));
    for (long second = from; second <= newest; second++) {
      for (Slo slo : runSlos.of(state.slos())) {
        if (breaches.isOpen(runId, slo)) {
          continue;
        }
        Verdict verdict = verdictAt(runId, slo, second, state.lastEvaluatedSecond());
        if (verdict.violated()) {
          breaches.applyEarly(runId, slo, verdict, windowSeconds(slo, verdict),
              Math.min(all.lastEndUs(), WindowSpan.ending(second, 1).endUs()), nowUs.getAsLong());
        }
      }
    }
  }

  /**
   * Every SLO over the whole run: a short run that violates is reported even if no window had enough requests, but
   * only when the live windows never reported a breach (a degradation that opened and resolved stays one episode).
   *
   * @param all the whole run of all endpoints
   * @return whether every SLO held over the whole run
   */
  boolean evaluateWholeRun(String runId, RunState state, LatencySlice all) {
    boolean held = true;
    int runSeconds = (int) Math.max(1, Math.ceil(all.spanMs() / 1000.0));
    for (Slo slo : runSlos.of(state.slos())) {
      LatencySlice scope = windowsOf(slo).wholeRun(runId, seriesOf(slo));
      if (scope == null) {
        continue;
      }
      Verdict verdict = SloEvaluator.evaluate(slo, scope, 1);
      if (verdict.violated()) {
        held = false;
        if (!breaches.hadBreach(runId, slo)) {
          breaches.openAtEnd(runId, slo, verdict, runSeconds, all.lastEndUs(), nowUs.getAsLong());
        }
      }
    }
    return held;
  }

  /** Every full capacity window of the run; the whole run as one window when it is shorter than that. */
  List<WindowObservation> observeWindows(String runId, RunState state, LatencySlice all, boolean wholeRunHeld) {
    int windowSeconds = capacityWindowSeconds;
    long first = reader.firstSliceSecond(runId);
    long last = WindowSpan.secondOf(all.lastEndUs());
    if (last - first + 1 < windowSeconds) {
      double seconds = Math.max(all.spanMs(), 1.0) / 1000.0;
      return List.of(new WindowObservation(last, all.requests() / seconds, wholeRunHeld, all.latencyMsAt(95),
          all.meanLatencyMs(), state.peakConcurrencyBetween(all.firstStartUs(), all.lastEndUs())));
    }
    List<WindowObservation> windows = new ArrayList<>();
    for (long second = first + windowSeconds - 1; second <= last; second++) {
      Map<String, LatencySlice> merges = new HashMap<>(); // SLOs often share the capacity window's scope
      WindowSpan span = WindowSpan.ending(second, windowSeconds);
      LatencySlice window = merges.computeIfAbsent(LatencyMetric.LATENCY.id() + "|" + Slo.ALL_ENDPOINTS + "|"
              + windowSeconds,
          k -> reader.mergedFromStore(runId, Slo.ALL_ENDPOINTS, span));
      boolean held = true;
      for (Slo slo : runSlos.of(state.slos())) {
        WindowSpan sloSpan = WindowSpan.ending(second, slo.windowSeconds());
        LatencySlice sloWindow = merges.computeIfAbsent(
            slo.metricId() + "|" + slo.endpoint() + "|" + slo.windowSeconds(),
            k -> windowsOf(slo).mergedFromStore(runId, seriesOf(slo), sloSpan));
        held &= !SloEvaluator.evaluate(slo, sloWindow).violated();
      }
      windows.add(new WindowObservation(second, (double) window.requests() / windowSeconds, held,
          window.latencyMsAt(95), window.meanLatencyMs(), state.peakConcurrencyBetween(span.startUs(), span.endUs())));
    }
    return windows;
  }

  /**
   * {@code slo} over its window(s) ending with {@code second}.
   *
   * @param completeThrough seconds up to this one are complete: samples arriving for them from now on are late
   */
  private Verdict verdictAt(String runId, Slo slo, long second, long completeThrough) {
    if (slo.burnRate() != null) {
      // Multi-window burn rate: each rule reads its own long and short windows, all ending at this second.
      return SloEvaluator.evaluateBurnRate(slo, seconds -> windowsOf(slo).counts(runId, seriesOf(slo),
          WindowSpan.ending(second, seconds), completeThrough));
    }
    WindowSpan span = WindowSpan.ending(second, slo.windowSeconds());
    if (slo.indicator() == Indicator.ERROR_RATE) {
      return SloEvaluator.evaluate(slo, windowsOf(slo).counts(runId, seriesOf(slo), span, completeThrough));
    }
    return SloEvaluator.evaluate(slo, windowsOf(slo).window(runId, seriesOf(slo), span, completeThrough));
  }

  /** The windows an SLO reads: its latency metric's, or the named measurements' (the checks included). */
  private RunWindows windowsOf(Slo slo) {
    return slo.measure() != null ? measures : readers.get(slo.metric());
  }

  /** The series an SLO reads in {@link #windowsOf}: its endpoint, or its measurement's series on the endpoint. */
  private static String seriesOf(Slo slo) {
    return slo.measure() == null ? slo.endpoint() : MeasurementSeries.key(slo.measure(), slo.endpoint());
  }

  private static int windowSeconds(Slo slo, Verdict verdict) {
    return verdict.burn() == null ? slo.windowSeconds() : verdict.burn().longSeconds();
  }
}
