package io.perfplane.analyzer.report;

import java.util.ArrayList;
import java.util.List;

import io.perfplane.analyzer.window.ErrorCounts;
import io.perfplane.analyzer.window.LatencySlice;

/**
 * One endpoint's (or all endpoints') history over a run in equal time buckets, merged from the per-second slices
 * the topology keeps (never by averaging percentiles). Bounded: a run of any length has at most {@link #MAX_BUCKETS}
 * buckets, the bucket growing with the run (1 s up to 5 min, 10 s up to 50 min, ...).
 *
 * @param firstSecond epoch second the first bucket starts at (the run's first second, shared by every timeline of a
 *     report so charts line up)
 * @param bucketSeconds bucket length (s)
 * @param buckets consecutive buckets from {@code firstSecond}; a bucket without requests has zero counts
 */
public record Timeline(long firstSecond, int bucketSeconds, List<Bucket> buckets) {

  /** At most this many buckets per timeline: enough resolution for a 1160 px wide chart. */
  static final int MAX_BUCKETS = 300;
  private static final int CAUSES = ErrorCounts.Cause.values().length;
  private static final int[] BUCKET_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
      21_600, 43_200, 86_400};

  public Timeline {
    buckets = List.copyOf(buckets);
  }

  /**
   * Statistics of one bucket. Latencies in ms (0 without requests), throughput over the seconds the bucket covers.
   *
   * @param offsetSeconds bucket start, seconds after the timeline's first second
   * @param seconds seconds the bucket covers (the last one may be shorter than the bucket length)
   * @param errorsByCause failed requests by {@link ErrorCounts.Cause} ordinal; all zero where causes are not
   *     tracked (per-endpoint timelines, samples counted as late)
   */
  public record Bucket(long offsetSeconds, int seconds, long requests, long errors, double p50Ms, double p95Ms,
      double p99Ms, double maxMs, long[] errorsByCause) {

    /** A bucket without error causes. */
    Bucket(long offsetSeconds, int seconds, long requests, long errors, double p50Ms, double p95Ms, double p99Ms,
        double maxMs) {
      this(offsetSeconds, seconds, requests, errors, p50Ms, p95Ms, p99Ms, maxMs, new long[CAUSES]);
    }

    /** Errors of {@code cause} per second. */
    double errorsPerSecond(ErrorCounts.Cause cause) {
      return seconds > 0 ? (double) errorsByCause[cause.ordinal()] / seconds : 0.0;
    }

    /** Errors whose cause is not tracked, per second. */
    double unclassifiedErrorsPerSecond() {
      long classified = 0;
      for (long count : errorsByCause) {
        classified += count;
      }
      return seconds > 0 ? (double) Math.max(0, errors - classified) / seconds : 0.0;
    }

    double rps() {
      return seconds > 0 ? (double) requests / seconds : 0.0;
    }

    double errorsPerSecond() {
      return seconds > 0 ? (double) errors / seconds : 0.0;
    }
  }

  /** Length of the timeline (s): bucket count times bucket length. */
  long spanSeconds() {
    return (long) buckets.size() * bucketSeconds;
  }

  /** The smallest bucket length from a fixed ladder (1, 2, 5, 10, 15, 30 s, 1 min, ...) fitting the run. */
  static int bucketSecondsFor(long runSeconds) {
    for (int candidate : BUCKET_SECONDS) {
      if ((runSeconds + candidate - 1) / candidate <= MAX_BUCKETS) {
        return candidate;
      }
    }
    return Math.toIntExact((runSeconds + MAX_BUCKETS - 1) / MAX_BUCKETS);
  }

  /** Collects per-second slices, in ascending second order, into buckets. */
  public static final class Builder {

    private final long firstSecond;
    private final long lastSecond;
    private final int bucketSeconds;
    private final List<Bucket> buckets = new ArrayList<>();
    private final long[][] errorsByCause;
    private LatencySlice current = LatencySlice.accumulator();
    private long currentIndex;

    /** A builder for the seconds [firstSecond, lastSecond] (epoch seconds, inclusive). */
    public Builder(long firstSecond, long lastSecond) {
      this.firstSecond = firstSecond;
      this.lastSecond = Math.max(firstSecond, lastSecond);
      this.bucketSeconds = bucketSecondsFor(this.lastSecond - firstSecond + 1);
      this.errorsByCause = new long[Math.toIntExact((this.lastSecond - firstSecond) / bucketSeconds + 1)][CAUSES];
    }

    /** Adds the error causes of {@code epochSecond}, in any order; seconds outside the range are ignored. */
    public Builder addErrors(long epochSecond, ErrorCounts counts) {
      if (epochSecond >= firstSecond && epochSecond <= lastSecond) {
        long[] bucket = errorsByCause[(int) ((epochSecond - firstSecond) / bucketSeconds)];
        for (ErrorCounts.Cause cause : ErrorCounts.Cause.values()) {
          bucket[cause.ordinal()] += counts.count(cause);
        }
      }
      return this;
    }

    /** Adds the slice of {@code epochSecond}; seconds must not decrease, seconds outside the range are ignored. */
    public Builder add(long epochSecond, LatencySlice slice) {
      if (epochSecond < firstSecond || epochSecond > lastSecond) {
        return this;
      }
      long index = (epochSecond - firstSecond) / bucketSeconds;
      if (index < currentIndex) {
        throw new IllegalArgumentException("slices must come in ascending second order");
      }
      while (currentIndex < index) {
        close();
      }
      current.merge(slice);
      return this;
    }

    public Timeline build() {
      long count = (lastSecond - firstSecond) / bucketSeconds + 1;
      while (currentIndex < count) {
        close();
      }
      return new Timeline(firstSecond, bucketSeconds, buckets);
    }

    private void close() {
      long offset = currentIndex * bucketSeconds;
      int seconds = (int) Math.min(bucketSeconds, lastSecond - firstSecond + 1 - offset);
      LatencySlice slice = current;
      buckets.add(new Bucket(offset, seconds, slice.requests(), slice.errors(), slice.latencyMsAt(50),
          slice.latencyMsAt(95), slice.latencyMsAt(99), slice.maxLatencyMs(), errorsByCause[(int) currentIndex]));
      current = LatencySlice.accumulator();
      currentIndex++;
    }
  }
}
