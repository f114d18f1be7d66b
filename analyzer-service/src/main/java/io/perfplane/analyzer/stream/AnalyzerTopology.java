package io.perfplane.analyzer.stream;

import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.contracts.slo.LatencyMetric;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized.StoreType;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The analyzer's Processor API topology. {@code request-samples} and {@code run-events} are co-partitioned by run id
 * and feed one processor, so everything about a run (its slices, lifecycle and breaches) lives in the same task.
 *
 * <pre>
 * request-samples ─┐                                ┌─► slo-breaches[.json]     (key runId|sloId|endpoint)
 *                  ├─► run-analysis [state stores] ─┼─► capacity-events[.json]  (key runId)
 * run-events ──────┘                                └─► abort-requests          (abortOnFail SLOs, key runId)
 * </pre>
 */
public final class AnalyzerTopology {

  /** Per-second slices, key {@code runId|endpoint|second}; endpoint {@code *} aggregates all endpoints. */
  public static final String SLICES_STORE = "run-slices";
  /** Failed requests per second by cause, key {@code runId|*|second} (as a slice key): the report's error chart. */
  public static final String ERRORS_STORE = "run-errors";
  /** Whole-run slices, key {@code runId|endpoint}; endpoint {@code *} aggregates all endpoints. */
  public static final String TOTALS_STORE = "run-totals";
  /** Per-second slices of the raw service time (from the actual start), keys as {@link #SLICES_STORE}. */
  public static final String SERVICE_SLICES_STORE = "run-service-slices";
  /** Whole-run slices of the raw service time, keys as {@link #TOTALS_STORE}. */
  public static final String SERVICE_TOTALS_STORE = "run-service-totals";
  /** Per-second slices of the time to first byte (requests that reported one), keys as {@link #SLICES_STORE}. */
  public static final String TTFB_SLICES_STORE = "run-ttfb-slices";
  /** Whole-run slices of the time to first byte, keys as {@link #TOTALS_STORE}. */
  public static final String TTFB_TOTALS_STORE = "run-ttfb-totals";
  /** {@link RunState} per run id. */
  /**
   * Per-second slices of the named measurements and check outcomes, keys as {@link #SLICES_STORE} with the series
   * ({@link MeasurementSeries#key}) in the place of the endpoint.
   */
  public static final String MEASURE_SLICES_STORE = "run-measure-slices";
  /** Whole-run slices of the named measurements and check outcomes, keys as {@link #TOTALS_STORE} likewise. */
  public static final String MEASURE_TOTALS_STORE = "run-measure-totals";
  public static final String RUNS_STORE = "runs";
  /** Run ids not yet finalized (value unused): what the punctuator walks. */
  public static final String ACTIVE_RUNS_STORE = "active-runs";
  /** The currently open breach per breach key: at most one. */
  public static final String OPEN_BREACHES_STORE = "open-breaches";
  /** Latest state of every breach episode, key {@code runId|breachId}. */
  public static final String BREACH_LOG_STORE = "breach-log";
  /** Per breach key, the event time a failing (closed) or holding (open) streak began: the breach hysteresis. */
  public static final String BREACH_STREAKS_STORE = "breach-streaks";
  /** Published capacity per run id. */
  public static final String CAPACITY_STORE = "capacity";

  static final String PROCESSOR = "run-analysis";
  /** Decoded slices a task keeps after writing them back: the current second and totals of its active series. */
  private static final int HOT_SLICES = 256;
  static final String BREACHES_SINK = "slo-breaches-sink";
  static final String CAPACITY_SINK = "capacity-events-sink";
  static final String BREACHES_JSON_SINK = "slo-breaches-json-sink";
  static final String CAPACITY_JSON_SINK = "capacity-events-json-sink";
  static final String ABORT_REQUESTS_SINK = "abort-requests-sink";

  private AnalyzerTopology() {
  }

  /**
   * A new topology with the analyzer's nodes.
   *
   * @param storeType {@code ROCKS_DB} in production; {@code IN_MEMORY} (still changelogged) keeps
   *     TopologyTestDriver tests fast, as the driver flushes every store after every record
   */
  public static Topology build(AnalysisSettings settings, AnalyzerMetrics metrics, StoreType storeType) {
    Topology topology = new Topology();
    addTo(topology, settings, metrics, storeType);
    return topology;
  }

  /** Adds the analyzer's sources, processor, stores (persistent) and sinks to {@code topology}. */
  public static void addTo(Topology topology, AnalysisSettings settings, AnalyzerMetrics metrics) {
    addTo(topology, settings, metrics, StoreType.ROCKS_DB);
  }

