package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.DataFormatException;

import io.perfplane.analyzer.window.LatencySlice;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The histograms document built from plain slices, read back with HdrHistogram itself. */
class RunHistogramsTest {

  /** The document's {@code latency} as HdrHistogram reads it. */
  static Histogram decode(String latency) throws DataFormatException {
    return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(latency)), 0);
  }

  @Test
  void latencyDecodesWithHdrHistogramToTheRecordedDistribution() throws DataFormatException {
    Random random = new Random(11);
    LatencySlice slice = LatencySlice.empty();
    Histogram expected = new Histogram(LatencySlice.SIGNIFICANT_DIGITS);
    int errors = 0;
    for (int i = 0; i < 5000; i++) {
      long latencyUs = 200 + random.nextInt(2_000_000);
      boolean error = i % 97 == 0;
      errors += error ? 1 : 0;
      slice.record(latencyUs, error, 1_000_000_000L + i * 1000L, 1_000_000_000L + i * 1000L + latencyUs);
      expected.recordValue(latencyUs);
    }
    TreeMap<Long, Long> seconds = new TreeMap<>();
    seconds.put(1000L, 3000L);
    seconds.put(1003L, 2000L);

    RunHistograms.Series series = RunHistograms.Series.of("GET /a", slice, seconds);

    Histogram decoded = decode(series.latency());
    assertThat(decoded.getTotalCount()).isEqualTo(5000);
    for (double percentile : new double[] {50, 90, 99, 99.9, 100}) {
      assertThat(decoded.getValueAtPercentile(percentile)).as("p" + percentile)
          .isEqualTo(expected.getValueAtPercentile(percentile));
    }
    assertThat(decoded.getNumberOfSignificantValueDigits()).isEqualTo(3);
    assertThat(series.requests()).isEqualTo(5000);
    assertThat(series.errors()).isEqualTo(errors);
    assertThat(series.startUs()).isEqualTo(1_000_000_000L);
    assertThat(series.endUs()).isEqualTo(slice.lastEndUs());
    assertThat(series.perSecond()).isEqualTo(new RunHistograms.PerSecond(1000, List.of(3000L, 0L, 0L, 2000L)));
  }

  @Test
  void perSecondCountsAreLeftOutWhenTheyDoNotAccountForEveryRequest() {
    LatencySlice slice = LatencySlice.empty();
    for (int i = 0; i < 10; i++) {
      slice.record(1000, false, 5_000_000L, 5_001_000L);
    }
    TreeMap<Long, Long> seconds = new TreeMap<>();
    seconds.put(5L, 9L); // one request was late: in the total only

    assertThat(RunHistograms.Series.of("*", slice, seconds).perSecond()).isNull();
  }

  @Test
  void aSeriesWithoutRequestsHasAnEmptyHistogramAndNoTimes() throws DataFormatException {
    RunHistograms.Series series = RunHistograms.Series.of("*", LatencySlice.empty(), new TreeMap<>());

    assertThat(decode(series.latency()).getTotalCount()).isZero();
    assertThat(series.startUs()).isNull();
    assertThat(series.endUs()).isNull();
    assertThat(series.perSecond()).isNull();
  }

  @Test
  void theDocumentNamesItsFormatAndSortsEndpointsByLabel() {
    RunHistograms.Series empty = RunHistograms.Series.of("*", LatencySlice.empty(), new TreeMap<>());
    RunHistograms.Series b = RunHistograms.Series.of("GET /b", LatencySlice.empty(), new TreeMap<>());
    RunHistograms.Series a = RunHistograms.Series.of("GET /a", LatencySlice.empty(), new TreeMap<>());

    RunHistograms document = RunHistograms.of("r1", true, empty, List.of(b, a));

    assertThat(document.schema()).isEqualTo(1);
    assertThat(document.unit()).isEqualTo("us");
    assertThat(document.significantDigits()).isEqualTo(3);
    assertThat(document.encoding()).isEqualTo("hdrhistogram-compressed-base64");
    assertThat(document.endpoints()).extracting(RunHistograms.Series::endpoint).containsExactly("GET /a", "GET /b");
  }
}
