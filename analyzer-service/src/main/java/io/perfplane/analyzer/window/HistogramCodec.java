package io.perfplane.analyzer.window;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.packedarray.AbstractPackedLongArray;
import org.HdrHistogram.packedarray.IterationValue;
import org.jspecify.annotations.Nullable;

/**
 * HdrHistogram's compressed encoding ({@code cookie, length, deflate(V2 encoding)}), byte-for-byte what
 * {@link Histogram#encodeIntoCompressedByteBuffer(ByteBuffer, int)} writes, but with a per-thread {@link Deflater},
 * {@link Inflater} and buffers. The library creates a fresh zlib stream and a worst-case sized buffer on every call,
 * which made encoding ~4x slower; the analyzer encodes several histograms per request sample.
 */
final class HistogramCodec {

  static final int COMPRESSION_LEVEL = Deflater.BEST_SPEED;
  private static final int HEADER_BYTES = 2 * Integer.BYTES;
  /** The compressed-encoding cookie, read from the library itself rather than copied from its source. */
  private static final int COMPRESSED_COOKIE = libraryCookie();
  private static final ThreadLocal<HistogramCodec> PER_THREAD = ThreadLocal.withInitial(HistogramCodec::new);
  /**
   * A {@link PackedHistogram}'s counts, to visit only its populated buckets. Its public API reads counts index by
   * index across the whole range (~20k indexes, each a walk of the packed index): encoding and merging packed slices
   * that way was ~45% of the analyzer's stream-thread CPU. The field is private to the library (2.2.x); when absent
   * the index-by-index path is used ({@code HistogramCodecTest} fails so an upgrade notices).
   */
  private static final @Nullable Field PACKED_COUNTS = packedCountsField();
  /** Index to value for 3 significant digits, lowest discernible value 1 (the only histograms the analyzer keeps). */
  private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10;
  private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;

  private final Deflater deflater = new Deflater(COMPRESSION_LEVEL);
  private final Inflater inflater = new Inflater();
  private ByteBuffer plain = ByteBuffer.allocate(4096);
  private byte[] compressed = new byte[4096];
  /** A packed histogram is copied here (populated buckets only) and encoded from here. */
  private final Histogram scratch = plainHistogram();

  private HistogramCodec() {
  }

  /** Compressed encoding of {@code histogram}. */
  static byte[] encode(Histogram histogram) {
    HistogramCodec codec = PER_THREAD.get();
    if (histogram instanceof PackedHistogram packed && readsPackedCountsDirectly(packed)) {
      codec.scratch.reset();
      addPopulated(packed, codec.scratch);
      return codec.doEncode(codec.scratch);
    }
    return codec.doEncode(histogram);
  }

  /** {@code into.add(from)}, visiting only the populated buckets when {@code from} is packed. */
  static void add(AbstractHistogram into, Histogram from) {
    if (from instanceof PackedHistogram packed && readsPackedCountsDirectly(packed)) {
      addPopulated(packed, into);
    } else {
      into.add(from);
    }
  }

  /** Whether packed counts are read bucket by populated bucket (the library's layout is the one expected). */
  static boolean readsPackedCountsDirectly(PackedHistogram packed) {
    return PACKED_COUNTS != null && packed.getNumberOfSignificantValueDigits() == LatencySlice.SIGNIFICANT_DIGITS
        && packed.getLowestDiscernibleValue() == 1;
  }

  private static void addPopulated(PackedHistogram from, AbstractHistogram into) {
    AbstractPackedLongArray counts;
    try {
      counts = (AbstractPackedLongArray) PACKED_COUNTS.get(from);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    for (IterationValue populated : counts.nonZeroValues()) {
      into.recordValueWithCount(valueAtIndex(populated.getIndex()), populated.getValue());
    }
  }

  /** HdrHistogram's {@code valueFromIndex} (package-private there) for unit magnitude 0 and 3 digits. */
  static long valueAtIndex(int index) {
    int bucketIndex = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
    int subBucketIndex = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
    if (bucketIndex < 0) {
      subBucketIndex -= SUB_BUCKET_HALF_COUNT;
      bucketIndex = 0;
    }
    return (long) subBucketIndex << bucketIndex;
  }

  private static Histogram plainHistogram() {
    Histogram histogram = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  private static @Nullable Field packedCountsField() {
    try {
      Field field = PackedHistogram.class.getDeclaredField("packedCounts");
      field.setAccessible(true);
      return AbstractPackedLongArray.class.isAssignableFrom(field.getType()) ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Decodes a compressed encoding (from this class or from HdrHistogram itself). */
  static Histogram decode(byte[] bytes, int offset) throws DataFormatException {
    return PER_THREAD.get().doDecode(bytes, offset);
  }

  private byte[] doEncode(Histogram histogram) {
    int needed = histogram.getNeededByteBufferCapacity();
    if (plain.capacity() < needed) {
      plain = ByteBuffer.allocate(needed);
    }
    plain.clear();
    int plainLength = histogram.encodeIntoByteBuffer(plain);
    deflater.reset();
    deflater.setInput(plain.array(), 0, plainLength);
    deflater.finish();
    int length = 0;
    while (!deflater.finished()) {
      if (length == compressed.length) {
        compressed = Arrays.copyOf(compressed, compressed.length * 2);
      }
      length += deflater.deflate(compressed, length, compressed.length - length);
    }
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + length);
    out.putInt(COMPRESSED_COOKIE).putInt(length).put(compressed, 0, length);
    return out.array();
  }

  private Histogram doDecode(byte[] bytes, int offset) throws DataFormatException {
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    int cookie = in.getInt();
    if (cookie != COMPRESSED_COOKIE) {
      // Another encoding variant: let the library handle it (it needs the array to start at the cookie).
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset, bytes.length)), 0);
    }
    int length = in.getInt();
    inflater.reset();
    inflater.setInput(bytes, offset + HEADER_BYTES, length);
    plain.clear();
    int plainLength = 0;
    while (!inflater.finished()) {
      if (plainLength == plain.capacity()) {
        ByteBuffer bigger = ByteBuffer.allocate(plain.capacity() * 2);
        bigger.put(plain.array(), 0, plainLength);
        plain = bigger;
      }
      int n = inflater.inflate(plain.array(), plainLength, plain.capacity() - plainLength);
      if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
        throw new DataFormatException("truncated histogram encoding");
      }
      plainLength += n;
    }
    return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(plain.array(), 0, plainLength), 0);
  }

  private static int libraryCookie() {
    Histogram empty = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    ByteBuffer buffer = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
    empty.encodeIntoCompressedByteBuffer(buffer, COMPRESSION_LEVEL);
    return buffer.getInt(0);
  }
}
