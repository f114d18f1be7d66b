package io.perfplane.analyzer.window;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

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
  /** The (uncompressed) V2 encoding's cookie, likewise; it does not depend on the counts' word size. */
  private static final int PLAIN_COOKIE = plainCookie();
  /** cookie, payload length, normalizing index offset, digits (ints), lowest, highest (longs), ratio (double). */
  private static final int V2_HEADER_BYTES = 4 * Integer.BYTES + 2 * Long.BYTES + Double.BYTES;
  private static final ThreadLocal<HistogramCodec> PER_THREAD = ThreadLocal.withInitial(HistogramCodec::new);

  private final Deflater deflater = new Deflater(COMPRESSION_LEVEL);
  private final Inflater inflater = new Inflater();
  private ByteBuffer plain = ByteBuffer.allocate(4096);
  private byte[] compressed = new byte[4096];
  /** Populated (index, count) pairs of an encoding being added, see {@link #addTo}. */
  private int[] indexes = new int[1024];
  private long[] counts = new long[1024];

  private HistogramCodec() {
  }

  /** Compressed encoding of {@code histogram} (any word size: the V2 encoding does not depend on it). */
  static byte[] encode(AbstractHistogram histogram) {
    return PER_THREAD.get().doEncode(histogram);
  }

  /** Decodes a compressed encoding (from this class or from HdrHistogram itself). */
  static Histogram decode(byte[] bytes, int offset) throws DataFormatException {
    return PER_THREAD.get().doDecode(bytes, offset);
  }

  /** {@link #decode} of a slice's stored histogram, where a corrupt encoding is a bad argument. */
  static Histogram decodeStored(byte[] bytes) {
    try {
      return decode(bytes, 0);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("corrupt latency histogram", e);
    }
  }

  private byte[] doEncode(AbstractHistogram histogram) {
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

  /**
   * Adds the histogram encoded in {@code bytes} (compressed, from offset 0) to {@code target} without building it:
   * the counts are read from the encoding and recorded straight into {@code target}. Window merges add several
   * encoded slices per window; decoding each into a new histogram first (a zeroed array of the whole range, ~90 KB
   * up to 1 s) was most of their cost.
   */
  static void addTo(AbstractHistogram target, byte[] bytes) throws DataFormatException {
    PER_THREAD.get().doAddTo(target, bytes);
  }

  private void doAddTo(AbstractHistogram target, byte[] bytes) throws DataFormatException {
    if (ByteBuffer.wrap(bytes).getInt() != COMPRESSED_COOKIE) {
      target.add(doDecode(bytes, 0));
      return;
    }
    int plainLength = inflate(bytes, 0);
    ByteBuffer header = ByteBuffer.wrap(plain.array(), 0, plainLength);
    int cookie = header.getInt();
    int payloadLength = header.getInt();
    int normalizingIndexOffset = header.getInt();
    int digits = header.getInt();
    long lowestDiscernibleValue = header.getLong();
    if (cookie != PLAIN_COOKIE || normalizingIndexOffset != 0 || lowestDiscernibleValue != 1
        || target.getLowestDiscernibleValue() != 1 || digits != target.getNumberOfSignificantValueDigits()
        || V2_HEADER_BYTES + payloadLength > plainLength) {
      target.add(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(plain.array(), 0, plainLength), 0));
      return;
    }
    // The layout of HdrHistogram's V2 encoding: ZigZag LEB128 counts by index, a negative n standing for n zeros.
    int halfCountMagnitude = (int) Math.ceil(Math.log(2 * Math.pow(10, digits)) / Math.log(2)) - 1;
    int halfCount = 1 << halfCountMagnitude;
    byte[] payload = plain.array();
    int position = V2_HEADER_BYTES;
    int end = V2_HEADER_BYTES + payloadLength;
    int index = 0;
    int populated = 0;
    while (position < end) {
      long raw = 0;
      int shift = 0;
      byte b;
      do {
        b = payload[position++];
        raw |= shift == 56 ? (b & 0xFFL) << 56 : (b & 0x7FL) << shift;
        shift += 7;
      } while (b < 0 && shift < 63);
      long count = (raw >>> 1) ^ -(raw & 1);
      if (count < 0) {
        index += (int) -count;
        continue;
      }
      if (count > 0) {
        if (populated == indexes.length) {
          indexes = Arrays.copyOf(indexes, populated * 2);
          counts = Arrays.copyOf(counts, populated * 2);
        }
        indexes[populated] = index;
        counts[populated++] = count;
      }
      index++;
    }
    // Highest value first: an auto-resizing target then grows once, not once per bucket of magnitude.
    for (int i = populated - 1; i >= 0; i--) {
      int bucket = (indexes[i] >> halfCountMagnitude) - 1;
      int subBucket = (indexes[i] & (halfCount - 1)) + halfCount;
      if (bucket < 0) {
        subBucket -= halfCount;
        bucket = 0;
      }
      target.recordValueWithCount((long) subBucket << bucket, counts[i]);
    }
  }

  private Histogram doDecode(byte[] bytes, int offset) throws DataFormatException {
    if (ByteBuffer.wrap(bytes, offset, bytes.length - offset).getInt() != COMPRESSED_COOKIE) {
      // Another encoding variant: let the library handle it (it needs the array to start at the cookie).
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset, bytes.length)), 0);
    }
    int plainLength = inflate(bytes, offset);
    return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(plain.array(), 0, plainLength), 0);
  }

  /** Inflates the compressed encoding at {@code offset} into {@link #plain}; returns its length. */
  private int inflate(byte[] bytes, int offset) throws DataFormatException {
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    in.getInt();
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
    return plainLength;
  }

  private static int plainCookie() {
    Histogram empty = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    ByteBuffer buffer = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
    empty.encodeIntoByteBuffer(buffer);
    return buffer.getInt(0);
  }

  private static int libraryCookie() {
    Histogram empty = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    ByteBuffer buffer = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
    empty.encodeIntoCompressedByteBuffer(buffer, COMPRESSION_LEVEL);
    return buffer.getInt(0);
  }
}
