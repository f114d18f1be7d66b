package io.perfplane.analyzer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;

class HistogramCodecTest {

  @Test
  void packedHistogramsAreReadByPopulatedBucketWithTheLibrarysLayout() {
    // Fails if an HdrHistogram upgrade renames the packed counts field: encoding would silently get slow again.
    assertThat(HistogramCodec.readsPackedCountsDirectly(new PackedHistogram(LatencySlice.SIGNIFICANT_DIGITS))).isTrue();
  }

  @Test
  void encodingAndMergingAPackedHistogramKeepEveryBucket() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    PackedHistogram packed = new PackedHistogram(LatencySlice.SIGNIFICANT_DIGITS);
    packed.setAutoResize(true);
    Histogram expected = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    expected.setAutoResize(true);
    for (int i = 0; i < 50_000; i++) {
      // Every bucket magnitude from 0 to ~1e11 µs: exercises the index-to-value mapping across sub-buckets.
      long value = i < 3_000 ? i : (long) Math.exp(random.nextDouble() * 25);
      packed.recordValue(value);
      expected.recordValue(value);
    }

    Histogram decoded = HistogramCodec.decode(HistogramCodec.encode(packed), 0);
    Histogram merged = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    merged.setAutoResize(true);
    HistogramCodec.add(merged, packed);

    for (Histogram actual : new Histogram[] {decoded, merged}) {
      assertThat(actual.getTotalCount()).isEqualTo(expected.getTotalCount());
      assertThat(actual.getMaxValue()).isEqualTo(expected.getMaxValue());
      assertThat(actual.getMinNonZeroValue()).isEqualTo(expected.getMinNonZeroValue());
      expected.recordedValues().forEach(v -> assertThat(actual.getCountAtValue(v.getValueIteratedTo()))
          .as("count at %d", v.getValueIteratedTo()).isEqualTo(v.getCountAtValueIteratedTo()));
      assertThat(actual.getValueAtPercentile(99.9)).isEqualTo(expected.getValueAtPercentile(99.9));
    }
  }
}
