package io.perfplane.analyzer.runs;

import java.util.ArrayList;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.analyzer.stream.MeasurementSeries;
import io.perfplane.analyzer.report.Measurements;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import io.perfplane.analyzer.report.RunReport;
import io.perfplane.analyzer.slo.RunSlos;
import io.perfplane.analyzer.slo.SloEvaluator;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.stream.RunState;
import io.perfplane.analyzer.stream.StoreKeys;
import io.perfplane.analyzer.stream.WholeRun;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.RollingWindow;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.analyzer.window.WindowStats;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Builds the REST read model from the stores. */
@Component
class RunReports {

  /** The highest epoch second a slice key can hold (12 digits), and their width: see {@link StoreKeys#slice}. */
  private static final long LAST_KEY_SECOND = 999_999_999_999L;
  private static final int SECOND_DIGITS = 12;

  private final RunStores stores;
  /** Guarded by itself: web requests read concurrently. */
  private final RunSlos runSlos;

  RunReports(RunStores stores, AnalysisSettings settings) {
    this.stores = stores;
    this.runSlos = new RunSlos(settings.slos(), settings.configuredSlosWin());
  }

  List<RunSummary> list() {
    List<RunSummary> summaries = new ArrayList<>();
    try (KeyValueIterator<String, RunState> it = stores.runs().all()) {
      while (it.hasNext()) {
        KeyValue<String, RunState> run = it.next();
        LatencySlice all = stores.totals().get(StoreKeys.total(run.key, Slo.ALL_ENDPOINTS));
        boolean sampled = all != null && all.requests() > 0;
        summaries.add(new RunSummary(run.key, sampled ? all.requests() : 0, sampled ? all.errors() : 0,
            run.value.finalized(), sampled ? Long.valueOf(all.firstStartUs()) : null,
            RunSummary.source(run.value.startedGenerators())));
      }
    }
    summaries.sort(Comparator.comparing(RunSummary::runId));
    return summaries;
  }

