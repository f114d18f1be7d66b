package io.perfplane.analyzer.window;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.ShortCountsHistogram;
import org.jspecify.annotations.Nullable;

/**
 * Latency distribution and request/error counts of a set of requests: one endpoint (or all, {@code "*"}) over one
 * second, a rolling window or a whole run. Slices are merged, never averaged, so percentiles of a window are exact
 * within HdrHistogram precision (3 significant digits, i.e. within 0.1%).
 *
 * <p>A <b>run total</b> ({@link #emptyTotal()}) counts every request of its series ({@link #count}) but holds in its
 * histogram only the requests of <em>settled</em> seconds ({@link #settle}: seconds whose windows were evaluated,
 * added from their per-second slices once) and late requests ({@link #recordLate}). The whole run's distribution is
 * the total plus the per-second slices after {@link #settledThroughSecond()} ({@link #withPending}). Why: a total
 * whose histogram changed on every request had to be folded and re-encoded at every commit (5 times a second per
 * series), which was the analyzer's largest cost; a settled total changes once per second of event time.
 *
 * <p>Memory: a slice kept for updates holds its counts compressed (a few KB) plus, while it is being recorded into, a
 * short-counts delta (2 bytes per bucket of the range recorded so far); reading percentiles decodes a plain histogram.
 * Latencies are recorded in microseconds; the read accessors convert to milliseconds. Not thread-safe.
 */
public final class LatencySlice {

  /** Significant decimal digits HdrHistogram keeps: values are exact to within 0.1%. */
  public static final int SIGNIFICANT_DIGITS = 3;

  private static final byte FORMAT_V1 = 1;
  /** Version 2 appends the late-sample count to version 1's header. */
  private static final byte FORMAT_V2 = 2;
  /** Version 3 appends the settled-through second (run totals) to version 2's header. */
  private static final byte FORMAT_VERSION = 3;
  private static final int V1_HEADER_BYTES = 1 + 4 * Long.BYTES;
  private static final int V2_HEADER_BYTES = V1_HEADER_BYTES + Long.BYTES;
  private static final int HEADER_BYTES = V2_HEADER_BYTES + Long.BYTES;
  private static final double US_PER_MS = 1000.0;
  /** Values a {@link #delta} takes before it is folded: no bucket of a short-counts histogram can overflow. */
  private static final int MAX_DELTA_VALUES = Short.MAX_VALUE;
  /** {@link #settledThroughSecond} of anything but a run total: its histogram holds every request counted. */
  private static final long EVERYTHING = Long.MAX_VALUE;
  /** {@link #settledThroughSecond} of a run total nothing was settled into yet. */
  private static final long NOTHING = Long.MIN_VALUE;

  /*
   * The distribution is base + delta, the base held either decoded (plain, fast to query and merge: accumulators and
   * slices read for a query) or compressed (slices kept in memory for updates). Recording into a kept slice costs a
   * short-array increment (~10 ns); the compressed base is only rewritten when a delta is folded into it.
   */
  private @Nullable Histogram base;
  private byte @Nullable [] baseBytes;
  private @Nullable ShortCountsHistogram delta;
  private int deltaValues;
  /** Compressed encoding of base + delta as of the last {@link #encode()}; dropped by any histogram change. */
  private byte @Nullable [] encoded;
  private long requests;
  private long errors;
  private long firstStartUs = Long.MAX_VALUE;
  private long lastEndUs = Long.MIN_VALUE;
  private long late;
  private long settledThroughSecond;

  private LatencySlice(@Nullable Histogram base, long settledThroughSecond) {
    this.base = base;
    if (base != null) {
      base.setAutoResize(true);
    }
    this.settledThroughSecond = settledThroughSecond;
  }

  /** An empty slice to record into and keep (e.g. one second of a series): compact until read. */
  public static LatencySlice empty() {
    return new LatencySlice(null, EVERYTHING);
  }

  /**
   * An empty run total: {@link #count} every request, {@link #settle} seconds into the histogram as they are
   * evaluated, {@link #recordLate} requests that arrive after their second was evaluated.
   */
  public static LatencySlice emptyTotal() {
    return new LatencySlice(null, NOTHING);
  }

