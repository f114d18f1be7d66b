package io.perfplane.ingest.k6;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.NativeSample;
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
 * A request's points are accepted or rejected together, reported at the line of its first point. Metric lines and
 * points of non-HTTP metrics ({@code vus}, {@code checks}, {@code iteration_duration}, custom metrics, ...) are
 * counted as ignored.
 */
public final class K6NdjsonReader implements ResultReader {

  static final String DEFAULT_SCENARIO = "default";
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
    @Nullable Request request = null;
    Times times = new Times();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      String text = LineRejections.textOrReject(line, sink);
      if (text == null || text.isBlank()) {
        continue;
      }
      long number = line.number();
      Point point;
      try {
        point = Point.parse(number, text, times);
      } catch (JacksonException e) {
        sink.rejected(List.of(new LineError(number, null, "malformed JSON: " + shorten(e.getOriginalMessage()))),
            text);
        continue;
      }
      if (point instanceof MetricLine) {
        sink.ignored(number);
        continue;
      }
      if (point instanceof InvalidPoint invalid) {
        sink.rejected(invalid.errors(), text);
        continue;
      }
      ValidPoint valid = (ValidPoint) point;
      if (!valid.metric().startsWith("http_req")) {
        request = flush(request, sink);
        sink.ignored(number);
        continue;
      }
      if (request != null && !request.joins(valid)) {
        request = flush(request, sink);
      }
      if (request == null) {
        request = new Request(valid);
      }
      request.add(valid);
    }
    flush(request, sink);
  }

  private static @Nullable Request flush(@Nullable Request request, ResultSink sink) {
    if (request != null) {
      request.emit(sink);
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
        return new MetricLine();
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
      return new ValidPoint(line, metric, time, endUs, value, tags, text);
    }
  }

  private record MetricLine() implements Point {
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

  private record ValidPoint(long line, String metric, String time, long endUs, double value,
      Map<String, String> tags, String text) implements Point {
  }

  private record InvalidPoint(List<LineError> errors) implements Point {
  }

  /** The points of one HTTP request seen so far. */
  private static final class Request {

    private final ValidPoint first;
    private final Set<String> metrics = new HashSet<>();
    private @Nullable ValidPoint duration;
    private @Nullable ValidPoint waiting;
    private @Nullable ValidPoint failed;

    Request(ValidPoint first) {
      this.first = first;
    }

    boolean joins(ValidPoint point) {
      return !metrics.contains(point.metric()) && point.time().equals(first.time())
          && point.tags().equals(first.tags());
    }

    void add(ValidPoint point) {
      metrics.add(point.metric());
      switch (point.metric()) {
        case "http_req_duration" -> duration = point;
        case "http_req_waiting" -> waiting = point;
        case "http_req_failed" -> failed = point;
        default -> {
          // http_reqs, blocked, connecting, tls_handshaking, sending, receiving: not part of RequestSample.
        }
      }
    }

    void emit(ResultSink sink) {
      long line = first.line();
      List<LineError> errors = new ArrayList<>();
      Map<String, String> tags = first.tags();
      String endpoint = required(line, tags, "name", errors);
      String method = required(line, tags, "method", errors);
      String statusText = required(line, tags, "status", errors);
      int status = 0;
      if (statusText != null) {
        try {
          status = Integer.parseInt(statusText);
          if (status != 0 && (status < 100 || status > 599)) {
            errors.add(new LineError(line, "data.tags.status", "must be 0 (no response) or 100..599"));
          }
        } catch (NumberFormatException e) {
          errors.add(new LineError(line, "data.tags.status", "must be an integer"));
        }
      }
      if (method != null && !method.matches("[A-Za-z]{1,16}")) {
        errors.add(new LineError(line, "data.tags.method", "must be an HTTP method token such as GET"));
      }
      long latencyUs = -1;
      if (duration == null) {
        errors.add(new LineError(line, "http_req_duration", "this request (time " + first.time()
            + ") has no http_req_duration point"));
      } else if (duration.value() < 0) {
        errors.add(new LineError(duration.line(), "http_req_duration", "must be >= 0 ms"));
      } else {
        latencyUs = Math.round(duration.value() * 1000.0);
      }
      @Nullable Long ttfbUs = null;
      if (waiting != null) {
        if (waiting.value() < 0) {
          errors.add(new LineError(waiting.line(), "http_req_waiting", "must be >= 0 ms"));
        } else {
          ttfbUs = Math.round(waiting.value() * 1000.0);
        }
      }
      if (failed != null && failed.value() != 0 && failed.value() != 1) {
        errors.add(new LineError(failed.line(), "http_req_failed", "must be 0 or 1"));
      }
      String payload = duration == null ? first.text() : duration.text();
      if (!errors.isEmpty() || endpoint == null || method == null) {
        sink.rejected(errors, payload);
        return;
      }
      Map<String, String> kept = new LinkedHashMap<>();
      for (String tag : List.of("group", "expected_response", "error_code")) {
        String value = tags.get(tag);
        if (value != null && !value.isEmpty()) {
          kept.put(tag, value);
        }
      }
      String scenario = tags.getOrDefault("scenario", DEFAULT_SCENARIO);
      sink.sample(line, new NativeSample(endpoint, method.toUpperCase(Locale.ROOT), status,
          first.endUs() - latencyUs, latencyUs, ttfbUs == null ? null : Math.min(ttfbUs, latencyUs), 0, 0,
          scenario.isBlank() ? DEFAULT_SCENARIO : scenario, errorKind(status, tags.get("error_code")), kept),
          payload);
    }

    private ErrorKind errorKind(int status, @Nullable String errorCode) {
      boolean isFailed = failed == null ? status == 0 || status >= 400 : failed.value() == 1;
      if (!isFailed) {
        return ErrorKind.NONE;
      }
      if (status >= 400) {
        return ErrorKind.HTTP_STATUS;
      }
      if (status != 0) {
        return ErrorKind.OTHER; // failed by the script's responseCallback despite a 1xx-3xx status
      }
      int code = parseOrZero(errorCode);
      // k6 error codes: 1050 request timeout; 1100-1199 DNS; 1200-1299 TCP; 1300-1399 TLS; 1000-1099 generic.
      if (code == 1050) {
        return ErrorKind.TIMEOUT;
      }
      if (code >= 1100 && code < 1400) {
        return ErrorKind.CONNECT;
      }
      return code >= 1000 && code < 1100 ? ErrorKind.IO : ErrorKind.OTHER;
    }

    private static int parseOrZero(@Nullable String text) {
      try {
        return text == null ? 0 : Integer.parseInt(text);
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    private static @Nullable String required(long line, Map<String, String> tags, String tag,
        List<LineError> errors) {
      String value = tags.get(tag);
      if (value == null || value.isBlank()) {
        errors.add(new LineError(line, "data.tags." + tag, "is required on HTTP points"));
        return null;
      }
      return value;
    }
  }
}
