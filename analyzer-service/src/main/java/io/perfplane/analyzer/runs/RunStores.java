package io.perfplane.analyzer.runs;

import io.perfplane.analyzer.stream.RunState;
import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Read-only views of the topology's stores the reports are built from. */
interface RunStores {

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#RUNS_STORE}. */
  ReadOnlyKeyValueStore<String, RunState> runs();

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#TOTALS_STORE}. */
  ReadOnlyKeyValueStore<String, LatencySlice> totals();

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#SLICES_STORE}: per-second slices. */
  ReadOnlyKeyValueStore<String, LatencySlice> slices();

  /** The whole-run totals of a latency metric ({@link io.perfplane.analyzer.stream.AnalyzerTopology#totalsStore}). */
  ReadOnlyKeyValueStore<String, LatencySlice> totals(LatencyMetric metric);

  /** The per-second slices of a latency metric ({@link io.perfplane.analyzer.stream.AnalyzerTopology#slicesStore}). */
  ReadOnlyKeyValueStore<String, LatencySlice> slices(LatencyMetric metric);

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#MEASURE_TOTALS_STORE}: named measurements, checks. */
  ReadOnlyKeyValueStore<String, LatencySlice> measureTotals();

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#MEASURE_SLICES_STORE}: their per-second slices. */
  ReadOnlyKeyValueStore<String, LatencySlice> measureSlices();

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#ERRORS_STORE}: failed requests per second by cause. */
  ReadOnlyKeyValueStore<String, ErrorCounts> errors();

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#BREACH_LOG_STORE}. */
  ReadOnlyKeyValueStore<String, SloBreach> breachLog();

  /** {@link io.perfplane.analyzer.stream.AnalyzerTopology#CAPACITY_STORE}. */
  ReadOnlyKeyValueStore<String, CapacityEvent> capacity();
}
