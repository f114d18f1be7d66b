package io.perfplane.analyzer.runs;

import io.perfplane.analyzer.stream.AnalyzerTopology;
import io.perfplane.analyzer.stream.RunState;
import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@link RunStores} over a TopologyTestDriver running the real topology. */
record DriverRunStores(TopologyTestDriver driver) implements RunStores {

  @Override
  public ReadOnlyKeyValueStore<String, RunState> runs() {
    return driver.getKeyValueStore(AnalyzerTopology.RUNS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> totals() {
    return driver.getKeyValueStore(AnalyzerTopology.TOTALS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> slices() {
    return driver.getKeyValueStore(AnalyzerTopology.SLICES_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> totals(LatencyMetric metric) {
    return driver.getKeyValueStore(AnalyzerTopology.totalsStore(metric));
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> slices(LatencyMetric metric) {
    return driver.getKeyValueStore(AnalyzerTopology.slicesStore(metric));
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> measureTotals() {
    return driver.getKeyValueStore(AnalyzerTopology.MEASURE_TOTALS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> measureSlices() {
    return driver.getKeyValueStore(AnalyzerTopology.MEASURE_SLICES_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, ErrorCounts> errors() {
    return driver.getKeyValueStore(AnalyzerTopology.ERRORS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, SloBreach> breachLog() {
    return driver.getKeyValueStore(AnalyzerTopology.BREACH_LOG_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, CapacityEvent> capacity() {
    return driver.getKeyValueStore(AnalyzerTopology.CAPACITY_STORE);
  }
}
