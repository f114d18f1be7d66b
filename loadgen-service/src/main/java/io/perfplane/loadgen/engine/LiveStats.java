package io.perfplane.loadgen.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.perfplane.loadgen.plan.ThresholdEvaluator.Measurement;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * A run's live latency and error statistics, for progress reporting and local threshold evaluation. Virtual users
 * {@link #record} wait-free into per-endpoint HdrHistogram {@link Recorder}s; the run's controller thread
 * {@link #tick}s once per control interval, folding the intervals into cumulative histograms and a rolling window.
 * Two significant digits (1 % value precision) keep each histogram small; the analyzer downstream computes the
 * authoritative figures from the samples.
 */
final class LiveStats {

  /** Latencies above this are recorded as this (µs): ten minutes. */
  static final long HIGHEST_US = 600_000_000L;
  private static final int DIGITS = 2;

  private static final class Endpoint {
    final Recorder recorder = new Recorder(HIGHEST_US, DIGITS);
    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
    final Histogram cumulative = new Histogram(HIGHEST_US, DIGITS);
    long cumulativeRequests;
    long cumulativeErrors;
    @Nullable Histogram interval;
  }

  /** One controller tick of all endpoints together. */
  private record Slice(long atNanos, Histogram histogram, long requests, long errors) {
  }

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Histogram all = new Histogram(HIGHEST_US, DIGITS);
  private long allRequests;
  private long allErrors;
  private final Deque<Slice> window = new ArrayDeque<>();
  private final long windowNanos;
  private volatile Measurement allMeasurement = Measurement.NONE;
  private volatile Rolling rolling = new Rolling(0, 0, 0);
  private final Map<String, Measurement> endpointMeasurements = new ConcurrentHashMap<>();

  /**
   * Figures over the rolling window.
   *
   * @param requestsPerSecond completed requests per second
   * @param p95Us 95th percentile latency (µs)
   * @param errorRate fraction of requests that failed
   */
  record Rolling(double requestsPerSecond, double p95Us, double errorRate) {
  }

  LiveStats(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** Records one request; safe from any thread, never blocks. */
  void record(String endpoint, long latencyUs, boolean error) {
    Endpoint e = endpoints.get(endpoint);
    if (e == null) {
      e = endpoints.computeIfAbsent(endpoint, k -> new Endpoint());
    }
    e.recorder.recordValue(Math.max(0, Math.min(latencyUs, HIGHEST_US)));
    e.requests.increment();
    if (error) {
      e.errors.increment();
    }
  }

  /** Folds what was recorded since the last tick in; call from one thread only. */
  void tick(long nowNanos) {
    Histogram slice = new Histogram(HIGHEST_US, DIGITS);
    long sliceRequests = 0;
    long sliceErrors = 0;
    for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
      Endpoint e = entry.getValue();
      e.interval = e.recorder.getIntervalHistogram(e.interval);
      // Adders may run slightly ahead of the histogram (a record in progress): harmless for live figures.
      long requests = e.requests.sum();
      long errors = e.errors.sum();
      sliceRequests += requests - e.cumulativeRequests;
      sliceErrors += errors - e.cumulativeErrors;
      e.cumulativeRequests = requests;
      e.cumulativeErrors = errors;
      e.cumulative.add(e.interval);
      slice.add(e.interval);
      endpointMeasurements.put(entry.getKey(), measurement(e.cumulative, requests, errors));
    }
    all.add(slice);
    allRequests += sliceRequests;
    allErrors += sliceErrors;
    allMeasurement = measurement(all, allRequests, allErrors);
    window.addLast(new Slice(nowNanos, slice, sliceRequests, sliceErrors));
    while (window.size() > 1 && nowNanos - window.peekFirst().atNanos() > windowNanos) {
      window.removeFirst();
    }
    Histogram combined = new Histogram(HIGHEST_US, DIGITS);
    long requests = 0;
    long errors = 0;
    for (Slice s : window) {
      combined.add(s.histogram());
      requests += s.requests();
      errors += s.errors();
    }
    long spanNanos = window.size() < 2 ? 0 : nowNanos - window.peekFirst().atNanos();
    // The first slice covers the time before its own timestamp; counting from it would overstate the rate.
    long counted = requests - (window.size() < 2 ? 0 : window.peekFirst().requests());
    rolling = new Rolling(spanNanos <= 0 ? 0 : counted * 1e9 / spanNanos,
        requests == 0 ? 0 : combined.getValueAtPercentile(95), requests == 0 ? 0 : (double) errors / requests);
  }

  private static Measurement measurement(Histogram h, long requests, long errors) {
    Histogram copy = h.copy();
    return new Measurement(requests, errors, copy.getMean(), copy.getMaxValue(), copy::getValueAtPercentile);
  }

  /** Cumulative figures of {@code endpoint}, or of all samples for null, as of the last tick. */
  Measurement measurement(@Nullable String endpoint) {
    if (endpoint == null) {
      return allMeasurement;
    }
    return endpointMeasurements.getOrDefault(endpoint, Measurement.NONE);
  }

  /** Cumulative figures of every endpoint seen so far, by endpoint label in natural order, as of the last tick. */
  SortedMap<String, Measurement> endpointMeasurements() {
    return new TreeMap<>(endpointMeasurements);
  }

  Rolling rolling() {
    return rolling;
  }
}
