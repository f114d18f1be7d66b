package io.perfplane.analyzer.window;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.ShortCountsHistogram;
import org.jspecify.annotations.Nullable;

/**
 * Latency distribution and request/error counts of a set of requests: one endpoint (or all, {@code "*"}) over one
 * second, a rolling window or a whole run. Slices are merged, never averaged, so percentiles of a window are exact
 * within HdrHistogram precision (3 significant digits, i.e. within 0.1%).
 *
 * <p>Latencies are recorded in microseconds; the read accessors convert to milliseconds. Not thread-safe.
 */
public final class LatencySlice {

  /** Significant decimal digits HdrHistogram keeps: values are exact to within 0.1%. */
  public static final int SIGNIFICANT_DIGITS = 3;

  private static final byte FORMAT_V1 = 1;
  /** Version 2 appends the late-sample count to version 1's header. */
  private static final byte FORMAT_VERSION = 2;
  private static final int V1_HEADER_BYTES = 1 + 4 * Long.BYTES;
  private static final int HEADER_BYTES = V1_HEADER_BYTES + Long.BYTES;
  private static final double US_PER_MS = 1000.0;
  /** Values a {@link #delta} takes before it is folded: no bucket of a short-counts histogram can overflow. */
  private static final int MAX_DELTA_VALUES = Short.MAX_VALUE;

  private final Histogram histogram;
  /**
   * Values recorded since the last read or encode of a packed slice. Recording into a {@link PackedHistogram} costs
   * ~100 ns (a walk of its packed index), which was ~40% of the analyzer's stream-thread CPU; a plain array
   * increment costs ~10 ns. The delta is folded into the packed counts (one write per populated bucket) before
   * anything reads them, and at the latest on each commit's write-back (which encodes the slice), then dropped: it
   * exists only for slices updated since the last commit. Short counts keep it at 2 bytes per bucket.
   */
  private @Nullable ShortCountsHistogram delta;
  private int deltaValues;
  private long requests;
  private long errors;
  private long firstStartUs;
  private long lastEndUs;
  private long late;

  private LatencySlice(Histogram histogram, long requests, long errors, long firstStartUs, long lastEndUs) {
    this.histogram = histogram;
    this.histogram.setAutoResize(true);
    this.requests = requests;
    this.errors = errors;
    this.firstStartUs = firstStartUs;
    this.lastEndUs = lastEndUs;
  }

