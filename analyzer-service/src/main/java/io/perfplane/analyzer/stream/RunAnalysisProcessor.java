package io.perfplane.analyzer.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.analyzer.capacity.CapacityEstimate;
import io.perfplane.analyzer.capacity.KneeDetector;
import io.perfplane.analyzer.capacity.WindowObservation;
import io.perfplane.contracts.slo.BurnRatePolicy;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.slo.RunSlos;
import io.perfplane.analyzer.slo.SloEvaluator;
import io.perfplane.analyzer.slo.Verdict;
import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.RollingWindow;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.analyzer.window.WindowStats;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates one task's runs: per-second and whole-run latency slices per endpoint and for all endpoints, live SLO
 * evaluation on a wall-clock punctuator, and run finalization (final and whole-run SLO evaluation, then capacity).
 *
 * <p>Slices live in {@link WriteBackStore}s: a sample only records into in-memory histograms, which are serialized
 * into the changelogged stores once per commit (so EOS commits and changelogs stay exact). Run states are cached
 * write-through: they change only on run events.
 */
final class RunAnalysisProcessor implements Processor<String, Object, String, SpecificRecord> {

  private static final Logger log = LoggerFactory.getLogger(RunAnalysisProcessor.class);

  /** Live evaluation catches up at most this many windows per punctuation, bounding its cost after a backlog. */
  static final int MAX_LIVE_CATCH_UP_WINDOWS = 60;
  static final String SAMPLES_PUBLISHED = "samplesPublished";
  static final String TARGET_SERVICE = "targetService";
  /** STARTED attribute of a distributed run: how many shard generators it has (each with its own generatorId). */
  static final String SHARD_COUNT = "shardCount";
  /** Generator id of the analyzer's own run events. */
  static final String ABORT_REQUESTER = "analyzer";
  private static final int CACHED_RUNS = 256;
  /** Runs, and endpoints per run, whose store keys are cached (see {@link SeriesKeys}). */
  private static final int CACHED_SERIES_KEYS = 1024;
  /** Per-second (requests, errors) of evaluated seconds kept for burn-rate windows (6 h scaled = 360 s each). */
  private static final int CACHED_SECOND_COUNTS = 65_536;
  /** Cached window parts (a few KB each): two or three per (run, latency SLO scope, window length) are in use. */
  private static final int CACHED_COMPLETE_PARTS = 1024;
  private static final long US_PER_MS = 1000L;
  private static final int SLICE_SECOND_DIGITS = StoreKeys.SECOND_DIGITS;

  private final AnalysisSettings settings;
  private final AnalyzerMetrics metrics;
  private final RunSlos runSlos;
  private final Map<String, RunState> runCache = lru(CACHED_RUNS);
  private final Map<String, long[]> secondCounts = lru(CACHED_SECOND_COUNTS);
  private final Map<String, Map<String, SeriesKeys>> seriesKeys = new HashMap<>();
  /**
   * Windows ending with {@link #passSecond} merged during the current evaluation pass (one punctuation, early check or
   * finalization), by run, endpoint and span: SLOs sharing a scope and window length, and the live windows, merge each
   * window once. Nothing records samples during a pass; it is cleared when the pass ends, and holds one second's
   * windows at a time so that a long catch-up does not keep every window it evaluated.
   */
  private final Map<String, LatencySlice> passWindows = new HashMap<>();
  private long passSecond = Long.MIN_VALUE;
  /** Endpoints of each run listed during the current pass: settling and the live windows both walk them. */
  private final Map<String, List<String>> passEndpoints = new HashMap<>();
  /**
   * Merges of windows' complete seconds, compressed, by run, endpoint and span (see {@link #window}). Complete
   * seconds never change (a later sample for one is late and goes to the totals only), so entries stay valid; bounded
   * by dropping the least recently used.
   */
  private final Map<String, LatencySlice> completeParts = lru(CACHED_COMPLETE_PARTS);

