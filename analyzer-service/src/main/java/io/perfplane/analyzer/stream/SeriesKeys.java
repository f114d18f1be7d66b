package io.perfplane.analyzer.stream;

import java.util.HashMap;
import java.util.Map;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.contracts.slo.Slo;
import org.jspecify.annotations.Nullable;

/**
 * Store keys of one (run, endpoint) series: the total key, and the slice key of the last second asked for. Built
 * once per series and second instead of once per sample (string building was a visible share of a sample's cost).
 * Also the total and slice last taken for update, reused while their store's {@link WriteBackStore#generation()}
 * says they are still its pending values (until the next commit): the store lookups were ~4% of the stream
 * threads' CPU.
 */
final class SeriesKeys {
  private final String runId;
  private final String endpoint;
  private final String total;
  private long second = Long.MIN_VALUE;
  private String slice = "";
  private @Nullable LatencySlice totalValue;
  private long totalGeneration;
  private @Nullable LatencySlice sliceValue;
  private long sliceSecond;
  private long sliceGeneration;

  SeriesKeys(String runId, String endpoint) {
    this.runId = runId;
    this.endpoint = endpoint;
    this.total = StoreKeys.total(runId, endpoint);
  }

  LatencySlice totalForUpdate(WriteBackStore<LatencySlice> totals) {
    LatencySlice value = totalValue;
    if (value == null || totalGeneration != totals.generation()) {
      value = totals.forUpdate(total, LatencySlice::emptyTotal);
      totalValue = value;
      totalGeneration = totals.generation();
    }
    return value;
  }

  LatencySlice sliceForUpdate(WriteBackStore<LatencySlice> slices, long epochSecond) {
    LatencySlice value = sliceValue;
    if (value == null || sliceSecond != epochSecond || sliceGeneration != slices.generation()) {
      value = slices.forUpdate(slice(epochSecond), LatencySlice::empty);
      sliceValue = value;
      sliceSecond = epochSecond;
      sliceGeneration = slices.generation();
    }
    return value;
  }

  String slice(long epochSecond) {
    if (epochSecond != second) {
      slice = StoreKeys.slice(runId, endpoint, epochSecond);
      second = epochSecond;
    }
    return slice;
  }

  private void record(LatencySlice total, WriteBackStore<LatencySlice> slices, long second, boolean late,
      long valueUs, boolean error, long startUs, long endUs) {
    if (late) {
      total.recordLate(valueUs, error, startUs, endUs);
    } else {
      total.count(error, startUs, endUs);
      sliceForUpdate(slices, second).record(valueUs, error, startUs, endUs);
    }
  }

  /** The keys of recently seen series, by run and endpoint; bounded by dropping a whole map (keys are cheap). */
  static final class Cache {
    private final int maxEntries;
    private final Map<String, Map<String, SeriesKeys>> byRun = new HashMap<>();

    Cache(int maxEntries) {
      this.maxEntries = maxEntries;
    }

    SeriesKeys of(String runId, String endpoint) {
      return ofSeries(runId, "", endpoint);
    }

    /**
     * The keys of the series {@code prefix + endpoint} of {@code runId}, looked up by endpoint: one cache per
     * prefix, so a measurement's series costs no key building per sample.
     */
    SeriesKeys ofSeries(String runId, String prefix, String endpoint) {
      Map<String, SeriesKeys> ofRun = byRun.get(runId);
      if (ofRun == null) {
        if (byRun.size() >= maxEntries) {
          byRun.clear();
        }
        ofRun = new HashMap<>();
        byRun.put(runId, ofRun);
      }
      SeriesKeys keys = ofRun.get(endpoint);
      if (keys == null) {
        if (ofRun.size() >= maxEntries) {
          ofRun.clear();
        }
        keys = new SeriesKeys(runId, prefix.isEmpty() ? endpoint : prefix + endpoint);
        ofRun.put(endpoint, keys);
      }
      return keys;
    }

    /** Records one value into the single series {@code prefix + endpoint} (no {@code *} of its own), as {@link #record}. */
    void recordSeries(WriteBackStore<LatencySlice> slices, WriteBackStore<LatencySlice> totals, String runId,
        String prefix, String endpoint, long second, boolean late, long value, boolean error, long startUs,
        long endUs) {
      SeriesKeys series = ofSeries(runId, prefix, endpoint);
      series.record(series.totalForUpdate(totals), slices, second, late, value, error, startUs, endUs);
    }

    void clear() {
      byRun.clear();
    }

    /**
     * Records one value of a metric for all endpoints ({@code *}) and for its endpoint: a live value into its
     * second's slice (the total counts it now and takes its value when the second is settled), a late one into the
     * totals.
     *
     * @return the run's {@code *} total of this metric
     */
    LatencySlice record(WriteBackStore<LatencySlice> slices, WriteBackStore<LatencySlice> totals, String runId,
        String endpoint, long second, boolean late, long valueUs, boolean error, long startUs, long endUs) {
      SeriesKeys allKeys = of(runId, Slo.ALL_ENDPOINTS);
      LatencySlice all = allKeys.totalForUpdate(totals);
      allKeys.record(all, slices, second, late, valueUs, error, startUs, endUs);
      if (!Slo.ALL_ENDPOINTS.equals(endpoint)) {
        SeriesKeys endpointKeys = of(runId, endpoint);
        endpointKeys.record(endpointKeys.totalForUpdate(totals), slices, second, late, valueUs, error, startUs,
            endUs);
      }
      return all;
    }
  }
}