  private static void addTo(Topology topology, AnalysisSettings settings, AnalyzerMetrics metrics,
      StoreType storeType) {
    // Samples are decoded to just the aggregated fields (SampleDecoder); run events to their Avro class.
    topology.addSource("request-samples-source", new SampleDecoder.Keys(), new SampleDecoder(),
        Topics.REQUEST_SAMPLES.name());
    topology.addSource("run-events-source", Topics.RUN_EVENTS.keySerde().deserializer(),
        Topics.RUN_EVENTS.valueSerde().deserializer(), Topics.RUN_EVENTS.name());
    topology.addProcessor(PROCESSOR, () -> new RunAnalysisProcessor(settings, metrics),
        "request-samples-source", "run-events-source");
    Serde<LatencySlice> sliceSerde = sliceSerde();
    // Slices change on every sample: kept in memory and serialized once per commit (see WriteBackStore). A slice
    // kept for updates holds its counts compressed plus a delta of what was recorded since (see LatencySlice).
    for (LatencyMetric metric : LatencyMetric.values()) {
      topology.addStateStore(WriteBackStore.builder(store(slicesStore(metric), storeType, sliceSerde), HOT_SLICES),
          PROCESSOR);
      topology.addStateStore(WriteBackStore.builder(store(totalsStore(metric), storeType, sliceSerde), HOT_SLICES),
          PROCESSOR);
    }
    topology.addStateStore(WriteBackStore.builder(store(MEASURE_SLICES_STORE, storeType, sliceSerde), HOT_SLICES),
        PROCESSOR);
    topology.addStateStore(WriteBackStore.builder(store(MEASURE_TOTALS_STORE, storeType, sliceSerde), HOT_SLICES),
        PROCESSOR);
    topology.addStateStore(WriteBackStore.builder(store(ERRORS_STORE, storeType, Serdes.serdeFrom(
        (topic, counts) -> counts == null ? null : counts.encode(),
        (topic, bytes) -> bytes == null ? null : ErrorCounts.decode(bytes))), HOT_SLICES), PROCESSOR);
    topology.addStateStore(store(RUNS_STORE, storeType, runStateSerde()).withCachingEnabled(), PROCESSOR);
    topology.addStateStore(store(ACTIVE_RUNS_STORE, storeType, Serdes.String()), PROCESSOR);
    topology.addStateStore(store(OPEN_BREACHES_STORE, storeType, Topics.SLO_BREACHES.valueSerde()), PROCESSOR);
    topology.addStateStore(store(BREACH_LOG_STORE, storeType, Topics.SLO_BREACHES.valueSerde()), PROCESSOR);
    topology.addStateStore(store(BREACH_STREAKS_STORE, storeType, Serdes.Long()), PROCESSOR);
    topology.addStateStore(store(CAPACITY_STORE, storeType, Topics.CAPACITY_EVENTS.valueSerde()), PROCESSOR);
    topology.addSink(BREACHES_SINK, Topics.SLO_BREACHES.name(), Topics.SLO_BREACHES.keySerde().serializer(),
        Topics.SLO_BREACHES.valueSerde().serializer(), PROCESSOR);
    // A command, so not on run-events (facts only; ADR 6): every loadgen instance reads abort-requests.
    topology.addSink(ABORT_REQUESTS_SINK, Topics.ABORT_REQUESTS.name(), Topics.ABORT_REQUESTS.keySerde().serializer(),
        Topics.ABORT_REQUESTS.valueSerde().serializer(), PROCESSOR);
    topology.addSink(CAPACITY_SINK, Topics.CAPACITY_EVENTS.name(), Topics.CAPACITY_EVENTS.keySerde().serializer(),
        Topics.CAPACITY_EVENTS.valueSerde().serializer(), PROCESSOR);
    topology.addSink(BREACHES_JSON_SINK, Topics.SLO_BREACHES_JSON.name(), Topics.SLO_BREACHES_JSON.keySerde()
        .serializer(), Topics.SLO_BREACHES_JSON.valueSerde().serializer(), PROCESSOR);
    topology.addSink(CAPACITY_JSON_SINK, Topics.CAPACITY_EVENTS_JSON.name(), Topics.CAPACITY_EVENTS_JSON.keySerde()
        .serializer(), Topics.CAPACITY_EVENTS_JSON.valueSerde().serializer(), PROCESSOR);
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, StoreType storeType,
      Serde<V> valueSerde) {
    // Changelogged either way: the state survives restarts and moves with its task.
    return Stores.keyValueStoreBuilder(storeType == StoreType.IN_MEMORY
        ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
  }

  /** The per-second slices store of {@code metric}. */
  public static String slicesStore(LatencyMetric metric) {
    return switch (metric) {
      case LATENCY -> SLICES_STORE;
      case SERVICE_TIME -> SERVICE_SLICES_STORE;
      case TTFB -> TTFB_SLICES_STORE;
    };
  }

  /** The whole-run totals store of {@code metric}. */
  public static String totalsStore(LatencyMetric metric) {
    return switch (metric) {
      case LATENCY -> TOTALS_STORE;
      case SERVICE_TIME -> SERVICE_TOTALS_STORE;
      case TTFB -> TTFB_TOTALS_STORE;
    };
  }

  static Serde<LatencySlice> sliceSerde() {
    return Serdes.serdeFrom((topic, slice) -> slice == null ? null : slice.encode(),
        (topic, bytes) -> bytes == null ? null : LatencySlice.decode(bytes));
  }

  static Serde<RunState> runStateSerde() {
    return Serdes.serdeFrom((topic, state) -> state == null ? null : state.encode(),
        (topic, bytes) -> bytes == null ? null : RunState.decode(bytes));
  }
}