  Optional<RunReport> find(String runId) {
    RunState state = stores.runs().get(runId);
    if (state == null) {
      return Optional.empty();
    }
    LatencySlice all = WholeRun.of(stores.totals(), stores.slices(), runId, Slo.ALL_ENDPOINTS);
    if (all == null) {
      all = LatencySlice.empty();
    }
    double seconds = all.spanMs() / 1000.0;
    List<RunReport.EndpointReport> endpoints = new ArrayList<>();
    try (KeyValueIterator<String, LatencySlice> it =
        stores.totals().prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, LatencySlice> total = it.next();
        String endpoint = StoreKeys.endpointOfTotal(runId, total.key);
        if (!Slo.ALL_ENDPOINTS.equals(endpoint)) {
          LatencySlice slice = WholeRun.of(total.value, stores.slices(), runId, endpoint);
          endpoints.add(new RunReport.EndpointReport(endpoint, slice.requests(), slice.errors(), slice.errorRate(),
              rps(slice.requests(), seconds), slice.latencyMsAt(50), slice.latencyMsAt(90), slice.latencyMsAt(95),
              slice.latencyMsAt(99), slice.maxLatencyMs(), slice.latencyMsAt(99.9), slice.meanLatencyMs(),
              percentiles(LatencyMetric.SERVICE_TIME, runId, endpoint),
              percentiles(LatencyMetric.TTFB, runId, endpoint)));
        }
      }
    }
    endpoints.sort(Comparator.comparing(RunReport.EndpointReport::endpoint));
    List<RunReport.BreachView> breaches = breaches(runId);
    return Optional.of(new RunReport(runId, all.requests(), all.errors(), all.errorRate(), rps(all.requests(), seconds),
        all.spanMs(), all.latencyMsAt(50), all.latencyMsAt(90), all.latencyMsAt(95), all.latencyMsAt(99),
        all.maxLatencyMs(), state.finalized(), endpoints, breaches, capacity(runId), all.latencyMsAt(99.9),
        all.meanLatencyMs(), all.late(), slos(runId, state, breaches),
        percentiles(LatencyMetric.SERVICE_TIME, runId, Slo.ALL_ENDPOINTS),
        percentiles(LatencyMetric.TTFB, runId, Slo.ALL_ENDPOINTS), measurements(runId, all, endpoints)));
  }

  /** The run's named measurements and check outcomes per endpoint, with the latency shares of its server timings. */
  private Measurements measurements(String runId, LatencySlice all, List<RunReport.EndpointReport> endpoints) {
    Map<String, List<Measurements.MeasurementView>> views = new TreeMap<>();
    Map<String, Measurements.Checks> checks = new HashMap<>();
    try (KeyValueIterator<String, LatencySlice> it =
        stores.measureTotals().prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, LatencySlice> total = it.next();
        String key = StoreKeys.endpointOfTotal(runId, total.key);
        MeasurementSeries series = MeasurementSeries.parse(key);
        if (series == null) {
          continue;
        }
        LatencySlice slice = WholeRun.of(total.value, stores.measureSlices(), runId, key);
        if (series.kind() == MeasurementKind.OTHER) {
          checks.put(series.endpoint(), Measurements.Checks.of(slice.requests() - slice.errors(), slice.errors()));
          views.computeIfAbsent(series.endpoint(), e -> new ArrayList<>());
        } else {
          views.computeIfAbsent(series.endpoint(), e -> new ArrayList<>()).add(new Measurements.MeasurementView(
              series.name(), series.duration() ? "ms" : "score", slice.requests(), series.valueAt(slice, 50),
              series.valueAt(slice, 95), series.valueAt(slice, 99)));
        }
      }
    }
    if (views.isEmpty()) {
      return Measurements.NONE;
    }
    Map<String, RunReport.EndpointReport> latency = new HashMap<>();
    endpoints.forEach(e -> latency.put(e.endpoint(), e));
    List<Measurements.EndpointMeasurements> result = new ArrayList<>();
    views.forEach((endpoint, list) -> {
      list.sort(Comparator.comparing(Measurements.MeasurementView::name));
      RunReport.EndpointReport report = latency.get(endpoint);
      double p50 = Slo.ALL_ENDPOINTS.equals(endpoint) ? all.latencyMsAt(50) : report == null ? 0 : report.p50Ms();
      double p95 = Slo.ALL_ENDPOINTS.equals(endpoint) ? all.latencyMsAt(95) : report == null ? 0 : report.p95Ms();
      result.add(new Measurements.EndpointMeasurements(endpoint, List.copyOf(list), checks.get(endpoint),
          Measurements.shares(list, p50, p95)));
    });
    return new Measurements(result, Measurements.likelyBottleneck(result));
  }

  /**
   * The run's whole-run distributions: overall and per endpoint, from the totals with their pending seconds (as the
   * report's percentiles), per-second counts from the per-second slices the topology keeps for the whole run.
   *
   * @return empty for an unknown run
   */
  Optional<RunHistograms> histograms(String runId) {
    RunState state = stores.runs().get(runId);
    if (state == null) {
      return Optional.empty();
    }
    LatencySlice all = WholeRun.of(stores.totals(), stores.slices(), runId, Slo.ALL_ENDPOINTS);
    RunHistograms.Series overall = series(runId, Slo.ALL_ENDPOINTS, all == null ? LatencySlice.empty() : all);
    List<RunHistograms.Series> endpoints = new ArrayList<>();
    try (KeyValueIterator<String, LatencySlice> it =
        stores.totals().prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, LatencySlice> total = it.next();
        String endpoint = StoreKeys.endpointOfTotal(runId, total.key);
        if (!Slo.ALL_ENDPOINTS.equals(endpoint)) {
          endpoints.add(series(runId, endpoint, WholeRun.of(total.value, stores.slices(), runId, endpoint)));
        }
      }
    }
    return Optional.of(RunHistograms.of(runId, state.finalized(), overall, endpoints));
  }

  private RunHistograms.Series series(String runId, String endpoint, LatencySlice whole) {
    SortedMap<Long, Long> requestsBySecond = new TreeMap<>();
    try (KeyValueIterator<String, LatencySlice> it = stores.slices().range(StoreKeys.slice(runId, endpoint, 0),
        StoreKeys.slice(runId, endpoint, LAST_KEY_SECOND))) {
      while (it.hasNext()) {
        KeyValue<String, LatencySlice> slice = it.next();
        requestsBySecond.merge(Long.parseLong(slice.key.substring(slice.key.length() - SECOND_DIGITS)),
            slice.value.requests(), Long::sum);
      }
    }
    return RunHistograms.Series.of(endpoint, whole, requestsBySecond);
  }

  private RunReport.@Nullable Percentiles percentiles(LatencyMetric metric, String runId, String endpoint) {
    return RunReport.Percentiles.of(WholeRun.of(stores.totals(metric), stores.slices(metric), runId, endpoint));
  }

  /**
   * One endpoint of a run over the given windows, merged from per-second slices (whole run: from its total).
   *
   * @return empty when the run or the endpoint has no samples
   */
  Optional<EndpointWindows> endpoint(String runId, String endpoint, List<RollingWindow> windows) {
    LatencySlice all = stores.totals().get(StoreKeys.total(runId, Slo.ALL_ENDPOINTS));
    LatencySlice total = WholeRun.of(stores.totals(), stores.slices(), runId, endpoint);
    if (all == null || total == null) {
      return Optional.empty();
    }
    long first = WindowSpan.secondOf(all.firstStartUs());
    long last = WindowSpan.secondOf(all.lastEndUs());
    Map<String, WindowStats> stats = new LinkedHashMap<>();
    for (RollingWindow window : windows) {
      if (window == RollingWindow.RUN) {
        stats.put(window.id(), WindowStats.of(total, all.spanMs() / 1000.0));
        continue;
      }
      WindowSpan span = WindowSpan.ending(last, window.seconds());
      LatencySlice merged = LatencySlice.accumulator();
      try (KeyValueIterator<String, LatencySlice> it = stores.slices().range(
          StoreKeys.slice(runId, endpoint, span.firstSecond()), StoreKeys.slice(runId, endpoint, span.lastSecond()))) {
        it.forEachRemaining(kv -> merged.merge(kv.value));
      }
      // A run younger than the window: the rate is over the seconds the run has actually lasted.
      long covered = Math.min(window.seconds(), last - first + 1);
      stats.put(window.id(), WindowStats.of(merged, covered));
    }
    return Optional.of(new EndpointWindows(runId, endpoint, last, stats));
  }

  List<RunReport.BreachView> breaches(String runId) {
    List<RunReport.BreachView> breaches = new ArrayList<>();
    try (KeyValueIterator<String, SloBreach> it =
        stores.breachLog().prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      while (it.hasNext()) {
        SloBreach breach = it.next().value;
        breaches.add(new RunReport.BreachView(breach.getSloId(), breach.getEndpoint(), breach.getState().name(),
            breach.getIndicator(), breach.getObserved(), breach.getObjective(), breach.getUnit(),
            breach.getWindowSeconds(), breach.getOpenedAtUs(),
            breach.getState() == BreachState.RESOLVED ? breach.getAtUs() : null, breach.getMetric()));
      }
    }
    return breaches;
  }

  /** The SLOs the run is held to over the whole run, each with its breach count (from {@code breaches}). */
  List<RunReport.SloView> slos(String runId, RunState state, List<RunReport.BreachView> breaches) {
    List<Slo> slos;
    synchronized (runSlos) {
      slos = runSlos.of(state.slos());
    }
    List<RunReport.SloView> views = new ArrayList<>();
    for (Slo slo : slos) {
      LatencySlice scope = slo.measure() != null
          ? WholeRun.of(stores.measureTotals(), stores.measureSlices(), runId,
              MeasurementSeries.key(slo.measure(), slo.endpoint()))
          : WholeRun.of(stores.totals(slo.metric()), stores.slices(slo.metric()), runId, slo.endpoint());
      Double observed = scope == null || scope.requests() == 0 ? null
          : SloEvaluator.evaluate(slo, scope, 1).observed();
      int count = (int) breaches.stream()
          .filter(b -> b.sloId().equals(slo.id()) && b.endpoint().equals(slo.endpoint())).count();
      Boolean held;
      if (observed == null) {
        held = count > 0 ? Boolean.FALSE : null;
      } else {
        held = Boolean.valueOf(count == 0 && observed <= slo.objective());
      }
      views.add(new RunReport.SloView(slo.id(), slo.endpoint(), slo.indicator().id(), slo.objective(),
          SloEvaluator.unit(slo), slo.windowSeconds(), slo.abortOnFail(), observed, count, held,
          slo.metricId()));
    }
    return views;
  }

  private RunReport.@Nullable CapacityView capacity(String runId) {
    CapacityEvent event = stores.capacity().get(runId);
    if (event == null) {
      return null;
    }
    return new RunReport.CapacityView(event.getRunId(), event.getTargetService(), event.getAtUs(),
        event.getSloHeld(), event.getMaxSustainedRps(), event.getConcurrencyAtSlo(), event.getBreakingRps(),
        event.getReplicas(), event.getCpuPerReplica(), event.getRpsPerReplica(), event.getP95AtCapacityMs(),
        event.getConfidence(), event.getKind().name(), event.getKneeReached(), event.getLowRps(),
        event.getHighRps(), event.getMethod(), event.getEvidence(), event.getUsl() == null ? null
            : new RunReport.UslView(event.getUsl().getSigma(), event.getUsl().getKappa(), event.getUsl().getLambda(),
                event.getUsl().getPeakConcurrency(), event.getUsl().getPeakRps(), event.getUsl().getRSquared(),
                event.getUsl().getPoints()));
  }

  private static double rps(long requests, double seconds) {
    return seconds > 0 ? requests / seconds : 0.0;
  }
}
