package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The analyzer's histograms document read into the statistics' sorted arrays. */
class HistogramSamplesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void expandingKeepsTheExactCountAndPercentilesWithinATenthOfAPercentOfTheRawSamples() {
    Random random = new Random(7);
    long[] raw = new long[50_000];
    Histogram histogram = new Histogram(3);
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.round(40_000 * Math.exp(0.8 * random.nextGaussian()));
      histogram.recordValue(raw[i]);
    }
    Arrays.sort(raw);

    long[] expanded = HistogramSamples.expand(histogram);

    assertThat(expanded).hasSize(raw.length);
    assertThat(expanded).isSorted();
    for (double q : new double[] {0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
      int rank = Quantiles.nearestRank(raw.length, q);
      long exact = raw[rank - 1];
      long fromHistogram = expanded[rank - 1];
      assertThat((double) fromHistogram).as("q=" + q).isCloseTo(exact, within(exact * 0.001));
      // The value the analyzer reports for the same percentile: the bucket's highest equivalent value.
      assertThat(fromHistogram).as("q=" + q).isEqualTo(histogram.getValueAtPercentile(q * 100));
    }
  }

  @Test
  void readsRequestsErrorsAndWholeSecondsFromTheDocument() {
    GeneratedRun run = new GeneratedRun(3, 300, 20).endpoint("GET /b", 30, 0.3, 1, 0.1)
        .endpoint("GET /a", 10, 0.3, 1, 0);

    RunSamples samples = HistogramSamples.read(JSON.readTree(run.histograms("r1", true)), "run r1", "run r1");

    assertThat(samples.endpoints().keySet()).containsExactly("GET /a", "GET /b");
    assertThat(samples.overall().requests()).isEqualTo(600);
    assertThat(samples.overall().latencyUs()).hasSize(600);
    EndpointSamples b = samples.endpoints().get("GET /b");
    assertThat(b.errors()).isBetween(15L, 50L);
    assertThat(samples.endpoints().get("GET /a").errors()).isZero();
    // 300 requests at 20/s end over 15 or 16 seconds; the partial first and last are left out, the rest are ~20.
    assertThat(b.perSecond()).isNotNull().hasSizeBetween(13, 15);
    assertThat(b.perSecond()[b.perSecond().length / 2]).isEqualTo(20);
    assertThat(samples.overall().durationSeconds()).isBetween(14.9, 16.0);

    RunSamples without = HistogramSamples.read(JSON.readTree(run.histograms("r1", false)), "run r1", "run r1");
    assertThat(without.overall().perSecond()).isNull();
  }

  @Test
  void aMalformedDocumentNamesTheField() {
    ObjectNode doc = (ObjectNode) JSON.readTree(new GeneratedRun(1, 10, 10).endpoint("GET /a", 10, 0.3, 1, 0)
        .histograms("r1", true));

    assertThatThrownBy(() -> HistogramSamples.read(doc.deepCopy().put("schema", 2), "run r1", "x"))
        .isInstanceOf(ResultsFiles.UnreadableException.class).hasMessageContaining("run r1: schema");
    ObjectNode badLatency = doc.deepCopy();
    ((ObjectNode) badLatency.path("endpoints").get(0)).put("latency", "bm90IGEgaGlzdG9ncmFt");
    assertThatThrownBy(() -> HistogramSamples.read(badLatency, "run r1", "x"))
        .hasMessageContaining("endpoints[0].latency is not an HdrHistogram");
    ObjectNode tooManyErrors = doc.deepCopy();
    ((ObjectNode) tooManyErrors.path("overall")).put("errors", 11);
    assertThatThrownBy(() -> HistogramSamples.read(tooManyErrors, "run r1", "x"))
        .hasMessageContaining("overall.errors must be from 0 to requests (10): 11");
    ObjectNode noEndpointName = doc.deepCopy();
    ((ObjectNode) noEndpointName.path("endpoints").get(0)).remove("endpoint");
    assertThatThrownBy(() -> HistogramSamples.read(noEndpointName, "run r1", "x"))
        .hasMessageContaining("endpoints[0].endpoint is required");
  }

  @Test
  void aSideAboveTheLimitIsRefusedBeforeAnythingIsExpanded() {
    Histogram huge = new Histogram(3);
    huge.recordValueWithCount(1_000, HistogramSamples.MAX_VALUES + 1);
    ObjectNode doc = (ObjectNode) JSON.readTree(new GeneratedRun(1, 10, 10).endpoint("GET /a", 10, 0.3, 1, 0)
        .histograms("big", true));
    ((ObjectNode) doc.path("overall")).put("latency", encode(huge));

    assertThatThrownBy(() -> HistogramSamples.read(doc, "run big", "x"))
        .isInstanceOf(ResultsFiles.UnreadableException.class)
        .hasMessageContaining("20,000,001 recorded latencies").hasMessageContaining("at most 20,000,000 a side");
  }

  @Test
  void coordinatedOmissionCorrectedCountsDoNotInflateTheErrorRate() {
    Histogram corrected = new Histogram(3);
    // 100 requests, one of which stalled for 1 s at an expected interval of 100 ms: 9 synthetic values.
    for (int i = 0; i < 99; i++) {
      corrected.recordValue(5_000);
    }
    corrected.recordValueWithExpectedInterval(1_000_000, 100_000);
    List<JsonNode> none = new ArrayList<>();
    ObjectNode doc = JSON.createObjectNode().put("schema", 1);
    doc.putObject("overall").put("endpoint", "*").put("requests", 100).put("errors", 10).put("startUs", 0)
        .put("endUs", 10_000_000).put("latency", encode(corrected)).putNull("perSecond");
    doc.putArray("endpoints").addAll(none);

    EndpointSamples overall = HistogramSamples.read(doc, "run co", "x").overall();

    assertThat(overall.latencyUs()).hasSize((int) corrected.getTotalCount()).hasSizeGreaterThan(100);
    assertThat(overall.errorRate()).isEqualTo(0.1);
    assertThat(overall.rps()).isEqualTo(10.0);
  }

  private static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }
}
