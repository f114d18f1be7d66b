package io.perfplane.analyzer.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.contracts.slo.BurnRatePolicy;
import io.perfplane.contracts.slo.Slo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;

/**
 * Reads a task's per-second slices as windows, and settles them into the run totals.
 *
 * <p>An evaluation <em>pass</em> (one punctuation, early check or finalization) merges each window once, however
 * many SLOs and live metrics read it; {@link #endPass()} drops what the pass merged. Complete seconds never change
 * (a later sample for one is late and goes to the totals only), so merges of a window's complete seconds and the
 * request/error counts of evaluated seconds are cached across passes, bounded by dropping the least recently used.
 */
final class RunWindows {

  /** Per-second (requests, errors) of evaluated seconds kept for burn-rate windows (6 h scaled = 360 s each). */
  private static final int CACHED_SECOND_COUNTS = 65_536;
  /** Cached window parts (a few KB each): two or three per (run, latency SLO scope, window length) are in use. */
  private static final int CACHED_COMPLETE_PARTS = 1024;
  private static final int SLICE_SECOND_DIGITS = StoreKeys.SECOND_DIGITS;

  private final WriteBackStore<LatencySlice> slices;
  private final WriteBackStore<LatencySlice> totals;
  private final Map<String, long[]> secondCounts = lru(CACHED_SECOND_COUNTS);
  /**
   * Windows ending with {@link #passSecond} merged during the current pass, by run, endpoint and span. Nothing
   * records samples during a pass; it holds one second's windows at a time so that a long catch-up does not keep
   * every window it evaluated.
   */
  private final Map<String, LatencySlice> passWindows = new HashMap<>();
  private long passSecond = Long.MIN_VALUE;
  /** Endpoints of each run listed during the current pass: settling and the live windows both walk them. */
  private final Map<String, List<String>> passEndpoints = new HashMap<>();
  /** Merges of windows' complete seconds, compressed, by run, endpoint and span (see {@link #window}). */
  private final Map<String, LatencySlice> completeParts = lru(CACHED_COMPLETE_PARTS);

  RunWindows(WriteBackStore<LatencySlice> slices, WriteBackStore<LatencySlice> totals) {
    this.slices = slices;
    this.totals = totals;
  }

  /** Serializes the changed slices and totals into their stores (once per commit). */
  void writeBack() {
    slices.writeBack();
    totals.writeBack();
  }

  /** Records into the series {@code prefix + endpoint} of {@code runId} through {@code keys} (see {@link Measures}). */
  void recordSeries(SeriesKeys.Cache keys, String runId, String prefix, String endpoint, long second, boolean late,
      long value, boolean error, long startUs, long endUs) {
    keys.recordSeries(slices, totals, runId, prefix, endpoint, second, late, value, error, startUs, endUs);
  }

  /** Drops every cache: a re-initialized task may have restored different state. */
  void clear() {
    endPass();
    secondCounts.clear();
    completeParts.clear();
  }

  /**
   * Adds the per-second slices of every series of the run up to {@code throughSecond} to the series' totals: from
   * now on samples for those seconds are late and go to the totals directly. Evaluation and settling advance
   * together (same task, same transaction), so each sample's latency is in exactly one of its total or its slice.
   */
  void settle(String runId, long throughSecond) {
    for (String endpoint : endpoints(runId)) {
      String key = StoreKeys.total(runId, endpoint);
      LatencySlice total = totals.peek(key);
      if (total == null || total.pendingFromSecond() > throughSecond) {
        continue;
      }
      List<LatencySlice> seconds = new ArrayList<>();
      for (long second = total.pendingFromSecond(); second <= throughSecond; second++) {
        String sliceKey = StoreKeys.slice(runId, endpoint, second);
        LatencySlice slice = slices.peek(sliceKey);
        if (slice != null) {
          seconds.add(slice);
          slices.release(sliceKey); // never updated again: queries read it from the store
        }
      }
      totals.forUpdate(key, LatencySlice::emptyTotal).settle(throughSecond, seconds);
    }
  }

  /**
   * The endpoints of the run that have a total (not {@code *}'s, which comes first), {@code *} included; listed once
   * per pass (no sample, so no new total, arrives during one).
   */
  List<String> endpoints(String runId) {
    return passEndpoints.computeIfAbsent(runId, this::listEndpoints);
  }

  private List<String> listEndpoints(String runId) {
    totals.writeBack(); // the scan reads the inner store; unchanged totals re-encode as a header
    List<String> endpoints = new ArrayList<>();
    try (KeyValueIterator<String, LatencySlice> it =
        totals.prefixScan(StoreKeys.runPrefix(runId), new StringSerializer())) {
      it.forEachRemaining(kv -> endpoints.add(StoreKeys.endpointOfTotal(runId, kv.key)));
    }
    return endpoints;
  }

  /**
   * The whole run of one series as a plain copy: its total with any not yet settled seconds added (none once the run
   * is evaluated to its end). Reading it leaves the kept total compact.
   */
  @Nullable LatencySlice wholeRun(String runId, String endpoint) {
    LatencySlice total = total(runId, endpoint);
    if (total == null) {
      return null;
    }
    slices.writeBack(); // WholeRun range-scans the inner store
    return WholeRun.of(total, slices, runId, endpoint);
  }

