package io.perfplane.analyzer.stream;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.perfplane.analyzer.capacity.CapacityEstimate;
import io.perfplane.analyzer.capacity.KneeDetector;
import io.perfplane.analyzer.capacity.WindowObservation;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.slo.RunSlos;
import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.cloudevents.CloudEvents;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
final class RunAnalysisProcessor implements Processor<String, Object, String, Object> {

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
  private static final long US_PER_MS = 1000L;

  private final AnalysisSettings settings;
  private final AnalyzerMetrics metrics;
  private final RunSlos runSlos;
  private final Map<String, RunState> runCache = RunWindows.lru(CACHED_RUNS);
  private final SeriesKeys.Cache seriesKeys = new SeriesKeys.Cache(CACHED_SERIES_KEYS);
  private final SeriesKeys.Cache serviceKeys = new SeriesKeys.Cache(CACHED_SERIES_KEYS);
  private final SeriesKeys.Cache ttfbKeys = new SeriesKeys.Cache(CACHED_SERIES_KEYS);
  private final QuietRuns quietRuns = new QuietRuns();
  private final Measures measures;

  // Set in init(), before any record or punctuation arrives.
  private ProcessorContext<String, Object> context;
  private WriteBackStore<LatencySlice> slices;
  private WriteBackStore<LatencySlice> totals;
  private WriteBackStore<LatencySlice> serviceSlices;
  private WriteBackStore<LatencySlice> serviceTotals;
  private WriteBackStore<LatencySlice> ttfbSlices;
  private WriteBackStore<LatencySlice> ttfbTotals;
  private WriteBackStore<ErrorCounts> errorCounts;
  private RunWindows measureWindows;
  private LiveWindows liveWindows;
  /** Corrected latency's windows: the run's requests, errors and endpoints. */
  private RunWindows reader;
  private Map<LatencyMetric, RunWindows> readers;
  private RunEvaluator evaluator;
  private KeyValueStore<String, RunState> runs;
  private KeyValueStore<String, String> activeRuns;
  private RunBreaches breaches;
  private KeyValueStore<String, CapacityEvent> capacity;

