package io.perfplane.analyzer.runs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.analyzer.report.Measurements;
import io.perfplane.analyzer.report.ReportModel;
import io.perfplane.analyzer.report.RunReport;
import io.perfplane.analyzer.report.Timeline;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.stream.RunState;
import io.perfplane.analyzer.stream.StoreKeys;
import io.perfplane.analyzer.stream.WholeRun;
import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.analyzer.window.WindowStats;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Reads one run's {@link ReportModel} from the stores: the {@code GET /runs/{id}} figures plus time series merged from
 * the per-second slices the topology already keeps (no extra state), SLO statuses and breach episodes.
 */
class ReportModels {

  /** Widest epoch second a slice key can hold (12 zero-padded digits): the upper bound of a whole-run key range. */
  private static final long LAST_KEY_SECOND = 999_999_999_999L;
  private static final int SECOND_DIGITS = 12;

  private final RunStores stores;
  private final RunReports reports;
  private final Clock clock;

  ReportModels(RunStores stores, RunReports reports, Clock clock) {
    this.stores = stores;
    this.reports = reports;
    this.clock = clock;
  }

  /** The run's report model; empty for an unknown run. */
  Optional<ReportModel> find(String runId) {
    RunState state = stores.runs().get(runId);
    if (state == null) {
      return Optional.empty();
    }
    LatencySlice all = WholeRun.of(stores.totals(), stores.slices(), runId, Slo.ALL_ENDPOINTS);
    if (all == null) {
      all = LatencySlice.empty();
    }
    boolean hasSamples = all.requests() > 0;
    long first = hasSamples ? WindowSpan.secondOf(all.firstStartUs()) : 0;
    long last = hasSamples ? WindowSpan.secondOf(all.lastEndUs()) : 0;
    double runSeconds = all.spanMs() / 1000.0;

    List<ReportModel.EndpointSection> endpoints = new ArrayList<>();
    try (KeyValueIterator<String, LatencySlice> it =
        stores.totals().prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, LatencySlice> total = it.next();
        String endpoint = StoreKeys.endpointOfTotal(runId, total.key);
        if (!Slo.ALL_ENDPOINTS.equals(endpoint)) {
          endpoints.add(new ReportModel.EndpointSection(endpoint,
              WindowStats.of(WholeRun.of(total.value, stores.slices(), runId, endpoint), runSeconds), null));
        }
      }
    }
    endpoints.sort(Comparator.comparing(ReportModel.EndpointSection::endpoint));
    for (int i = 0; i < Math.min(endpoints.size(), ReportModel.MAX_ENDPOINT_CHARTS); i++) {
      ReportModel.EndpointSection section = endpoints.get(i);
      endpoints.set(i, new ReportModel.EndpointSection(section.endpoint(), section.stats(),
          timeline(runId, section.endpoint(), first, last)));
    }