  long firstSliceSecond(String runId) {
    String prefix = StoreKeys.total(runId, Slo.ALL_ENDPOINTS) + "|";
    slices.writeBack();
    try (KeyValueIterator<String, LatencySlice> it =
        slices.prefixScan(prefix, new StringSerializer())) {
      if (!it.hasNext()) {
        return Long.MAX_VALUE;
      }
      String key = it.next().key;
      return Long.parseLong(key.substring(key.length() - SLICE_SECOND_DIGITS));
    }
  }

  /**
   * Requests and errors of {@code endpoint} in {@code span}. Burn-rate windows span minutes of seconds and are
   * re-read every second, so the counts of evaluated seconds are cached: those slices never change again (a later
   * sample for them is late and goes to the totals only). Newer seconds are read through (often still in memory).
   */
  BurnRatePolicy.Counts counts(String runId, String endpoint, WindowSpan span, long completeThrough) {
    long requests = 0;
    long errors = 0;
    for (long second = span.firstSecond(); second <= span.lastSecond(); second++) {
      String key = StoreKeys.slice(runId, endpoint, second);
      long[] counts = secondCounts.get(key);
      if (counts == null) {
        LatencySlice slice = slices.peek(key);
        counts = slice == null ? new long[2] : new long[] {slice.requests(), slice.errors()};
        if (second <= completeThrough) {
          secondCounts.put(key, counts);
        }
      }
      requests += counts[0];
      errors += counts[1];
    }
    return new BurnRatePolicy.Counts(requests, errors);
  }

  /**
   * All requests of {@code endpoint} in {@code span}, merged from its per-second slices read through the write-back
   * cache (nothing is written back for a scan). Merged once per evaluation pass; read only, as the result may be
   * shared within the pass.
   *
   * <p>The complete seconds of a window come from one cached merge where there is one ({@link #completeParts}): the
   * early check merges the windows ending with the newest, still filling seconds every 200 ms, and their complete
   * part stays the same until evaluation moves on; and when it does, a window that just became complete is the cached
   * part of the check before it plus its newest second.
   *
   * @param completeThrough seconds up to this one are complete: their slices never change again
   */
  LatencySlice window(String runId, String endpoint, WindowSpan span, long completeThrough) {
    String key = passKey(runId, endpoint, span);
    LatencySlice window = passWindow(key, span);
    if (window != null) {
      return window;
    }
    window = LatencySlice.accumulator();
    long first = span.firstSecond();
    long last = span.lastSecond();
    long next = first;
    long partEnd = last > completeThrough ? completeThrough : last - 1;
    if (partEnd > first) {
      String partKey = runId + '|' + endpoint + '|' + first + '|' + partEnd;
      LatencySlice part = completeParts.get(partKey);
      if (part == null && last > completeThrough) {
        part = LatencySlice.accumulator();
        addSeconds(part, runId, endpoint, first, partEnd);
        part.compact(); // kept compressed: a few KB instead of a plain histogram's ~100 KB
        completeParts.put(partKey, part);
      }
      if (part != null) {
        window.merge(part);
        next = partEnd + 1;
      }
    }
    addSeconds(window, runId, endpoint, next, last);
    passWindows.put(key, window);
    return window;
  }

  private void addSeconds(LatencySlice target, String runId, String endpoint, long firstSecond, long lastSecond) {
    for (long second = firstSecond; second <= lastSecond; second++) {
      LatencySlice slice = slices.peek(StoreKeys.slice(runId, endpoint, second));
      if (slice != null) {
        target.merge(slice);
      }
    }
  }

  private @Nullable LatencySlice passWindow(String key, WindowSpan span) {
    if (span.lastSecond() != passSecond) {
      passWindows.clear();
      passSecond = span.lastSecond();
    }
    return passWindows.get(key);
  }

  void endPass() {
    passWindows.clear();
    passEndpoints.clear();
    passSecond = Long.MIN_VALUE;
  }

  private static String passKey(String runId, String endpoint, WindowSpan span) {
    return runId + '|' + endpoint + '|' + span.firstSecond() + '|' + span.lastSecond();
  }

  LatencySlice mergedFromStore(String runId, String endpoint, WindowSpan span) {
    LatencySlice merged = LatencySlice.accumulator();
    slices.writeBack(); // the scan reads the inner store
    try (KeyValueIterator<String, LatencySlice> it = slices.range(
        StoreKeys.slice(runId, endpoint, span.firstSecond()), StoreKeys.slice(runId, endpoint, span.lastSecond()))) {
      while (it.hasNext()) {
        merged.merge(it.next().value);
      }
    }
    return merged;
  }

  @Nullable LatencySlice total(String runId, String endpoint) {
    return totals.peek(StoreKeys.total(runId, endpoint));
  }

  static <V> Map<String, V> lru(int maxEntries) {
    return new LinkedHashMap<>(maxEntries, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > maxEntries;
      }
    };
  }
}