  // Set in init(), before any record or punctuation arrives.
  private ProcessorContext<String, SpecificRecord> context;
  private WriteBackStore<LatencySlice> slices;
  private WriteBackStore<LatencySlice> totals;
  private WriteBackStore<ErrorCounts> errorCounts;
  private KeyValueStore<String, RunState> runs;
  private KeyValueStore<String, String> activeRuns;
  private RunBreaches breaches;
  private KeyValueStore<String, CapacityEvent> capacity;

  RunAnalysisProcessor(AnalysisSettings settings, AnalyzerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.runSlos = new RunSlos(settings.slos(), settings.configuredSlosWin());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.slices = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.SLICES_STORE));
    this.totals = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.TOTALS_STORE));
    this.errorCounts = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.ERRORS_STORE));
    this.runs = context.getStateStore(AnalyzerTopology.RUNS_STORE);
    this.activeRuns = context.getStateStore(AnalyzerTopology.ACTIVE_RUNS_STORE);
    this.breaches = new RunBreaches(context.getStateStore(AnalyzerTopology.OPEN_BREACHES_STORE),
        context.getStateStore(AnalyzerTopology.BREACH_LOG_STORE),
        context.getStateStore(AnalyzerTopology.BREACH_STREAKS_STORE), new RunBreaches.Output() {
          @Override
          public void breach(String key, SloBreach breach) {
            context.forward(new Record<String, SpecificRecord>(key, breach, nowMs()), AnalyzerTopology.BREACHES_SINK);
          }

          @Override
          public void abort(String runId, RunEvent request) {
            context.forward(new Record<String, SpecificRecord>(runId, request, nowMs()),
                AnalyzerTopology.RUN_EVENTS_SINK);
          }
        }, metrics);
    this.capacity = context.getStateStore(AnalyzerTopology.CAPACITY_STORE);
    clearCaches(); // a re-initialized task may have restored different state
    context.schedule(settings.evaluationInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    // Scheduled even without configured SLOs: a run may bring its own.
    if (!settings.breachCheckInterval().isZero()) {
      context.schedule(settings.breachCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkEarly);
    }
  }

  @Override
  public void process(Record<String, Object> record) {
    switch (record.value()) {
      case Sample sample -> onSample(sample);
      case RequestSample sample -> onSample(Sample.of(sample));
      case RunEvent event -> onRunEvent(event);
      case null, default -> {
        // Tombstones and foreign records carry nothing to aggregate.
      }
    }
  }

  @Override
  public void close() {
    clearCaches();
  }

  private void onSample(Sample sample) {
    String runId = sample.runId();
    long latencyUs = Math.max(0, sample.latencyUs());
    long startUs = sample.intendedStartUs();
    long endUs = startUs + latencyUs; // latency is measured from the intended start: CO-corrected end
    boolean error = sample.errorKind() != ErrorKind.NONE;
    long second = WindowSpan.secondOf(endUs);
    String endpoint = sample.endpoint();
    RunState state = runState(runId);
    SeriesKeys allKeys = seriesKeys(runId, Slo.ALL_ENDPOINTS);
    SeriesKeys endpointKeys = Slo.ALL_ENDPOINTS.equals(endpoint) ? null : seriesKeys(runId, endpoint);

    LatencySlice all = allKeys.totalForUpdate(totals);
    LatencySlice endpointTotal = endpointKeys == null ? null : endpointKeys.totalForUpdate(totals);
    if (second <= state.lastEvaluatedSecond()) {
      // Its windows were evaluated already: count it in the whole run and as late, never silently drop it.
      all.recordLate(latencyUs, error, startUs, endUs);
      if (endpointTotal != null) {
        endpointTotal.recordLate(latencyUs, error, startUs, endUs);
      }
      metrics.lateSample();
    } else {
      // Totals count it now and take its latency from the second's slice when the second is settled.
      all.count(error, startUs, endUs);
      allKeys.sliceForUpdate(slices, second).record(latencyUs, error, startUs, endUs);
      if (error) {
        errorCounts.forUpdate(allKeys.slice(second), ErrorCounts::empty)
            .add(ErrorCounts.Cause.of(sample.errorKind().name(), sample.status()));
      }
      if (endpointTotal != null) {
        endpointTotal.count(error, startUs, endUs);
        endpointKeys.sliceForUpdate(slices, second).record(latencyUs, error, startUs, endUs);
      }
    }
    metrics.sampleConsumed();

    if (!state.finalized() && state.allSamplesReceived(all.requests())) {
      finalizeRun(runId, state);
    }
  }

  private void onRunEvent(RunEvent event) {
    String runId = event.getRunId();
    RunState state = runState(runId);
    if (state.finalized()) {
      return; // the capacity is published; a late lifecycle event cannot change it
    }
    switch (event.getType()) {
      case STARTED -> state.started(event.getGeneratorId(), event.getAttributes().get(TARGET_SERVICE),
          shardCount(event), event.getAttributes().get(RunSlos.ATTRIBUTE));
      case STAGE_CHANGED -> {
        if (event.getTargetConcurrency() != null) {
          state.stageChanged(event.getAtUs(), event.getTargetConcurrency());
        }
      }
      case FINISHED, ABORTED -> state.generatorFinished(event.getGeneratorId(),
          samplesPublished(event), event.getType() == RunEventType.ABORTED, nowMs());
      default -> {
        return; // ABORT_REQUESTED is the analyzer's own output; UNKNOWN is a newer event type
      }
    }
    putRun(runId, state);
    LatencySlice all = total(runId, Slo.ALL_ENDPOINTS);
    if (state.allSamplesReceived(all == null ? 0 : all.requests())) {
      finalizeRun(runId, state);
    }
  }

  private void punctuate(long nowMs) {
    try {
      evaluateActiveRuns(nowMs);
    } finally {
      endPass();
    }
  }

  private void evaluateActiveRuns(long nowMs) {
    List<String> active = new ArrayList<>();
    try (KeyValueIterator<String, String> it = activeRuns.all()) {
      it.forEachRemaining(kv -> active.add(kv.key));
    }
    for (String runId : active) {
      RunState state = runState(runId);
      if (state.finalized()) {
        activeRuns.delete(runId);
      } else if (state.graceExpired(nowMs, settings.finalizeGrace().toMillis())) {
        log.info("run {} finalized after the {} grace without all published samples", runId,
            settings.finalizeGrace());
        finalizeRun(runId, state);
      } else {
        LatencySlice all = total(runId, Slo.ALL_ENDPOINTS);
        if (all != null && all.requests() > 0) {
          // The newest seconds may still be filling up: evaluation trails the run's newest sample by the grace, and
          // samples for seconds already evaluated count as late.
          evaluateThrough(runId, state, all, WindowSpan.secondOf(all.lastEndUs()) - settings.lateGraceSeconds(),
              MAX_LIVE_CATCH_UP_WINDOWS);
          publishLiveWindows(runId, state, all);
        }
      }
    }
  }

  /** Reports each endpoint's trailing 10 s window (ending where evaluation got to) as live metrics. */
  private void publishLiveWindows(String runId, RunState state, LatencySlice all) {
    long completeThrough = state.lastEvaluatedSecond();
    long last = WindowSpan.secondOf(all.lastEndUs()) - settings.lateGraceSeconds();
    WindowSpan span = WindowSpan.ending(last, RollingWindow.TEN_SECONDS.seconds());
    for (String endpoint : endpoints(runId)) {
      metrics.windowObserved(runId, endpoint,
          WindowStats.of(window(runId, endpoint, span, completeThrough), span.seconds()));
    }
  }

  /** Evaluates every SLO on each not yet evaluated window ending at most at {@code lastSecond}. */
  private void evaluateThrough(String runId, RunState state, LatencySlice all, long lastSecond, int maxWindows) {
    long firstSecond = WindowSpan.secondOf(all.firstStartUs());
    long from = Math.max(Math.max(firstSecond, state.lastEvaluatedSecond() + 1), lastSecond - maxWindows + 1);
    if (from > lastSecond) {
      return;
    }
    for (long second = from; second <= lastSecond; second++) {
      for (Slo slo : runSlos.of(state.slos())) {
        Verdict verdict = verdictAt(runId, slo, second, lastSecond);
        breaches.apply(runId, slo, verdict, windowSeconds(slo, verdict), WindowSpan.ending(second, 1).endUs(),
            nowMs() * US_PER_MS);
      }
    }
    settle(runId, lastSecond);
    state.evaluatedThrough(lastSecond);
    putRun(runId, state);
  }

  /**
   * Adds the per-second slices of every series of the run up to {@code throughSecond} to the series' totals: from
   * now on samples for those seconds are late and go to the totals directly. Evaluation and settling advance
   * together (same task, same transaction), so each sample's latency is in exactly one of its total or its slice.
   */
  private void settle(String runId, long throughSecond) {
    for (String endpoint : endpoints(runId)) {
      String key = StoreKeys.total(runId, endpoint);
      LatencySlice total = totals.peek(key);
      if (total == null || total.pendingFromSecond() > throughSecond) {
        continue;
      }
      List<LatencySlice> seconds = new ArrayList<>();
      for (long second = total.pendingFromSecond(); second <= throughSecond; second++) {
        String sliceKey = StoreKeys.slice(runId, endpoint, second);
        LatencySlice slice = slices.peek(sliceKey);
        if (slice != null) {
          seconds.add(slice);
          slices.release(sliceKey); // never updated again: queries read it from the store
        }
      }
      totals.forUpdate(key, LatencySlice::emptyTotal).settle(throughSecond, seconds);
    }
  }

  /**
   * The endpoints of the run that have a total (not {@code *}'s, which comes first), {@code *} included; listed once
   * per pass (no sample, so no new total, arrives during one).
   */
  private List<String> endpoints(String runId) {
    return passEndpoints.computeIfAbsent(runId, this::listEndpoints);
  }

  private List<String> listEndpoints(String runId) {
    totals.writeBack(); // the scan reads the inner store; unchanged totals re-encode as a header
    List<String> endpoints = new ArrayList<>();
    try (KeyValueIterator<String, LatencySlice> it =
        totals.prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      it.forEachRemaining(kv -> endpoints.add(StoreKeys.endpointOfTotal(runId, kv.key)));
    }
    return endpoints;
  }

  /**
   * The whole run of one series as a plain copy: its total with any not yet settled seconds added (none once the run
   * is evaluated to its end). Reading it leaves the kept total compact.
   */
  private @Nullable LatencySlice wholeRun(String runId, String endpoint) {
    LatencySlice total = total(runId, endpoint);
    if (total == null) {
      return null;
    }
    slices.writeBack(); // WholeRun range-scans the inner store
    return WholeRun.of(total, slices, runId, endpoint);
  }

  /**
   * {@code slo} over its window(s) ending with {@code second}.
   *
   * @param completeThrough seconds up to this one are complete: samples arriving for them from now on are late
   */
  private Verdict verdictAt(String runId, Slo slo, long second, long completeThrough) {
    if (slo.burnRate() != null) {
      // Multi-window burn rate: each rule reads its own long and short windows, all ending at this second.
      return SloEvaluator.evaluateBurnRate(slo,
          seconds -> counts(runId, slo.endpoint(), WindowSpan.ending(second, seconds), completeThrough));
    }
    WindowSpan span = WindowSpan.ending(second, slo.windowSeconds());
    if (slo.indicator() == Indicator.ERROR_RATE) {
      return SloEvaluator.evaluate(slo, counts(runId, slo.endpoint(), span, completeThrough));
    }
    return SloEvaluator.evaluate(slo, window(runId, slo.endpoint(), span, completeThrough));
  }

  private static int windowSeconds(Slo slo, Verdict verdict) {
    return verdict.burn() == null ? slo.windowSeconds() : verdict.burn().longSeconds();
  }

  /**
   * The early breach check. Live evaluation alone trails the newest sample by the late grace plus up to one
   * evaluation interval, which would put breach detection seconds behind the violation. At this shorter period,
   * complete seconds are evaluated as soon as they are complete, and the windows ending with the seconds after them
   * (the newest one still filling) are checked: a violation there fires a breach whose {@code for} is over (or 0) at
   * once, at the newest sample's time. Only firing is early: pending and resolution are decided on complete seconds,
   * and never by a window ending before the breach fired (see {@link io.perfplane.analyzer.slo.BreachTracker}).
   */
  private void checkEarly(long nowMs) {
    try {
      checkActiveRunsEarly();
    } finally {
      endPass();
    }
  }

  private void checkActiveRunsEarly() {
    List<String> active = new ArrayList<>();
    try (KeyValueIterator<String, String> it = activeRuns.all()) {
      it.forEachRemaining(kv -> active.add(kv.key));
    }
    for (String runId : active) {
      RunState state = runState(runId);
      LatencySlice all = total(runId, Slo.ALL_ENDPOINTS);
      if (state.finalized() || all == null || all.requests() == 0) {
        continue;
      }
      long newest = WindowSpan.secondOf(all.lastEndUs());
      // Catch up first, so that after a backlog the breach opens at the first violating window, not at the newest.
      evaluateThrough(runId, state, all, newest - settings.lateGraceSeconds(), MAX_LIVE_CATCH_UP_WINDOWS);
      long from = Math.max(state.lastEvaluatedSecond() + 1, WindowSpan.secondOf(all.firstStartUs()));
      // Second by second, each SLO until its breach is open: SLOs of one second share their merged windows.
      for (long second = from; second <= newest; second++) {
        for (Slo slo : runSlos.of(state.slos())) {
          if (breaches.isOpen(runId, slo)) {
            continue;
          }
          Verdict verdict = verdictAt(runId, slo, second, state.lastEvaluatedSecond());
          if (verdict.violated()) {
            breaches.applyEarly(runId, slo, verdict, windowSeconds(slo, verdict),
                Math.min(all.lastEndUs(), WindowSpan.ending(second, 1).endUs()), nowMs() * US_PER_MS);
          }
        }
      }
    }
  }

  /**
   * Final evaluation of the remaining windows, then every SLO over the whole run (a short run that violates is
   * reported even if no window had enough requests), then capacity.
   */
  private void finalizeRun(String runId, RunState state) {
    try {
      finalizeEvaluated(runId, state);
    } finally {
      endPass();
    }
  }

  private void finalizeEvaluated(String runId, RunState state) {
    // Interactive queries read the inner stores: write pending histograms back first, so a reader that sees the
    // run finished (capacity stored) also sees every sample counted in its totals.
    slices.writeBack();
    totals.writeBack();
    errorCounts.writeBack();
    LatencySlice all = total(runId, Slo.ALL_ENDPOINTS);
    boolean wholeRunHeld = true;
    List<WindowObservation> windows = List.of();
    if (all != null && all.requests() > 0) {
      evaluateThrough(runId, state, all, WindowSpan.secondOf(all.lastEndUs()), Integer.MAX_VALUE);
      all = wholeRun(runId, Slo.ALL_ENDPOINTS);
      int runSeconds = (int) Math.max(1, Math.ceil(all.spanMs() / 1000.0));
      for (Slo slo : runSlos.of(state.slos())) {
        LatencySlice scope = wholeRun(runId, slo.endpoint());
        if (scope == null) {
          continue;
        }
        Verdict verdict = SloEvaluator.evaluate(slo, scope, 1);
        if (verdict.violated()) {
          wholeRunHeld = false;
          // Only when the live windows never reported a breach: a degradation that opened and resolved stays one
          // episode instead of reopening as a whole-run breach at the end.
          if (!breaches.hadBreach(runId, slo)) {
            breaches.openAtEnd(runId, slo, verdict, runSeconds, all.lastEndUs(), nowMs() * US_PER_MS);
          }
        }
      }
      windows = observeWindows(runId, state, all, wholeRunHeld);
    }
    // Settling at the end of evaluation changed the totals again: a reader that sees the capacity must see them.
    totals.writeBack();
    CapacityEstimate estimate = KneeDetector.estimate(windows, wholeRunHeld);
    CapacityEvent event = CapacityEvents.of(runId, state.targetService(),
        all == null ? nowMs() * US_PER_MS : all.lastEndUs(), estimate);
    capacity.put(runId, event);
    context.forward(new Record<String, SpecificRecord>(runId, event, nowMs()), AnalyzerTopology.CAPACITY_SINK);
    state.markFinalized();
    putRun(runId, state);
    activeRuns.delete(runId);
    metrics.runFinalized();
    metrics.runClosed(runId);
    log.info("run {} finalized: {} requests, capacity {} (slo held: {})", runId,
        all == null ? 0 : all.requests(), estimate.evidence(), estimate.sloHeld());
  }

  /** Every full capacity window of the run; the whole run as one window when it is shorter than that. */
  private List<WindowObservation> observeWindows(String runId, RunState state, LatencySlice all,
      boolean wholeRunHeld) {
    int windowSeconds = settings.capacityWindowSeconds();
    long first = firstSliceSecond(runId);
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
      LatencySlice window = merges.computeIfAbsent(Slo.ALL_ENDPOINTS + "|" + windowSeconds,
          k -> mergedFromStore(runId, Slo.ALL_ENDPOINTS, span));
      boolean held = true;
      for (Slo slo : runSlos.of(state.slos())) {
        WindowSpan sloSpan = WindowSpan.ending(second, slo.windowSeconds());
        LatencySlice sloWindow = merges.computeIfAbsent(slo.endpoint() + "|" + slo.windowSeconds(),
            k -> mergedFromStore(runId, slo.endpoint(), sloSpan));
        held &= !SloEvaluator.evaluate(slo, sloWindow).violated();
      }
      windows.add(new WindowObservation(second, (double) window.requests() / windowSeconds, held,
          window.latencyMsAt(95), window.meanLatencyMs(), state.peakConcurrencyBetween(span.startUs(), span.endUs())));
    }
    return windows;
  }

  private long firstSliceSecond(String runId) {
    String prefix = StoreKeys.total(runId, Slo.ALL_ENDPOINTS) + "|";
    slices.writeBack();
    try (KeyValueIterator<String, LatencySlice> it =
        slices.prefixScan(prefix, new StringSerializer())) {
      if (!it.hasNext()) {
        return Long.MAX_VALUE;
      }
      String key = it.next().key;
      return Long.parseLong(key.substring(key.length() - SLICE_SECOND_DIGITS));
    }
  }

  /**
   * Requests and errors of {@code endpoint} in {@code span}. Burn-rate windows span minutes of seconds and are
   * re-read every second, so the counts of evaluated seconds are cached: those slices never change again (a later
   * sample for them is late and goes to the totals only). Newer seconds are read through (often still in memory).
   */
  private BurnRatePolicy.Counts counts(String runId, String endpoint, WindowSpan span, long completeThrough) {
    long requests = 0;
    long errors = 0;
    for (long second = span.firstSecond(); second <= span.lastSecond(); second++) {
      String key = StoreKeys.slice(runId, endpoint, second);
      long[] counts = secondCounts.get(key);
      if (counts == null) {
        LatencySlice slice = slices.peek(key);
        counts = slice == null ? new long[2] : new long[] {slice.requests(), slice.errors()};
        if (second <= completeThrough) {
          secondCounts.put(key, counts);
        }
      }
      requests += counts[0];
      errors += counts[1];
    }
    return new BurnRatePolicy.Counts(requests, errors);
  }

  /**
   * All requests of {@code endpoint} in {@code span}, merged from its per-second slices read through the write-back
   * cache (nothing is written back for a scan). Merged once per evaluation pass; read only, as the result may be
   * shared within the pass.
   *
   * <p>The complete seconds of a window come from one cached merge where there is one ({@link #completeParts}): the
   * early check merges the windows ending with the newest, still filling seconds every 200 ms, and their complete
   * part stays the same until evaluation moves on; and when it does, a window that just became complete is the cached
   * part of the check before it plus its newest second.
   *
   * @param completeThrough seconds up to this one are complete: their slices never change again
   */
  private LatencySlice window(String runId, String endpoint, WindowSpan span, long completeThrough) {
    String key = passKey(runId, endpoint, span);
    LatencySlice window = passWindow(key, span);
    if (window != null) {
      return window;
    }
    window = LatencySlice.accumulator();
    long first = span.firstSecond();
    long last = span.lastSecond();
    long next = first;
    long partEnd = last > completeThrough ? completeThrough : last - 1;
    if (partEnd > first) {
      String partKey = runId + '|' + endpoint + '|' + first + '|' + partEnd;
      LatencySlice part = completeParts.get(partKey);
      if (part == null && last > completeThrough) {
        part = LatencySlice.accumulator();
        addSeconds(part, runId, endpoint, first, partEnd);
        part.compact(); // kept compressed: a few KB instead of a plain histogram's ~100 KB
        completeParts.put(partKey, part);
      }
      if (part != null) {
        window.merge(part);
        next = partEnd + 1;
      }
    }
    addSeconds(window, runId, endpoint, next, last);
    passWindows.put(key, window);
    return window;
  }

  private void addSeconds(LatencySlice target, String runId, String endpoint, long firstSecond, long lastSecond) {
    for (long second = firstSecond; second <= lastSecond; second++) {
      LatencySlice slice = slices.peek(StoreKeys.slice(runId, endpoint, second));
      if (slice != null) {
        target.merge(slice);
      }
    }
  }

  private @Nullable LatencySlice passWindow(String key, WindowSpan span) {
    if (span.lastSecond() != passSecond) {
      passWindows.clear();
      passSecond = span.lastSecond();
    }
    return passWindows.get(key);
  }

  private void endPass() {
    passWindows.clear();
    passEndpoints.clear();
    passSecond = Long.MIN_VALUE;
  }

  private static String passKey(String runId, String endpoint, WindowSpan span) {
    return runId + '|' + endpoint + '|' + span.firstSecond() + '|' + span.lastSecond();
  }

  private LatencySlice mergedFromStore(String runId, String endpoint, WindowSpan span) {
    LatencySlice merged = LatencySlice.accumulator();
    slices.writeBack(); // the scan reads the inner store
    try (KeyValueIterator<String, LatencySlice> it = slices.range(
        StoreKeys.slice(runId, endpoint, span.firstSecond()), StoreKeys.slice(runId, endpoint, span.lastSecond()))) {
      while (it.hasNext()) {
        merged.merge(it.next().value);
      }
    }
    return merged;
  }

  private @Nullable LatencySlice total(String runId, String endpoint) {
    return totals.peek(StoreKeys.total(runId, endpoint));
  }

  /** The run's state, created (and marked active) on first sight. */
  private RunState runState(String runId) {
    RunState state = runCache.get(runId);
    if (state == null) {
      state = runs.get(runId);
      if (state == null) {
        state = new RunState();
        runs.put(runId, state);
        activeRuns.put(runId, "");
      }
      runCache.put(runId, state);
    }
    return state;
  }

  private void putRun(String runId, RunState state) {
    runCache.put(runId, state);
    runs.put(runId, state);
  }

  /** The run's shard count from a STARTED event; 0 when absent or not a positive number. */
  private static int shardCount(RunEvent event) {
    String value = event.getAttributes().get(SHARD_COUNT);
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      log.warn("run {}: ignoring non-numeric {}='{}'", event.getRunId(), SHARD_COUNT, value);
      return 0;
    }
  }

  private static @Nullable Long samplesPublished(RunEvent event) {
    String value = event.getAttributes().get(SAMPLES_PUBLISHED);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      log.warn("run {}: ignoring non-numeric {}='{}'", event.getRunId(), SAMPLES_PUBLISHED, value);
      return null;
    }
  }

  private long nowMs() {
    return context.currentSystemTimeMs();
  }

  private void clearCaches() {
    runCache.clear();
    secondCounts.clear();
    completeParts.clear();
    seriesKeys.clear();
  }

  /** The cached store keys of one series; bounded by dropping the whole cache (keys are cheap to rebuild). */
  private SeriesKeys seriesKeys(String runId, String endpoint) {
    Map<String, SeriesKeys> ofRun = seriesKeys.get(runId);
    if (ofRun == null) {
      if (seriesKeys.size() >= CACHED_SERIES_KEYS) {
        seriesKeys.clear();
      }
      ofRun = new HashMap<>();
      seriesKeys.put(runId, ofRun);
    }
    SeriesKeys keys = ofRun.get(endpoint);
    if (keys == null) {
      if (ofRun.size() >= CACHED_SERIES_KEYS) {
        ofRun.clear();
      }
      keys = new SeriesKeys(runId, endpoint);
      ofRun.put(endpoint, keys);
    }
    return keys;
  }

  /**
   * Store keys of one (run, endpoint) series: the total key, and the slice key of the last second asked for. Built
   * once per series and second instead of once per sample (string building was a visible share of a sample's cost).
   * Also the total and slice last taken for update, reused while their store's {@link WriteBackStore#generation()}
   * says they are still its pending values (until the next commit): the store lookups were ~4% of the stream
   * threads' CPU.
   */
  private static final class SeriesKeys {
    private final String runId;
    private final String endpoint;
    private final String total;
    private long second = Long.MIN_VALUE;
    private String slice = "";
    private @Nullable LatencySlice totalValue;
    private long totalGeneration;
    private @Nullable LatencySlice sliceValue;
    private long sliceSecond;
    private long sliceGeneration;

    SeriesKeys(String runId, String endpoint) {
      this.runId = runId;
      this.endpoint = endpoint;
      this.total = StoreKeys.total(runId, endpoint);
    }

    LatencySlice totalForUpdate(WriteBackStore<LatencySlice> totals) {
      LatencySlice value = totalValue;
      if (value == null || totalGeneration != totals.generation()) {
        value = totals.forUpdate(total, LatencySlice::emptyTotal);
        totalValue = value;
        totalGeneration = totals.generation();
      }
      return value;
    }

    LatencySlice sliceForUpdate(WriteBackStore<LatencySlice> slices, long epochSecond) {
      LatencySlice value = sliceValue;
      if (value == null || sliceSecond != epochSecond || sliceGeneration != slices.generation()) {
        value = slices.forUpdate(slice(epochSecond), LatencySlice::empty);
        sliceValue = value;
        sliceSecond = epochSecond;
        sliceGeneration = slices.generation();
      }
      return value;
    }

    String slice(long epochSecond) {
      if (epochSecond != second) {
        slice = StoreKeys.slice(runId, endpoint, epochSecond);
        second = epochSecond;
      }
      return slice;
    }
  }

  private static <V> Map<String, V> lru(int maxEntries) {
    return new LinkedHashMap<>(maxEntries, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > maxEntries;
      }
    };
  }
}