    List<ReportModel.BreachRow> breaches = breaches(runId);
    Optional<RunReport> report = reports.find(runId);
    return Optional.of(new ReportModel(runId, state.targetService(), status(state),
        hasSamples ? all.firstStartUs() : null, hasSamples ? all.lastEndUs() : null,
        WindowStats.of(all, runSeconds), overall(runId, first, last), endpoints,
        sloStatuses(runId, state), breaches, report.map(RunReport::capacity).orElse(null),
        clock.instant(), raw(runId, endpoints, first, last, hasSamples),
        report.map(RunReport::measurements).orElse(Measurements.NONE)));
  }

  private ReportModel.RawLatency raw(String runId, List<ReportModel.EndpointSection> endpoints, long first,
      long last, boolean hasSamples) {
    Map<String, RunReport.Percentiles> service = new HashMap<>();
    Map<String, RunReport.Percentiles> ttfb = new HashMap<>();
    List<String> names = new ArrayList<>(endpoints.stream().map(ReportModel.EndpointSection::endpoint).toList());
    names.add(Slo.ALL_ENDPOINTS);
    for (String endpoint : names) {
      RunReport.Percentiles s = RunReport.Percentiles.of(WholeRun.of(stores.totals(LatencyMetric.SERVICE_TIME),
          stores.slices(LatencyMetric.SERVICE_TIME), runId, endpoint));
      if (s != null) {
        service.put(endpoint, s);
      }
      RunReport.Percentiles t = RunReport.Percentiles.of(WholeRun.of(stores.totals(LatencyMetric.TTFB),
          stores.slices(LatencyMetric.TTFB), runId, endpoint));
      if (t != null) {
        ttfb.put(endpoint, t);
      }
    }
    Timeline serviceOverall = hasSamples && !service.isEmpty()
        ? slices(new Timeline.Builder(first, last), LatencyMetric.SERVICE_TIME, runId, Slo.ALL_ENDPOINTS) : null;
    return new ReportModel.RawLatency(serviceOverall, service, ttfb);
  }

  private static String status(RunState state) {
    if (state.aborted()) {
      return "aborted";
    }
    if (state.finalized()) {
      return "finished";
    }
    return state.finished() ? "finishing" : "running";
  }

  /** All endpoints' per-second slices and error causes of [first, last], bucketed. */
  private Timeline overall(String runId, long first, long last) {
    Timeline.Builder builder = new Timeline.Builder(first, last);
    try (KeyValueIterator<String, ErrorCounts> it = stores.errors().range(
        StoreKeys.slice(runId, Slo.ALL_ENDPOINTS, 0), StoreKeys.slice(runId, Slo.ALL_ENDPOINTS, LAST_KEY_SECOND))) {
      while (it.hasNext()) {
        KeyValue<String, ErrorCounts> errors = it.next();
        builder.addErrors(second(errors.key), errors.value);
      }
    }
    return slices(builder, LatencyMetric.LATENCY, runId, Slo.ALL_ENDPOINTS);
  }

  /** The endpoint's per-second slices of [first, last], bucketed. */
  private Timeline timeline(String runId, String endpoint, long first, long last) {
    return slices(new Timeline.Builder(first, last), LatencyMetric.LATENCY, runId, endpoint);
  }

  private Timeline slices(Timeline.Builder builder, LatencyMetric metric, String runId, String endpoint) {
    try (KeyValueIterator<String, LatencySlice> it = stores.slices(metric).range(StoreKeys.slice(runId, endpoint, 0),
        StoreKeys.slice(runId, endpoint, LAST_KEY_SECOND))) {
      while (it.hasNext()) {
        KeyValue<String, LatencySlice> slice = it.next();
        builder.add(second(slice.key), slice.value);
      }
    }
    return builder.build();
  }

  /** The epoch second at the end of a slice key. */
  private static long second(String sliceKey) {
    return Long.parseLong(sliceKey.substring(sliceKey.length() - SECOND_DIGITS));
  }

  private List<ReportModel.BreachRow> breaches(String runId) {
    List<ReportModel.BreachRow> rows = new ArrayList<>();
    try (KeyValueIterator<String, SloBreach> it =
        stores.breachLog().prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      while (it.hasNext()) {
        SloBreach breach = it.next().value;
        rows.add(new ReportModel.BreachRow(breach.getSloId(), breach.getEndpoint(), breach.getIndicator(),
            breach.getObserved(), breach.getObjective(), breach.getUnit(), breach.getWindowSeconds(),
            breach.getOpenedAtUs(), breach.getState() == BreachState.RESOLVED ? breach.getAtUs() : null,
            breach.getBurnRate()));
      }
    }
    rows.sort(Comparator.comparingLong(ReportModel.BreachRow::openedAtUs)
        .thenComparing(ReportModel.BreachRow::sloId));
    return rows;
  }

  /** Each SLO the run is held to over the whole run (every request counts: no minimum) with its breach count. */
  private List<ReportModel.SloStatus> sloStatuses(String runId, RunState state) {
    List<ReportModel.SloStatus> statuses = new ArrayList<>();
    for (RunReport.SloView slo : reports.slos(runId, state, reports.breaches(runId))) {
      statuses.add(new ReportModel.SloStatus(slo.id(), slo.endpoint(), slo.indicator(), slo.objective(), slo.unit(),
          slo.windowSeconds(), slo.observed(), slo.breaches()));
    }
    return statuses;
  }
}
