package io.perfplane.ingest.k6;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.MeasurementKind;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.ResultReader;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.lines.LineReader;
import io.perfplane.ingest.lines.LineReader.Line;
import io.perfplane.ingest.lines.LineRejections;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads k6's {@code --out json} output: one JSON object per line, either
 * {@code {"type":"Metric","metric":"http_reqs","data":{...}}} (a metric declaration) or
 * {@code {"type":"Point","metric":"http_req_duration","data":{"time":"2026-11-20T10:00:00.123456789Z","value":12.5,
 * "tags":{"name":"...","method":"GET","status":"200",...}}}}.
 *
 * <p><b>Joining points into requests.</b> k6 writes one point per built-in HTTP metric for each request
 * ({@code http_reqs}, {@code http_req_duration}, {@code http_req_blocked}, ..., {@code http_req_failed}), all with
 * the same {@code time} (the request's end) and the same tags, consecutively (they are flushed as one sample
 * container). So: consecutive {@code http_req*} points with identical {@code time} and tags are one request; a
 * point whose time or tags differ, a point of a metric the current request already has (two identical requests
 * ending in the same nanosecond), a non-HTTP point or the end of the file closes it. A request becomes one sample:
 * <ul>
 *   <li>latency = {@code http_req_duration} (ms, fractional) rounded to µs; the start is {@code time} minus it;</li>
 *   <li>TTFB = {@code http_req_waiting}; endpoint = tag {@code name} (k6 defaults it to the URL), method, status,
 *       scenario (default {@code default}) from the tags; tags {@code group}, {@code expected_response} and
 *       {@code error_code} are kept;</li>
 *   <li>{@code http_req_failed} 1 marks it failed (HTTP_STATUS for a status >= 400, TIMEOUT/CONNECT/IO from k6's
 *       {@code error_code} when no response came); 0 marks it succeeded even with a 4xx the script expected;
 *       without that point (k6 before 0.31) a status >= 400 fails it.</li>
 * </ul>
 * A request's points are accepted or rejected together, reported at the line of its first point. {@code Metric}
 * lines are counted as ignored (their type and {@code contains} tell custom Trends of time from others).
 *
 * <p><b>Tool metrics</b> ({@link K6Metrics}: custom Trends, {@code browser_web_vital_*}, {@code checks}) attach to
 * the request they belong to. The {@value #WINDOW} most recent requests stay open for that (a VU adds its custom
 * point after its request's points, and other VUs' requests may come in between); a request is emitted when it
 * falls out of that window or at the end of the file, so samples keep file order and memory stays bounded. A point
 * belongs to the newest open request that shares its {@code name} or {@code url} tag and agrees on every other tag
 * both carry ({@code Trend.add(v, {name: 'GET /items'})}, or a point written with the request's own time and tags)
 * and does not have that measurement yet. A {@code checks} point or a custom Trend point without such tags (k6
 * tags them with the VU's scenario and group only, e.g. {@code dbQueryDuration.add(v)} right after the request)
 * attaches to the newest request of its scenario and group without that measurement yet. Points that belong to no
 * request (Counters, Gauges, {@code vus}, {@code iteration_duration}, a Trend before any request of its flow, ...)
 * are counted as ignored: a sample is a request, and a run-level series has no place in the {@code RequestSample}
 * contract yet.
 */
public final class K6NdjsonReader implements ResultReader {

  static final String DEFAULT_SCENARIO = "default";
  /** Requests held open for tool metric points to attach to: bounds memory (a few KB each) and the search. */
  static final int WINDOW = 512;
  private static final int MAX_REASON_CHARS = 200;
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final int maxLineBytes;

  /**
   * @param maxLineBytes longest line accepted (bytes)
   */
  public K6NdjsonReader(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void read(InputStream body, ResultSink sink) throws IOException {
    LineReader reader = new LineReader(body, maxLineBytes);
    Times times = new Times();
    K6Metrics metrics = new K6Metrics();
    ArrayDeque<K6Request> recent = new ArrayDeque<>();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      String text = LineRejections.textOrReject(line, sink);
      if (text == null || text.isBlank()) {
        continue;
      }
      long number = line.number();
      Point parsed;
      try {
        parsed = Point.parse(number, text, times);
      } catch (JacksonException e) {
        sink.rejected(List.of(new LineError(number, null, "malformed JSON: " + shorten(e.getOriginalMessage()))),
            text);
        continue;
      }
      switch (parsed) {
        case MetricLine declaration -> {
          metrics.declare(declaration.metric(), declaration.type(), declaration.contains());
          sink.ignored(number);
        }
        case InvalidPoint invalid -> sink.rejected(invalid.errors(), text);
        case ValidPoint(K6Point point) -> {
          if (point.metric().startsWith("http_req")) {
            K6Request newest = recent.peekLast();
            if (newest == null || !newest.joins(point)) {
              newest = new K6Request(point);
              recent.addLast(newest);
              if (recent.size() > WINDOW) {
                recent.removeFirst().emit(sink);
              }
            }
            newest.add(point);
          } else {
            K6Request newest = recent.peekLast();
            if (newest != null) {
              newest.close();
            }
            toolMetric(point, metrics, recent, sink);
          }
        }
      }
    }
    for (K6Request request : recent) {
      request.emit(sink);
    }
  }

  /**
   * Attaches a point of a metric other than {@code http_req*} to the request it belongs to, searching the
   * {@value #WINDOW} most recent requests newest first; a point that belongs to none is ignored (see the class
   * comment).
   */
  private static void toolMetric(K6Point point, K6Metrics metrics, ArrayDeque<K6Request> recent, ResultSink sink) {
    if (point.metric().equals(K6Metrics.CHECKS)) {
      String check = point.tags().get("check");
      if (check == null || check.isBlank()) {
        sink.rejected(List.of(new LineError(point.line(), "data.tags.check", "is required on checks points "
            + "(the check's name)")), point.text());
        return;
      }
      K6Request request = find(recent, point.tags(), null);
      if (request == null) {
        request = sameFlow(recent, point.tags(), null);
      }
      if (request == null || !request.check(check, point.value() != 0)) {
        sink.ignored(point.line());
      }
      return;
    }
    K6Metrics.Measured measured = metrics.measured(point.metric());
    if (measured == null) {
      sink.ignored(point.line());
      return;
    }
    if (measured.kind() == MeasurementKind.DURATION_US && point.value() < 0) {
      sink.rejected(List.of(new LineError(point.line(), point.metric(), "must be >= 0 ms (a time metric)")),
          point.text());
      return;
    }
    K6Request request = find(recent, point.tags(), measured.name());
    if (request == null && !point.tags().containsKey("name") && !point.tags().containsKey("url")) {
      request = sameFlow(recent, point.tags(), measured.name());
    }
    if (request == null
        || !request.measure(new Measurement(measured.name(), measured.normalise(point.value()), measured.kind()))) {
      sink.ignored(point.line());
    }
  }

  private static @Nullable K6Request find(ArrayDeque<K6Request> recent, Map<String, String> tags,
      @Nullable String measurement) {
    if (!tags.containsKey("name") && !tags.containsKey("url")) {
      return null;
    }
    for (Iterator<K6Request> newestFirst = recent.descendingIterator(); newestFirst.hasNext(); ) {
      K6Request request = newestFirst.next();
      if (request.identifiedBy(tags) && (measurement == null || !request.measures(measurement))) {
        return request;
      }
    }
    return null;
  }

  /**
   * k6 tags a {@code check()}, and a {@code Trend.add(value)} without tags of its own, with the VU's scenario and
   * group only, and the VU calls them right after the response they are about: the newest request of that scenario
   * and group (without that measurement yet) is that response when one VU runs the scenario, and a request of the
   * same flow (possibly another VU's) otherwise. The run's figures stay exact; only the per-endpoint split may blur.
   */
  private static @Nullable K6Request sameFlow(ArrayDeque<K6Request> recent, Map<String, String> tags,
      @Nullable String measurement) {
    for (Iterator<K6Request> newestFirst = recent.descendingIterator(); newestFirst.hasNext(); ) {
      K6Request request = newestFirst.next();
      if (request.sameFlow(tags) && (measurement == null || !request.measures(measurement))) {
        return request;
      }
    }
    return null;
  }

  static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
  }

  private sealed interface Point permits ValidPoint, InvalidPoint, MetricLine {

    /**
     * Parses one line with Jackson's streaming parser (no tree: this is the ingest hot path), in any field order.
     *
     * @throws JacksonException if the line is not one well-formed JSON object without duplicate keys
     */
    static Point parse(long line, String text, Times times) {
      String type = null;
      String metric = null;
      String metricType = null;
      String contains = null;
      boolean dataSeen = false;
      boolean dataObject = false;
      String time = null;
      boolean timeString = false;
      boolean valueNumber = false;
      boolean valueFinite = false;
      double value = 0;
      boolean tagsValid = true;
      Map<String, String> tags = new LinkedHashMap<>();
      List<LineError> errors = new ArrayList<>();
      try (JsonParser parser = MAPPER.createParser(text)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return new InvalidPoint(List.of(new LineError(line, null, "a line must be one JSON object")));
        }
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          JsonToken token = parser.nextToken();
          switch (name) {
            case "type" -> type = token == JsonToken.VALUE_STRING ? parser.getString() : "";
            case "metric" -> metric = token == JsonToken.VALUE_STRING ? parser.getString() : null;
            case "data" -> {
              dataSeen = true;
              if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
              }
              dataObject = true;
              for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                JsonToken fieldToken = parser.nextToken();
                switch (field) {
                  case "time" -> {
                    timeString = fieldToken == JsonToken.VALUE_STRING;
                    time = timeString ? parser.getString() : null;
                  }
                  case "value" -> {
                    valueNumber = fieldToken == JsonToken.VALUE_NUMBER_INT
                        || fieldToken == JsonToken.VALUE_NUMBER_FLOAT;
                    if (valueNumber) {
                      value = parser.getDoubleValue();
                      valueFinite = Double.isFinite(value);
                    }
                  }
                  case "tags" -> {
                    if (fieldToken == JsonToken.START_OBJECT) {
                      for (String tag = parser.nextName(); tag != null; tag = parser.nextName()) {
                        if (parser.nextToken() == JsonToken.VALUE_STRING) {
                          tags.put(tag, parser.getString());
                        } else {
                          parser.skipChildren();
                          errors.add(new LineError(line, "data.tags." + tag, "must be a string"));
                        }
                      }
                    } else if (fieldToken != JsonToken.VALUE_NULL) {
                      parser.skipChildren();
                      tagsValid = false;
                    }
                  }
                  case "type" -> metricType = fieldToken == JsonToken.VALUE_STRING ? parser.getString() : null;
                  case "contains" -> contains = fieldToken == JsonToken.VALUE_STRING ? parser.getString() : null;
                  default -> parser.skipChildren();
                }
              }
            }
            default -> parser.skipChildren();
          }
        }
        if (parser.nextToken() != null) {
          return new InvalidPoint(List.of(new LineError(line, null,
              "malformed JSON: trailing data after the object")));
        }
      }
      if ("Metric".equals(type)) {
        return new MetricLine(metric == null ? "" : metric, metricType, contains);
      }
      if (!"Point".equals(type)) {
        return new InvalidPoint(List.of(new LineError(line, "type", "must be \"Metric\" or \"Point\"")));
      }
      if (metric == null || metric.isBlank()) {
        errors.add(new LineError(line, "metric", "is required (a metric name)"));
      }
      if (!dataSeen || !dataObject) {
        errors.add(new LineError(line, "data", "is required (an object with time, value and tags)"));
        return new InvalidPoint(errors);
      }
      long endUs = 0;
      if (!timeString || time == null) {
        errors.add(new LineError(line, "data.time", "is required (an RFC 3339 timestamp)"));
      } else {
        try {
          endUs = times.micros(time);
        } catch (DateTimeParseException | ArithmeticException e) {
          errors.add(new LineError(line, "data.time", "must be an RFC 3339 timestamp such as "
              + "2026-11-20T10:00:00.123456789Z"));
        }
      }
      if (!valueNumber) {
        errors.add(new LineError(line, "data.value", "must be a number"));
      } else if (!valueFinite) {
        errors.add(new LineError(line, "data.value", "must be finite"));
      }
      if (!tagsValid) {
        errors.add(new LineError(line, "data.tags", "must be an object of string values"));
      }
      if (!errors.isEmpty() || metric == null || time == null) {
        return new InvalidPoint(errors);
      }
      return new ValidPoint(new K6Point(line, metric, time, endUs, value, tags, text));
    }
  }

  private record MetricLine(String metric, @Nullable String type, @Nullable String contains) implements Point {
  }

  private record ValidPoint(K6Point point) implements Point {
  }

  /**
   * Timestamp parsing with a one-entry cache: the points of one request share their time string, and parsing an
   * RFC 3339 timestamp costs more than parsing the rest of the line.
   */
  private static final class Times {

    private @Nullable String last;
    private long lastMicros;

    long micros(String time) {
      if (!time.equals(last)) {
        lastMicros = ChronoUnit.MICROS.between(Instant.EPOCH, OffsetDateTime.parse(time).toInstant());
        last = time;
      }
      return lastMicros;
    }
  }

  private record InvalidPoint(List<LineError> errors) implements Point {
  }
}
