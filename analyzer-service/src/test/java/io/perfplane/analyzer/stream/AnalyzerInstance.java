package io.perfplane.analyzer.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.CapacityEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized.StoreType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One analyzer instance of the real topology (RocksDB stores, exactly_once_v2) in this JVM, for the scale-out and
 * restart tests; {@link AnalyzerProcess} runs the same in a separate JVM that can be killed with SIGKILL.
 */
final class AnalyzerInstance implements AutoCloseable {

  final KafkaStreams streams;
  final AtomicLong consumed = new AtomicLong();
  final ReplaceFailedThread threadReplacer = new ReplaceFailedThread();

  AnalyzerInstance(String bootstrap, String applicationId, Path stateDir) {
    AtomicLong counter = consumed;
    AnalyzerMetrics metrics = new AnalyzerMetrics() {
      @Override
      public void sampleConsumed() {
        counter.incrementAndGet();
      }
    };
    streams = new KafkaStreams(AnalyzerTopology.build(settings(), metrics, StoreType.ROCKS_DB),
        properties(bootstrap, applicationId, stateDir));
    streams.setUncaughtExceptionHandler(threadReplacer); // as the service does
    streams.start();
  }

  /** Runs finalize when every published sample arrived (the grace is far longer than any test). */
  static AnalysisSettings settings() {
    return new AnalysisSettings(List.of(
        new Slo("p95", Slo.ALL_ENDPOINTS, Indicator.LATENCY_P95, 500, Duration.ofSeconds(10), 20),
        new Slo("errors", Slo.ALL_ENDPOINTS, Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10), 20)),
        Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(1));
  }

  static Properties properties(String bootstrap, String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L); // as in application.yml
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // The broker's minimum: a killed instance's partitions move to the survivor after ~6 s.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
    return props;
  }

  /** Whole-run slices of the runs whose partitions this instance owns, key {@code runId|endpoint}. */
  Map<String, LatencySlice> totals() {
    return local(AnalyzerTopology.TOTALS_STORE);
  }

  /** Capacity events of the finalized runs whose partitions this instance owns. */
  Map<String, CapacityEvent> capacity() {
    return local(AnalyzerTopology.CAPACITY_STORE);
  }

  private <V> Map<String, V> local(String storeName) {
    ReadOnlyKeyValueStore<String, V> store = streams.store(
        StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()));
    Map<String, V> values = new HashMap<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(kv -> values.put(kv.key, kv.value));
    }
    return values;
  }

  /** State, samples consumed and replaced threads, for a failure message. */
  String describe() {
    return streams.state() + ", " + consumed.get() + " samples consumed, " + threadReplacer.replaced()
        + " stream threads replaced";
  }

  boolean running() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
