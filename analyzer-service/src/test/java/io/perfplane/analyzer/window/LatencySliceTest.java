package io.perfplane.analyzer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySliceTest {

  @Test
  void percentilesAreExactWithinHistogramPrecision() {
    LatencySlice slice = LatencySlice.empty();
    for (int ms = 1; ms <= 1000; ms++) {
      slice.record(ms * 1000L, ms % 10 == 0, 0, 1);
    }
    assertThat(slice.requests()).isEqualTo(1000);
    assertThat(slice.errors()).isEqualTo(100);
    assertThat(slice.errorRate()).isEqualTo(0.1);
    assertThat(slice.latencyMsAt(50)).isCloseTo(500.0, within(0.5));
    assertThat(slice.latencyMsAt(95)).isCloseTo(950.0, within(0.95));
    assertThat(slice.latencyMsAt(99)).isCloseTo(990.0, within(0.99));
    assertThat(slice.maxLatencyMs()).isCloseTo(1000.0, within(1.0));
  }

  /** A decoded slice is converted to the packed form before the write-back store keeps it: nothing may be lost. */
  @Test
  void packedCopyOfADecodedSliceKeepsEveryCount() {
    LatencySlice slice = LatencySlice.accumulator();
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      slice.record((long) Math.exp(9.5 + random.nextGaussian()), i % 50 == 0, i, i + 10);
    }
    slice.recordLate(30_000_000, true, 0, 1);
    LatencySlice decoded = LatencySlice.decode(slice.encode());
    LatencySlice packed = decoded.packed();

    assertThat(packed.packed()).isSameAs(packed);
    assertThat(packed.encode()).isEqualTo(slice.encode());
    for (double p : new double[] {50, 90, 99, 99.9, 100}) {
      assertThat(packed.latencyMsAt(p)).as("p%s", p).isEqualTo(slice.latencyMsAt(p));
    }
    assertThat(packed.requests()).isEqualTo(5_001);
    assertThat(packed.late()).isEqualTo(1);
    packed.record(1_000, false, 0, 1);
    assertThat(packed.requests()).isEqualTo(5_002);
  }

  @Test
  void mergingSlicesEqualsRecordingEverythingInOne() {
    LatencySlice first = LatencySlice.empty();
    LatencySlice second = LatencySlice.empty();
    LatencySlice both = LatencySlice.empty();
    for (int i = 0; i < 100; i++) {
      first.record(10_000, false, 1_000 + i, 20_000 + i);
      both.record(10_000, false, 1_000 + i, 20_000 + i);
      second.record(900_000, true, 5_000 + i, 950_000 + i);
      both.record(900_000, true, 5_000 + i, 950_000 + i);
    }
    first.merge(second);
    // Averaging the two p95s would give ~455 ms; merging keeps the real distribution.
    assertThat(first.latencyMsAt(95)).isEqualTo(both.latencyMsAt(95)).isCloseTo(900.0, within(0.9));
    assertThat(first.requests()).isEqualTo(200);
    assertThat(first.errors()).isEqualTo(100);
    assertThat(first.firstStartUs()).isEqualTo(1_000);
    assertThat(first.lastEndUs()).isEqualTo(950_099);
  }

  @Test
  void encodingRoundTripsAndStaysRecordable() {
    LatencySlice slice = LatencySlice.empty();
    slice.record(1_234, true, 10, 20);
    slice.record(56_789, false, 5, 30);
    LatencySlice decoded = LatencySlice.decode(slice.encode());
    assertThat(decoded.requests()).isEqualTo(2);
    assertThat(decoded.errors()).isEqualTo(1);
    assertThat(decoded.firstStartUs()).isEqualTo(5);
    assertThat(decoded.lastEndUs()).isEqualTo(30);
    assertThat(decoded.latencyMsAt(100)).isEqualTo(slice.latencyMsAt(100));
    decoded.record(3_600_000_000L, false, 0, 0); // an hour: far beyond the decoded range, so it must auto-resize
    assertThat(decoded.maxLatencyMs()).isCloseTo(3_600_000.0, within(3_600.0));
  }

  @Test
  void histogramEncodingIsHdrHistogramsCompressedFormat() throws Exception {
    Histogram histogram = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      histogram.recordValue((long) (20_000 * Math.exp(random.nextGaussian())));
    }
    ByteBuffer library = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(library, HistogramCodec.COMPRESSION_LEVEL);

    byte[] ours = HistogramCodec.encode(histogram);
    assertThat(ours).isEqualTo(Arrays.copyOf(library.array(), length));
    assertThat(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(ours), 0)).isEqualTo(histogram);
    assertThat(HistogramCodec.decode(ours, 0)).isEqualTo(histogram);
  }

  @Test
  void aPackedSliceCountsEveryValueRecordedBetweenReadsIncludingMoreThanAShortCountPerBucket() {
    LatencySlice packed = LatencySlice.empty();
    LatencySlice plain = LatencySlice.accumulator();
    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      // 70k identical values: one bucket gets more than a short counter holds between two reads.
      long latencyUs = i % 10 < 7 ? 1_000 : 1 + random.nextInt(2_000_000);
      packed.record(latencyUs, false, i, i + latencyUs);
      plain.record(latencyUs, false, i, i + latencyUs);
      if (i == 50_000) {
        assertThat(packed.latencyMsAt(50)).isEqualTo(plain.latencyMsAt(50)); // a read in between folds
      }
    }

    for (double percentile : new double[] {10, 50, 69, 75, 90, 99, 99.9, 100}) {
      assertThat(packed.latencyMsAt(percentile)).as("p%s", percentile).isEqualTo(plain.latencyMsAt(percentile));
    }
    assertThat(packed.maxLatencyMs()).isEqualTo(plain.maxLatencyMs());
    assertThat(LatencySlice.decode(packed.encode()).latencyMsAt(99.9)).isEqualTo(plain.latencyMsAt(99.9));
    LatencySlice merged = LatencySlice.accumulator();
    LatencySlice other = LatencySlice.empty();
    other.record(5_000_000, true, 0, 5_000_000);
    merged.merge(packed);
    merged.merge(other);
    assertThat(merged.requests()).isEqualTo(100_001);
    assertThat(merged.maxLatencyMs()).isEqualTo(LatencySlice.decode(other.encode()).maxLatencyMs());
  }

  @Test
  void emptySliceReportsZeros() {
    LatencySlice slice = LatencySlice.decode(LatencySlice.empty().encode());
    assertThat(slice.requests()).isZero();
    assertThat(slice.latencyMsAt(99)).isZero();
    assertThat(slice.errorRate()).isZero();
    assertThat(slice.spanMs()).isZero();
  }

  @Test
  void rejectsUnknownFormat() {
    byte[] bytes = LatencySlice.empty().encode();
    bytes[0] = 9;
    assertThatThrownBy(() -> LatencySlice.decode(bytes)).hasMessageContaining("format version 9");
  }

  @Test
  void windowSpanCoversWholeSeconds() {
    WindowSpan span = WindowSpan.ending(100, 10);
    assertThat(span.firstSecond()).isEqualTo(91);
    assertThat(span.seconds()).isEqualTo(10);
    assertThat(span.endUs()).isEqualTo(101_000_000L);
    assertThat(WindowSpan.secondOf(1_999_999)).isEqualTo(1);
    assertThat(WindowSpan.secondOf(2_000_000)).isEqualTo(2);
  }
}
