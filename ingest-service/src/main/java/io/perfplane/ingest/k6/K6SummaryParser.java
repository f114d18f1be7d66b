package io.perfplane.ingest.k6;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

import io.perfplane.ingest.format.UnreadableUploadException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a k6 end-of-test summary: the legacy {@code --summary-export} file
 * ({@code {"metrics":{"http_req_duration":{"avg":1.2,"p(95)":3.4,...},"http_reqs":{"count":10,"rate":2.5},
 * "http_req_failed":{"value":0.1,"passes":1,"fails":9}}}}) or the {@code handleSummary(data)} object
 * ({@code {"metrics":{"http_req_duration":{"type":"trend","contains":"time","values":{"avg":1.2,...},
 * "thresholds":{"p(95)<500":{"ok":true}}}}, "state":{"testRunDurationMs":...}}}). Times in the file are ms.
 * The summary is one JSON document, so it is read whole, but never beyond {@code maxBytes}.
 */
public final class K6SummaryParser {

  private final JsonMapper mapper;

  /**
   * @param maxBytes largest summary accepted (bytes)
   */
  public K6SummaryParser(int maxBytes) {
    this.mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(maxBytes).maxNestingDepth(64)
                .build())
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /**
   * @throws UnreadableUploadException if the body is not a k6 summary
   */
  public K6Summary parse(InputStream body) throws IOException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new UnreadableUploadException("body", "not a k6 summary: " + K6NdjsonReader.shorten(
          e.getOriginalMessage()));
    }
    if (root == null || !root.isObject() || !root.path("metrics").isObject()) {
      throw new UnreadableUploadException("metrics", "a k6 summary is a JSON object with a \"metrics\" object");
    }
    JsonNode metrics = root.get("metrics");
    boolean handleSummary = false;
    for (JsonNode metric : metrics.values()) {
      if (metric.has("values") && metric.has("type")) {
        handleSummary = true;
        break;
      }
    }
    Map<String, Boolean> thresholds = new TreeMap<>();
    for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
      JsonNode declared = metric.getValue().path("thresholds");
      if (declared.isObject()) {
        for (Map.Entry<String, JsonNode> threshold : declared.properties()) {
          JsonNode value = threshold.getValue();
          // summary-export: true means the threshold FAILED; handleSummary: {"ok": bool}.
          // Not one ternary: boolean and null operands would unbox the null (a fuzz finding).
          if (value.isBoolean()) {
            thresholds.put(metric.getKey() + ": " + threshold.getKey(), !value.booleanValue());
          } else if (value.path("ok").isBoolean()) {
            thresholds.put(metric.getKey() + ": " + threshold.getKey(), value.path("ok").booleanValue());
          }
        }
      }
    }
    JsonNode duration = stats(metrics, "http_req_duration", handleSummary);
    JsonNode waiting = stats(metrics, "http_req_waiting", handleSummary);
    JsonNode reqs = stats(metrics, "http_reqs", handleSummary);
    JsonNode failed = stats(metrics, "http_req_failed", handleSummary);
    Double failedRatio = number(failed, handleSummary ? "rate" : "value");
    Double count = number(reqs, "count");
    JsonNode state = root.path("state");
    return new K6Summary(handleSummary ? "handleSummary" : "summary-export",
        count == null ? null : Math.round(count), number(reqs, "rate"), failedRatio, micros(duration),
        micros(waiting), number(state, "testRunDurationMs"), thresholds);
  }

  private static JsonNode stats(JsonNode metrics, String name, boolean handleSummary) {
    JsonNode metric = metrics.path(name);
    return handleSummary ? metric.path("values") : metric;
  }

  private static @Nullable Double number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() && Double.isFinite(value.doubleValue()) ? value.doubleValue() : null;
  }

  private static Map<String, Long> micros(JsonNode stats) {
    Map<String, Long> micros = new TreeMap<>();
    if (stats.isObject()) {
      for (Map.Entry<String, JsonNode> stat : stats.properties()) {
        if (stat.getValue().isNumber() && Double.isFinite(stat.getValue().doubleValue())
            && !stat.getKey().equals("thresholds")) {
          micros.put(stat.getKey(), Math.round(stat.getValue().doubleValue() * 1000.0));
        }
      }
    }
    return micros;
  }
}
