package io.perfplane.analyzer.runs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import io.perfplane.analyzer.window.LatencySlice;
import org.jspecify.annotations.Nullable;

/**
 * A run's whole-run latency distributions, {@code GET /runs/{runId}/histograms} (schema 1, docs/analyzer-service.md):
 * what a comparison of two runs, or of a run with a baseline, needs beyond the report's percentiles. Built from plain
 * slices by {@link #of}; reading the stores is {@link RunReports#histograms}'s job.
 *
 * @param schema the document's schema version, {@value #SCHEMA}; fields are only ever added within it
 * @param runId the run
 * @param finished whether the run is finalized (every sample in, capacity published): its figures are final
 * @param unit the histograms' value unit, {@value #UNIT} (microseconds)
 * @param significantDigits HdrHistogram's significant value digits (values exact to within 0.1%)
 * @param encoding how {@link Series#latency()} is written, {@value #ENCODING}
 * @param overall all endpoints together (endpoint {@code *})
 * @param endpoints each endpoint, sorted by label
 */
public record RunHistograms(int schema, String runId, boolean finished, String unit, int significantDigits,
    String encoding, Series overall, List<Series> endpoints) {

  public static final int SCHEMA = 1;
  public static final String UNIT = "us";
  public static final String ENCODING = "hdrhistogram-compressed-base64";

  public RunHistograms {
    endpoints = List.copyOf(endpoints);
  }

  /** The document of a run; {@code endpoints} in any order (sorted here). */
  static RunHistograms of(String runId, boolean finished, Series overall, List<Series> endpoints) {
    List<Series> sorted = new ArrayList<>(endpoints);
    sorted.sort(Comparator.comparing(Series::endpoint));
    return new RunHistograms(SCHEMA, runId, finished, UNIT, LatencySlice.SIGNIFICANT_DIGITS, ENCODING, overall,
        sorted);
  }

  /**
   * One series' whole-run distribution.
   *
   * @param endpoint the endpoint label, {@code *} for all endpoints
   * @param requests exact request count
   * @param errors exact failed-request count
   * @param startUs the first request's (intended) start, µs epoch; null without requests
   * @param endUs the last request's end, µs epoch; null without requests
   * @param latency the coordinated-omission corrected latency histogram (µs) the report's {@code latencyMs}
   *     percentiles come from, HdrHistogram's compressed encoding in standard base64
   * @param perSecond requests per second of request end, or null when the analyzer cannot account for every request
   *     of the series second by second (see {@link PerSecond})
   */
  public record Series(String endpoint, long requests, long errors, @Nullable Long startUs, @Nullable Long endUs,
      String latency, @Nullable PerSecond perSecond) {

    /**
     * The series of {@code whole} (a whole-run slice, pending seconds included).
     *
     * @param requestsBySecond the requests of each per-second slice the analyzer keeps for the series, by epoch
     *     second of request end; used only when they add up to {@code whole}'s request count (late samples, which
     *     arrive after their second was evaluated, are in the total only: a series with any gets no per-second
     *     counts)
     */
    static Series of(String endpoint, LatencySlice whole, SortedMap<Long, Long> requestsBySecond) {
      boolean sampled = whole.requests() > 0;
      long counted = requestsBySecond.values().stream().mapToLong(Long::longValue).sum();
      return new Series(endpoint, whole.requests(), whole.errors(), sampled ? whole.firstStartUs() : null,
          sampled ? whole.lastEndUs() : null, Base64.getEncoder().encodeToString(whole.histogramEncoding()),
          sampled && counted == whole.requests() ? PerSecond.of(requestsBySecond) : null);
    }
  }

  /**
   * Requests per whole second of request end: {@code requests.get(i)} ended in epoch second {@code startSecond + i}.
   * Seconds without requests between the first and the last count 0.
   *
   * @param startSecond the epoch second (s) the earliest-ending request ended in
   * @param requests requests per second, one entry per second through the last request's
   */
  public record PerSecond(long startSecond, List<Long> requests) {

    public PerSecond {
      requests = List.copyOf(requests);
    }

    /** The counts of {@code requestsBySecond} (not empty) with the seconds between them filled with 0. */
    static PerSecond of(SortedMap<Long, Long> requestsBySecond) {
      long first = requestsBySecond.firstKey();
      long last = requestsBySecond.lastKey();
      List<Long> counts = new ArrayList<>((int) (last - first + 1));
      for (long second = first; second <= last; second++) {
        counts.add(0L);
      }
      for (Map.Entry<Long, Long> second : requestsBySecond.entrySet()) {
        counts.set((int) (second.getKey() - first), second.getValue());
      }
      return new PerSecond(first, counts);
    }
  }
}