  /**
   * An empty slice to record into and keep. Its histogram is a {@link PackedHistogram}: memory proportional to the
   * populated buckets. A plain 3-digit {@link Histogram} holds a long per bucket of its whole range (~120 KB up to
   * 30 s) even for a second with a few hundred requests, which put an active series at ~240 KB of heap (see
   * SeriesMemoryBenchmark). Recording costs more (~4-7x a plain increment, still well under a microsecond).
   */
  public static LatencySlice empty() {
    return new LatencySlice(new PackedHistogram(SIGNIFICANT_DIGITS), 0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
  }

  /**
   * An empty slice to merge slices into and query once, then drop: a plain histogram, whose merges and percentile
   * queries are ~100x faster than a packed one's (they walk every bucket of the range).
   */
  public static LatencySlice accumulator() {
    return new LatencySlice(new Histogram(SIGNIFICANT_DIGITS), 0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
  }

  /** This slice if it is packed already, else a packed copy: for slices kept in memory (see {@link #empty()}). */
  public LatencySlice packed() {
    if (histogram instanceof PackedHistogram) {
      return this;
    }
    PackedHistogram counts = new PackedHistogram(histogram); // copies the range settings only, not the counts
    counts.add(histogram);
    LatencySlice packed = new LatencySlice(counts, requests, errors, firstStartUs, lastEndUs);
    packed.late = late;
    return packed;
  }

  /**
   * Records one request.
   *
   * @param latencyUs coordinated-omission corrected latency (µs); negative values are clamped to 0
   * @param error whether the request failed
   * @param startUs when the request was (intended to be) sent (µs epoch)
   * @param endUs when its last response byte arrived (µs epoch)
   */
  public void record(long latencyUs, boolean error, long startUs, long endUs) {
    if (histogram instanceof PackedHistogram) {
      if (delta == null) {
        delta = new ShortCountsHistogram(SIGNIFICANT_DIGITS);
        delta.setAutoResize(true);
      }
      delta.recordValue(Math.max(0, latencyUs));
      if (++deltaValues >= MAX_DELTA_VALUES) {
        fold();
      }
    } else {
      histogram.recordValue(Math.max(0, latencyUs));
    }
    requests++;
    if (error) {
      errors++;
    }
    firstStartUs = Math.min(firstStartUs, startUs);
    lastEndUs = Math.max(lastEndUs, endUs);
  }

  /**
   * Records a request that arrived after its second's windows were evaluated: counted like any other, and also as
   * late so reports can say how many samples the rolling windows missed.
   */
  public void recordLate(long latencyUs, boolean error, long startUs, long endUs) {
    record(latencyUs, error, startUs, endUs);
    late++;
  }

  /** Adds the values recorded since the last fold to the histogram: before anything reads the histogram. */
  private void fold() {
    if (delta != null) {
      histogram.add(delta);
      delta = null;
      deltaValues = 0;
    }
  }

  /** Adds every request of {@code other} to this slice. */
  public void merge(LatencySlice other) {
    other.fold();
    fold();
    histogram.add(other.histogram);
    late += other.late;
    requests += other.requests;
    errors += other.errors;
    firstStartUs = Math.min(firstStartUs, other.firstStartUs);
    lastEndUs = Math.max(lastEndUs, other.lastEndUs);
  }

  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  /** Requests recorded with {@link #recordLate}: after the windows of their second had been evaluated. */
  public long late() {
    return late;
  }

  /** Mean latency (ms); 0 without requests. */
  public double meanLatencyMs() {
    fold();
    return requests == 0 ? 0.0 : histogram.getMean() / US_PER_MS;
  }

  /** errors / requests in 0..1; 0 without requests. */
  public double errorRate() {
    return requests == 0 ? 0.0 : (double) errors / requests;
  }

  /** Latency (ms) at the given percentile (0..100); 0 without requests. */
  public double latencyMsAt(double percentile) {
    fold();
    return requests == 0 ? 0.0 : histogram.getValueAtPercentile(percentile) / US_PER_MS;
  }

  /** Highest recorded latency (ms, within histogram precision); 0 without requests. */
  public double maxLatencyMs() {
    fold();
    return requests == 0 ? 0.0 : histogram.getMaxValue() / US_PER_MS;
  }

  /** Earliest request start (µs epoch); {@link Long#MAX_VALUE} when empty. */
  public long firstStartUs() {
    return firstStartUs;
  }

  /** Latest request end (µs epoch); {@link Long#MIN_VALUE} when empty. */
  public long lastEndUs() {
    return lastEndUs;
  }

  /** Time from the first request start to the last request end (ms); 0 when empty. */
  public double spanMs() {
    return requests == 0 ? 0.0 : Math.max(0, lastEndUs - firstStartUs) / US_PER_MS;
  }

  /**
   * Compact binary form: a version byte, the four counters, then the histogram in HdrHistogram's compressed
   * encoding (readable by any HdrHistogram implementation).
   */
  public byte[] encode() {
    fold();
    byte[] compressed = HistogramCodec.encode(histogram);
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + compressed.length);
    out.put(FORMAT_VERSION).putLong(requests).putLong(errors).putLong(firstStartUs).putLong(lastEndUs)
        .putLong(late);
    out.put(compressed);
    return out.array();
  }

  /**
   * Reads what {@link #encode()} wrote, in this or the previous format version (changelogs outlive releases). The
   * result has a plain histogram, fast to merge and query; call {@link #packed()} before keeping it.
   */
  public static LatencySlice decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != FORMAT_VERSION && version != FORMAT_V1) {
      throw new IllegalArgumentException("unknown latency slice format version " + version);
    }
    long requests = in.getLong();
    long errors = in.getLong();
    long firstStartUs = in.getLong();
    long lastEndUs = in.getLong();
    long late = version == FORMAT_V1 ? 0 : in.getLong();
    try {
      Histogram histogram = HistogramCodec.decode(bytes, version == FORMAT_V1 ? V1_HEADER_BYTES : HEADER_BYTES);
      LatencySlice slice = new LatencySlice(histogram, requests, errors, firstStartUs, lastEndUs);
      slice.late = late;
      return slice;
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("corrupt latency histogram", e);
    }
  }
}
