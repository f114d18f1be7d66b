package io.perfplane.launcher.compare;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the analyzer's whole-run histograms document ({@code GET /runs/{id}/histograms}, a baseline's snapshot, a
 * saved summary's {@code histograms}; docs/compare.md) into {@link RunSamples}.
 *
 * <p>Each latency histogram (µs, HdrHistogram compressed, base64) is expanded into the sorted array the statistics
 * take: every recorded value repeated by its count, each value being its bucket's <em>highest equivalent value</em>
 * ({@link Histogram#highestEquivalentValue}), the value {@link Histogram#getValueAtPercentile} reports, so a
 * percentile of the array is the analyzer's percentile, and within the histogram's precision (3 significant digits:
 * under 0.1 %) of the raw latency's. The array costs 8 bytes per recorded value, once for the endpoint and once for
 * overall, so a side above {@link #MAX_VALUES} recorded values is refused rather than risking the heap.
 */
final class HistogramSamples {

  /** Recorded values a side may have: 16 bytes each (endpoint and overall arrays), 320 MB a side at the limit. */
  static final long MAX_VALUES = 20_000_000L;
  static final String ENCODING = "hdrhistogram-compressed-base64";

  private HistogramSamples() {
  }

  /**
   * Reads a histograms document.
   *
   * @param where the document's origin, for messages ({@code run r1}, {@code out.json: histograms})
   * @param label the side's label for {@link RunSamples#label()}
   * @throws ResultsFiles.UnreadableException naming the field when the document is not of schema 1 or is malformed
   */
  static RunSamples read(JsonNode doc, String where, String label) {
    int schema = doc.path("schema").asInt(0);
    if (schema != 1) {
      throw unreadable(where, "schema", "is " + doc.path("schema") + ", this perfplane reads histograms of schema 1");
    }
    String unit = doc.path("unit").asString("us");
    if (!unit.equals("us")) {
      throw unreadable(where, "unit", "is '" + unit + "', expected 'us'");
    }
    String encoding = doc.path("encoding").asString(ENCODING);
    if (!encoding.equals(ENCODING)) {
      throw unreadable(where, "encoding", "is '" + encoding + "', expected '" + ENCODING + "'");
    }
    JsonNode overallNode = doc.path("overall");
    if (!overallNode.isObject()) {
      throw unreadable(where, "overall", "is required");
    }
    Histogram overallHistogram = decode(overallNode, where, "overall");
    if (overallHistogram.getTotalCount() > MAX_VALUES) {
      throw new ResultsFiles.UnreadableException(String.format(Locale.ROOT, "%s: %,d recorded latencies; compare "
          + "expands histograms into arrays of 8 bytes a value and takes at most %,d a side: compare a shorter run "
          + "or a run's results file", where, overallHistogram.getTotalCount(), MAX_VALUES));
    }
    long startUs = number(overallNode, "startUs", where, "overall");
    long endUs = number(overallNode, "endUs", where, "overall");
    double duration = Math.max(0, endUs - startUs) / 1e6;
    EndpointSamples overall = samples(overallNode, overallHistogram, duration, where, "overall");
    TreeMap<String, EndpointSamples> endpoints = new TreeMap<>();
    JsonNode list = doc.path("endpoints");
    if (!list.isArray() && !list.isMissingNode() && !list.isNull()) {
      throw unreadable(where, "endpoints", "must be an array");
    }
    int i = 0;
    for (JsonNode node : list) {
      String field = "endpoints[" + i++ + "]";
      String endpoint = node.path("endpoint").asString("");
      if (endpoint.isEmpty()) {
        throw unreadable(where, field + ".endpoint", "is required");
      }
      endpoints.put(endpoint, samples(node, decode(node, where, field), duration, where, field));
    }
    return new RunSamples(label, "histograms", endpoints, overall);
  }

  /** The sorted array of a histogram's values, each its bucket's highest equivalent value, µs. */
  static long[] expand(Histogram histogram) {
    long total = histogram.getTotalCount();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many values to expand: " + total);
    }
    long[] values = new long[(int) total];
    int at = 0;
    for (HistogramIterationValue value : histogram.recordedValues()) {
      long v = histogram.highestEquivalentValue(value.getValueIteratedTo());
      int count = (int) value.getCountAtValueIteratedTo();
      Arrays.fill(values, at, at + count, v);
      at += count;
    }
    // The iteration is ascending; a histogram decoded with a count that disagrees with its buckets is not.
    return at == values.length ? values : Arrays.copyOf(values, at);
  }

  private static EndpointSamples samples(JsonNode node, Histogram histogram, double duration, String where,
      String field) {
    long requests = number(node, "requests", where, field);
    long errors = number(node, "errors", where, field);
    if (requests < 0 || errors < 0 || errors > requests) {
      throw unreadable(where, field + ".errors", "must be from 0 to requests (" + requests + "): " + errors);
    }
    return new EndpointSamples(expand(histogram), requests, errors, perSecond(node.path("perSecond"), where, field),
        duration);
  }

  /** Requests per whole second, the first and last (partial) seconds left out once there are three, ascending. */
  private static long @Nullable [] perSecond(JsonNode node, String where, String field) {
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    JsonNode requests = node.path("requests");
    if (!requests.isArray()) {
      throw unreadable(where, field + ".perSecond.requests", "must be an array of counts");
    }
    long[] counts = new long[requests.size()];
    for (int i = 0; i < counts.length; i++) {
      JsonNode count = requests.get(i);
      if (!count.isIntegralNumber() || count.asLong() < 0) {
        throw unreadable(where, field + ".perSecond.requests[" + i + "]", "must be a count >= 0");
      }
      counts[i] = count.asLong();
    }
    long[] whole = counts.length >= 3 ? Arrays.copyOfRange(counts, 1, counts.length - 1) : counts;
    Arrays.sort(whole);
    return whole;
  }

  private static Histogram decode(JsonNode node, String where, String field) {
    String text = node.path("latency").asString("");
    if (text.isEmpty()) {
      throw unreadable(where, field + ".latency", "is required (" + ENCODING + ")");
    }
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
    } catch (DataFormatException | IllegalArgumentException | IndexOutOfBoundsException
        | java.nio.BufferUnderflowException e) {
      throw unreadable(where, field + ".latency", "is not an HdrHistogram compressed histogram in base64: "
          + e.getMessage());
    }
  }

  private static long number(JsonNode node, String name, String where, String field) {
    JsonNode value = node.path(name);
    if (!value.isIntegralNumber()) {
      throw unreadable(where, field + "." + name, "must be a whole number");
    }
    return value.asLong();
  }

  private static ResultsFiles.UnreadableException unreadable(String where, String field, String problem) {
    return new ResultsFiles.UnreadableException(where + ": " + field + " " + problem);
  }
}