  /**
   * An empty slice to merge slices into and query once, then drop: a plain histogram, fast to merge and query
   * (~100 KB for a range up to 30 s).
   */
  public static LatencySlice accumulator() {
    return new LatencySlice(new Histogram(SIGNIFICANT_DIGITS), EVERYTHING);
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
    long value = Math.max(0, latencyUs);
    if (base != null) {
      base.recordValue(value);
    } else {
      if (delta == null) {
        delta = new ShortCountsHistogram(SIGNIFICANT_DIGITS);
        delta.setAutoResize(true);
      }
      delta.recordValue(value);
      if (++deltaValues >= MAX_DELTA_VALUES) {
        foldDelta();
      }
    }
    encoded = null;
    count(error, startUs, endUs);
  }

  /**
   * Counts one request without recording its latency: a run total's requests of not yet settled seconds, whose
   * latencies are in their per-second slices until {@link #settle}. Parameters as in {@link #record}.
   */
  public void count(boolean error, long startUs, long endUs) {
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

  /**
   * Adds the latencies of per-second slices to this run total's histogram (their requests were {@link #count}ed
   * already) and marks every second up to {@code throughSecond} settled.
   */
  public void settle(long throughSecond, Iterable<LatencySlice> seconds) {
    Histogram merged = null;
    for (LatencySlice second : seconds) {
      if (merged == null) {
        merged = decodedCopy();
      }
      second.addTo(merged);
    }
    if (merged != null) {
      // Kept compressed: a total lives as long as its run, and is changed once per settled second.
      setCompressedBase(merged);
    }
    settledThroughSecond = Math.max(settledThroughSecond, throughSecond);
  }

  /**
   * The second (epoch) up to which this run total's histogram holds its series' latencies; {@link Long#MAX_VALUE} for
   * anything but a run total (its histogram holds everything counted).
   */
  public long settledThroughSecond() {
    return settledThroughSecond;
  }

  /** The first second whose per-second slice is not in this total's histogram yet (see {@link #withPending}). */
  public long pendingFromSecond() {
    if (settledThroughSecond == EVERYTHING) {
      return EVERYTHING;
    }
    return settledThroughSecond == NOTHING ? WindowSpan.secondOf(firstStartUs) : settledThroughSecond + 1;
  }

  /** The last second that can have a pending per-second slice: the one of the newest request's end. */
  public long pendingThroughSecond() {
    return requests == 0 || settledThroughSecond == EVERYTHING ? NOTHING : WindowSpan.secondOf(lastEndUs);
  }

  /**
   * The whole distribution of a run total: this total (counts of every request) with the latencies of its not yet
   * settled per-second slices added. Neither this nor the slices change.
   *
   * @param pendingSeconds the series' per-second slices from {@link #pendingFromSecond()} on
   */
  public LatencySlice withPending(Iterable<LatencySlice> pendingSeconds) {
    LatencySlice whole = new LatencySlice(decodedCopy(), EVERYTHING);
    for (LatencySlice second : pendingSeconds) {
      second.addTo(whole.base);
    }
    whole.requests = requests;
    whole.errors = errors;
    whole.firstStartUs = firstStartUs;
    whole.lastEndUs = lastEndUs;
    whole.late = late;
    return whole;
  }

  /** Adds every request of {@code other} to this slice. */
  public void merge(LatencySlice other) {
    other.addTo(decoded());
    encoded = null;
    late += other.late;
    requests += other.requests;
    errors += other.errors;
    firstStartUs = Math.min(firstStartUs, other.firstStartUs);
    lastEndUs = Math.max(lastEndUs, other.lastEndUs);
  }

  /**
   * Drops the decoded histogram a read left behind, keeping the counts compressed: for slices that stay in memory
   * after being read.
   */
  public void compact() {
    if (base != null) {
      setCompressedBase(base);
    }
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
    return requests == 0 ? 0.0 : decoded().getMean() / US_PER_MS;
  }

  /** errors / requests in 0..1; 0 without requests. */
  public double errorRate() {
    return requests == 0 ? 0.0 : (double) errors / requests;
  }

  /** Latency (ms) at the given percentile (0..100); 0 without requests. */
  public double latencyMsAt(double percentile) {
    return requests == 0 ? 0.0 : decoded().getValueAtPercentile(percentile) / US_PER_MS;
  }

  /** Highest recorded latency (ms, within histogram precision); 0 without requests. */
  public double maxLatencyMs() {
    return requests == 0 ? 0.0 : decoded().getMaxValue() / US_PER_MS;
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

  /** The histogram alone (µs) in HdrHistogram's compressed encoding, which any HdrHistogram decoder reads. */
  public byte[] histogramEncoding() {
    return encodedHistogram().clone();
  }

  /**
   * Compact binary form: a version byte, the five counters, the settled-through second, then the histogram in
   * HdrHistogram's compressed encoding (readable by any HdrHistogram implementation). Encoding an unchanged
   * histogram again reuses its bytes, so a run total that only counted requests since costs a header.
   */
  public byte[] encode() {
    byte[] histogram = encodedHistogram();
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + histogram.length);
    out.put(FORMAT_VERSION).putLong(requests).putLong(errors).putLong(firstStartUs).putLong(lastEndUs)
        .putLong(late).putLong(settledThroughSecond);
    out.put(histogram);
    return out.array();
  }

  /**
   * Reads what {@link #encode()} wrote, in this or an earlier format version (changelogs outlive releases). The
   * histogram stays compressed until it is read. Totals written before version 3 held every request in their
   * histogram: they read as settled through their newest request's second.
   */
  public static LatencySlice decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != FORMAT_VERSION && version != FORMAT_V2 && version != FORMAT_V1) {
      throw new IllegalArgumentException("unknown latency slice format version " + version);
    }
    LatencySlice slice = new LatencySlice(null, EVERYTHING);
    slice.requests = in.getLong();
    slice.errors = in.getLong();
    slice.firstStartUs = in.getLong();
    slice.lastEndUs = in.getLong();
    slice.late = version == FORMAT_V1 ? 0 : in.getLong();
    int header = switch (version) {
      case FORMAT_V1 -> V1_HEADER_BYTES;
      case FORMAT_V2 -> V2_HEADER_BYTES;
      default -> HEADER_BYTES;
    };
    if (version == FORMAT_VERSION) {
      slice.settledThroughSecond = in.getLong();
    } else if (slice.requests > 0) {
      slice.settledThroughSecond = WindowSpan.secondOf(slice.lastEndUs);
    }
    slice.baseBytes = Arrays.copyOfRange(bytes, header, bytes.length);
    slice.encoded = slice.baseBytes;
    return slice;
  }

  /** Adds this slice's latencies (not its counters) to {@code target}. */
  private void addTo(Histogram target) {
    if (base != null) {
      target.add(base);
    } else if (baseBytes != null) {
      try {
        HistogramCodec.addTo(target, baseBytes);
      } catch (DataFormatException e) {
        throw new IllegalArgumentException("corrupt latency histogram", e);
      }
    }
    if (delta != null) {
      target.add(delta);
    }
  }

  /** The distribution as a plain histogram, kept as this slice's base (for reads and merges). */
  private Histogram decoded() {
    if (base == null) {
      base = baseBytes != null ? HistogramCodec.decodeStored(baseBytes) : new Histogram(SIGNIFICANT_DIGITS);
      base.setAutoResize(true);
      baseBytes = null;
    }
    if (delta != null) {
      base.add(delta);
      delta = null;
      deltaValues = 0;
    }
    return base;
  }

  /** A fresh plain histogram with this slice's distribution; this slice is unchanged. */
  private Histogram decodedCopy() {
    Histogram copy = baseBytes != null ? HistogramCodec.decodeStored(baseBytes) : new Histogram(SIGNIFICANT_DIGITS);
    copy.setAutoResize(true);
    if (base != null) {
      copy.add(base);
    }
    if (delta != null) {
      copy.add(delta);
    }
    return copy;
  }

  private void foldDelta() {
    setCompressedBase(decodedCopy());
  }

  /** Makes {@code histogram} (this slice's whole distribution) its compressed base; the delta is in it. */
  private void setCompressedBase(Histogram histogram) {
    baseBytes = HistogramCodec.encode(histogram);
    encoded = baseBytes;
    base = null;
    delta = null;
    deltaValues = 0;
  }

  private byte[] encodedHistogram() {
    if (encoded == null) {
      if (base == null && baseBytes == null && delta != null) {
        encoded = HistogramCodec.encode(delta); // the common case, a slice recorded since it was created
      } else if (delta == null && base != null) {
        encoded = HistogramCodec.encode(base);
      } else if (delta == null && baseBytes != null) {
        encoded = baseBytes;
      } else if (delta == null) {
        encoded = HistogramCodec.encode(new Histogram(SIGNIFICANT_DIGITS));
      } else {
        foldDelta(); // sets encoded
      }
    }
    return encoded;
  }
}
