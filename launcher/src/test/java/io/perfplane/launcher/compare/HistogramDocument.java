package io.perfplane.launcher.compare;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the analyzer's whole-run histograms document (the contract of {@code GET /runs/{id}/histograms}) from
 * requests, as the analyzer side does: latencies in µs recorded into HdrHistogram with 3 significant digits,
 * compressed, base64; requests per second of request end.
 */
final class HistogramDocument {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final class Series {
    final Histogram latency = new Histogram(3);
    long requests;
    long errors;
    long startUs = Long.MAX_VALUE;
    long endUs = Long.MIN_VALUE;
    final TreeMap<Long, Long> perSecond = new TreeMap<>();

    void add(GeneratedRun.Sample sample) {
      latency.recordValue(sample.latencyUs());
      requests++;
      errors += sample.failed() ? 1 : 0;
      long end = sample.startUs() + sample.latencyUs();
      startUs = Math.min(startUs, sample.startUs());
      endUs = Math.max(endUs, end);
      perSecond.merge(Math.floorDiv(end, 1_000_000L), 1L, Long::sum);
    }

    ObjectNode json(String endpoint, boolean withPerSecond) {
      ObjectNode node = JSON.createObjectNode();
      node.put("endpoint", endpoint);
      node.put("requests", requests);
      node.put("errors", errors);
      node.put("startUs", startUs);
      node.put("endUs", endUs);
      ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
      int length = latency.encodeIntoCompressedByteBuffer(buffer);
      byte[] bytes = new byte[length];
      buffer.flip();
      buffer.get(bytes);
      node.put("latency", Base64.getEncoder().encodeToString(bytes));
      if (withPerSecond) {
        ObjectNode seconds = node.putObject("perSecond");
        long first = perSecond.firstKey();
        seconds.put("startSecond", first);
        ArrayNode counts = seconds.putArray("requests");
        for (long s = first; s <= perSecond.lastKey(); s++) {
          counts.add(perSecond.getOrDefault(s, 0L));
        }
      } else {
        node.putNull("perSecond");
      }
      return node;
    }
  }

  private HistogramDocument() {
  }

  /** The document of the requests {@code source} hands over. */
  static String of(String runId, boolean perSecond, Consumer<Consumer<GeneratedRun.Sample>> source) {
    Series overall = new Series();
    Map<String, Series> endpoints = new TreeMap<>();
    source.accept(sample -> {
      overall.add(sample);
      endpoints.computeIfAbsent(sample.endpoint(), e -> new Series()).add(sample);
    });
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema", 1);
    doc.put("runId", runId);
    doc.put("finished", true);
    doc.put("unit", "us");
    doc.put("significantDigits", 3);
    doc.put("encoding", "hdrhistogram-compressed-base64");
    doc.set("overall", overall.json("*", perSecond));
    ArrayNode list = doc.putArray("endpoints");
    endpoints.forEach((name, series) -> list.add(series.json(name, perSecond)));
    return JSON.writeValueAsString(doc);
  }
}
