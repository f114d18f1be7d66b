package io.perfplane.analyzer.runs;

import java.util.Objects;

import io.perfplane.analyzer.stream.AnalyzerTopology;
import io.perfplane.analyzer.stream.RunState;
import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Interactive queries against this instance's stores. With several instances a run lives on one of them:
 * {@link RunRoutingFilter} forwards per-run requests to the owner before they reach these stores.
 */
@Component
class StreamsRunStores implements RunStores {

  private final StreamsBuilderFactoryBean streams;

  StreamsRunStores(StreamsBuilderFactoryBean streams) {
    this.streams = streams;
  }

  @Override
  public ReadOnlyKeyValueStore<String, RunState> runs() {
    return store(AnalyzerTopology.RUNS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> totals() {
    return store(AnalyzerTopology.TOTALS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> slices() {
    return store(AnalyzerTopology.SLICES_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> totals(LatencyMetric metric) {
    return store(AnalyzerTopology.totalsStore(metric));
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> slices(LatencyMetric metric) {
    return store(AnalyzerTopology.slicesStore(metric));
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> measureTotals() {
    return store(AnalyzerTopology.MEASURE_TOTALS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, LatencySlice> measureSlices() {
    return store(AnalyzerTopology.MEASURE_SLICES_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, ErrorCounts> errors() {
    return store(AnalyzerTopology.ERRORS_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, SloBreach> breachLog() {
    return store(AnalyzerTopology.BREACH_LOG_STORE);
  }

  @Override
  public ReadOnlyKeyValueStore<String, CapacityEvent> capacity() {
    return store(AnalyzerTopology.CAPACITY_STORE);
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    KafkaStreams kafkaStreams = streams.getKafkaStreams();
    if (kafkaStreams == null) {
      throw new InvalidStateStoreException("Kafka Streams is not started");
    }
    return Objects.requireNonNull(kafkaStreams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())));
  }
}
