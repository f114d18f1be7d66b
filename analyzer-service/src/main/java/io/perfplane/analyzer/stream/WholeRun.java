package io.perfplane.analyzer.stream;

import java.util.ArrayList;
import java.util.List;

import io.perfplane.analyzer.window.LatencySlice;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Whole-run figures of a series for readers of the stores (REST, reports). A run total's histogram lags its counts by
 * the seconds not yet settled (see {@link LatencySlice}); their per-second slices are added here, so a live run's
 * whole-run percentiles include its newest samples.
 */
public final class WholeRun {

  private WholeRun() {
  }

  /** The whole run of {@code endpoint} ({@code *}: all), or {@code null} when it has no total. */
  public static @Nullable LatencySlice of(ReadOnlyKeyValueStore<String, LatencySlice> totals,
      ReadOnlyKeyValueStore<String, LatencySlice> slices, String runId, String endpoint) {
    LatencySlice total = totals.get(StoreKeys.total(runId, endpoint));
    return total == null ? null : of(total, slices, runId, endpoint);
  }

  /**
   * {@code total} (of {@code runId}'s {@code endpoint}) with its pending seconds added, as a new slice: {@code total}
   * is left as it is (the analyzer keeps its totals compressed).
   */
  public static LatencySlice of(LatencySlice total, ReadOnlyKeyValueStore<String, LatencySlice> slices,
      String runId, String endpoint) {
    long from = total.pendingFromSecond();
    long through = total.pendingThroughSecond();
    List<LatencySlice> pending = new ArrayList<>();
    if (from <= through) {
      try (KeyValueIterator<String, LatencySlice> it = slices.range(StoreKeys.slice(runId, endpoint, from),
          StoreKeys.slice(runId, endpoint, through))) {
        it.forEachRemaining(kv -> pending.add(kv.value));
      }
    }
    return total.withPending(pending);
  }
}
