package io.perfplane.analyzer.window;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

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
  private static final ThreadLocal<HistogramCodec> PER_THREAD = ThreadLocal.withInitial(HistogramCodec::new);

  private final Deflater deflater = new Deflater(COMPRESSION_LEVEL);
  private final Inflater inflater = new Inflater();
  private ByteBuffer plain = ByteBuffer.allocate(4096);
  private byte[] compressed = new byte[4096];

  private HistogramCodec() {
  }

  /** Compressed encoding of {@code histogram}. */
  static byte[] encode(Histogram histogram) {
    return PER_THREAD.get().doEncode(histogram);
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