  RunAnalysisProcessor(AnalysisSettings settings, AnalyzerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.runSlos = new RunSlos(settings.slos(), settings.configuredSlosWin());
    this.measures = new Measures(Measures.MAX_NAMES_PER_RUN, metrics);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.slices = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.SLICES_STORE));
    this.totals = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.TOTALS_STORE));
    this.serviceSlices = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.SERVICE_SLICES_STORE));
    this.serviceTotals = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.SERVICE_TOTALS_STORE));
    this.ttfbSlices = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.TTFB_SLICES_STORE));
    this.ttfbTotals = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.TTFB_TOTALS_STORE));
    this.errorCounts = WriteBackStore.unwrap(context.getStateStore(AnalyzerTopology.ERRORS_STORE));
    this.measureWindows = new RunWindows(WriteBackStore.unwrap(context.getStateStore(
        AnalyzerTopology.MEASURE_SLICES_STORE)), WriteBackStore.unwrap(context.getStateStore(
        AnalyzerTopology.MEASURE_TOTALS_STORE)));
    this.reader = new RunWindows(slices, totals);
    this.readers = new EnumMap<>(Map.of(LatencyMetric.LATENCY, reader,
        LatencyMetric.SERVICE_TIME, new RunWindows(serviceSlices, serviceTotals),
        LatencyMetric.TTFB, new RunWindows(ttfbSlices, ttfbTotals)));
    this.liveWindows = new LiveWindows(reader, measureWindows, metrics, settings.lateGraceSeconds());
    this.runs = context.getStateStore(AnalyzerTopology.RUNS_STORE);
    this.activeRuns = context.getStateStore(AnalyzerTopology.ACTIVE_RUNS_STORE);
    this.breaches = new RunBreaches(context.getStateStore(AnalyzerTopology.OPEN_BREACHES_STORE),
        context.getStateStore(AnalyzerTopology.BREACH_LOG_STORE),
        context.getStateStore(AnalyzerTopology.BREACH_STREAKS_STORE), new RunBreaches.Output() {
          @Override
          public void breach(String key, SloBreach breach) {
            context.forward(new Record<String, Object>(key, breach, nowMs()), AnalyzerTopology.BREACHES_SINK);
            // The JSON sibling in the same transaction: consumers without Avro see exactly the same events.
            context.forward(new Record<String, Object>(key, CloudEvents.breach(breach), nowMs()),
                AnalyzerTopology.BREACHES_JSON_SINK);
          }

          @Override
          public void abort(String runId, AbortRequest request) {
            context.forward(new Record<String, Object>(runId, request, nowMs()),
                AnalyzerTopology.ABORT_REQUESTS_SINK);
          }
        }, metrics);
    this.capacity = context.getStateStore(AnalyzerTopology.CAPACITY_STORE);
    this.evaluator = new RunEvaluator(runSlos, readers, measureWindows, breaches, settings.capacityWindowSeconds(),
        () -> nowMs() * US_PER_MS);
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
    // Every metric of a sample goes to the same second, its corrected end's: windows of all metrics align.
    long second = WindowSpan.secondOf(endUs);
    String endpoint = sample.endpoint();
    RunState state = runState(runId);
    // Its windows were evaluated already: it counts in the whole run and as late, never silently dropped.
    boolean late = second <= state.lastEvaluatedSecond();
    LatencySlice all = seriesKeys.record(slices, totals, runId, endpoint, second, late, latencyUs, error, startUs,
        endUs);
    serviceKeys.record(serviceSlices, serviceTotals, runId, endpoint, second, late,
        Math.max(0, sample.serviceTimeUs()), error, startUs, endUs);
    if (sample.ttfbUs() >= 0) {
      ttfbKeys.record(ttfbSlices, ttfbTotals, runId, endpoint, second, late, sample.ttfbUs(), error, startUs, endUs);
    }
    if (sample.named() != null) {
      measures.record(sample.named(), measureWindows, runId, endpoint, second, late, error, startUs, endUs);
    }
    if (late) {
      metrics.lateSample();
    } else if (error) {
      errorCounts.forUpdate(seriesKeys.of(runId, Slo.ALL_ENDPOINTS).slice(second), ErrorCounts::empty)
          .add(ErrorCounts.Cause.of(sample.errorKind().name(), sample.status()));
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
          RunEventAttributes.shardCount(event), event.getAttributes().get(RunSlos.ATTRIBUTE));
      case STAGE_CHANGED -> {
        if (event.getTargetConcurrency() != null) {
          state.stageChanged(event.getAtUs(), event.getTargetConcurrency());
        }
      }
      case FINISHED, ABORTED -> state.generatorFinished(event.getGeneratorId(),
          RunEventAttributes.samplesPublished(event), event.getType() == RunEventType.ABORTED, nowMs());
      default -> {
        return; // ABORT_REQUESTED: a command of older versions, on abort-requests now; UNKNOWN: a newer event type
      }
    }
    putRun(runId, state);
    LatencySlice all = reader.total(runId, Slo.ALL_ENDPOINTS);
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
        quietRuns.forget(runId);
      } else if (state.graceExpired(nowMs, settings.finalizeGrace().toMillis())) {
        log.info("run {} finalized after the {} grace without all published samples", runId,
            settings.finalizeGrace());
        finalizeRun(runId, state);
      } else {
        LatencySlice all = reader.total(runId, Slo.ALL_ENDPOINTS);
        long requests = all == null ? 0 : all.requests();
        // Not finished (else the finalize grace decides) and no new sample for abandonAfter: nobody will finish it.
        if (!state.finished() && quietRuns.quietFor(runId, requests, nowMs, settings.abandonAfter().toMillis())) {
          log.warn("run {} finalized as aborted: not finished, and no new sample for {} ({} requests arrived)", runId,
              settings.abandonAfter(), requests);
          state.abandon();
          finalizeRun(runId, state);
        } else if (all != null && all.requests() > 0) {
          // The newest seconds may still be filling up: evaluation trails the run's newest sample by the grace, and
          // samples for seconds already evaluated count as late.
          evaluateThrough(runId, state, all, WindowSpan.secondOf(all.lastEndUs()) - settings.lateGraceSeconds(),
              MAX_LIVE_CATCH_UP_WINDOWS);
          liveWindows.publish(runId, state.lastEvaluatedSecond(), all);
        }
      }
    }
  }

  private void evaluateThrough(String runId, RunState state, LatencySlice all, long lastSecond, int maxWindows) {
    evaluator.evaluateThrough(runId, state, all, lastSecond, maxWindows);
    putRun(runId, state);
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
      LatencySlice all = reader.total(runId, Slo.ALL_ENDPOINTS);
      if (state.finalized() || all == null || all.requests() == 0) {
        continue;
      }
      // Catch up first, so that after a backlog the breach opens at the first violating window, not at the newest.
      evaluateThrough(runId, state, all, WindowSpan.secondOf(all.lastEndUs()) - settings.lateGraceSeconds(),
          MAX_LIVE_CATCH_UP_WINDOWS);
      evaluator.checkNewest(runId, state, all);
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
    writeBackLatencyStores();
    errorCounts.writeBack();
    LatencySlice all = reader.total(runId, Slo.ALL_ENDPOINTS);
    boolean wholeRunHeld = true;
    List<WindowObservation> windows = List.of();
    if (all != null && all.requests() > 0) {
      evaluateThrough(runId, state, all, WindowSpan.secondOf(all.lastEndUs()), Integer.MAX_VALUE);
      all = reader.wholeRun(runId, Slo.ALL_ENDPOINTS);
      wholeRunHeld = evaluator.evaluateWholeRun(runId, state, all);
      windows = evaluator.observeWindows(runId, state, all, wholeRunHeld);
    }
    // Settling at the end of evaluation changed the totals again: a reader that sees the capacity must see them.
    writeBackLatencyStores();
    CapacityEstimate estimate = KneeDetector.estimate(windows, wholeRunHeld);
    CapacityEvent event = CapacityEvents.of(runId, state.targetService(),
        all == null ? nowMs() * US_PER_MS : all.lastEndUs(), estimate);
    capacity.put(runId, event);
    context.forward(new Record<String, Object>(runId, event, nowMs()), AnalyzerTopology.CAPACITY_SINK);
    context.forward(new Record<String, Object>(runId, CloudEvents.capacity(event), nowMs()),
        AnalyzerTopology.CAPACITY_JSON_SINK);
    state.markFinalized();
    putRun(runId, state);
    activeRuns.delete(runId);
    quietRuns.forget(runId);
    measures.runClosed(runId);
    metrics.runClosed(runId);
    metrics.runFinalized(runId, estimate);
    log.info("run {} finalized: {} requests, capacity {} (slo held: {})", runId,
        all == null ? 0 : all.requests(), estimate.evidence(), estimate.sloHeld());
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

  private long nowMs() {
    return context.currentSystemTimeMs();
  }

  private void clearCaches() {
    runCache.clear();
    seriesKeys.clear();
    serviceKeys.clear();
    ttfbKeys.clear();
    quietRuns.clear();
    measures.clear();
    if (readers != null) { // set in init() with measureWindows
      readers.values().forEach(RunWindows::clear);
      measureWindows.clear();
    }
  }

  private void writeBackLatencyStores() {
    for (WriteBackStore<LatencySlice> store : List.of(slices, totals, serviceSlices, serviceTotals, ttfbSlices,
        ttfbTotals)) {
      store.writeBack();
    }
    measureWindows.writeBack();
  }

  private void endPass() {
    readers.values().forEach(RunWindows::endPass);
    measureWindows.endPass();
  }
}
