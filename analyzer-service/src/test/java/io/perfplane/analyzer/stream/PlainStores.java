package io.perfplane.analyzer.stream;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowSpan;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * In-memory stores of the analyzer's kinds, outside a topology, for plain tests of the classes the processor
 * delegates to; and samples recorded the way the processor records them (latency from the intended start).
 */
final class PlainStores {

  /** Second 0 of the tests' runs (an epoch second). */
  static final long T0_SECOND = 1_799_827_200L;

  final WriteBackStore<LatencySlice> slices = writeBack("slices");
  final WriteBackStore<LatencySlice> totals = writeBack("totals");

  static WriteBackStore<LatencySlice> writeBack(String name) {
    WriteBackStore<LatencySlice> store = WriteBackStore.builder(Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(name), Serdes.String(), AnalyzerTopology.sliceSerde()).withLoggingDisabled(), 64)
        .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  static <V> KeyValueStore<String, V> keyValue(String name, Serde<V> serde) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
        Serdes.String(), serde).withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  /**
   * {@code perSecond} requests of {@code latencyMs} ending in second {@code second} (counted from {@link #T0_SECOND})
   * for the endpoint and for {@code *}, as live (not late) samples.
   */
  void record(String runId, String endpoint, int second, int perSecond, double latencyMs, boolean error) {
    long latencyUs = (long) (latencyMs * 1000);
    long epochSecond = T0_SECOND + second;
    for (int i = 0; i < perSecond; i++) {
      long endUs = WindowSpan.ending(epochSecond, 1).startUs() + (i * 1_000_000L / perSecond);
      long startUs = endUs - latencyUs;
      for (String series : endpoint.equals("*") ? new String[] {"*"} : new String[] {"*", endpoint}) {
        totals.forUpdate(StoreKeys.total(runId, series), LatencySlice::emptyTotal).count(error, startUs, endUs);
        slices.forUpdate(StoreKeys.slice(runId, series, epochSecond), LatencySlice::empty)
            .record(latencyUs, error, startUs, endUs);
      }
    }
  }
}
