package io.perfplane.ingest.k6;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.ingest.format.CheckCount;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.format.SampleRules;
import org.jspecify.annotations.Nullable;

/**
 * The points of one HTTP request seen so far: its built-in {@code http_req*} points, and the tool metrics
 * (custom Trends, web vitals, checks) attached to it by {@link K6NdjsonReader}.
 */
final class K6Request {


  private final K6Point first;
  private final Set<String> metrics = new HashSet<>();
  private @Nullable K6Point duration;
  private @Nullable K6Point waiting;
  private @Nullable K6Point failed;
  private final List<Measurement> measurements = new ArrayList<>(2);
  private final Map<String, CheckCount> checks = new LinkedHashMap<>();
  private boolean closed;

  K6Request(K6Point first) {
    this.first = first;
  }

  /** Whether an {@code http_req*} point is one more point of this request. */
  boolean joins(K6Point point) {
    return !closed && !metrics.contains(point.metric()) && point.time().equals(first.time())
        && point.tags().equals(first.tags());
  }

  void add(K6Point point) {
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

  /** No more {@code http_req*} points join: a point of another kind came after this request's. */
  void close() {
    closed = true;
  }

  /**
   * Whether a tool metric point with {@code pointTags} names this request: it shares the request's {@code name}
   * or {@code url} tag and agrees with every other tag both have (scenario, group, method, status, vu, ...). Tags
   * only the point has ({@code check}, the script's own) do not matter.
   */
  boolean identifiedBy(Map<String, String> pointTags) {
    boolean named = shared(pointTags, "name") || shared(pointTags, "url");
    if (!named) {
      return false;
    }
    Map<String, String> tags = first.tags();
    for (Map.Entry<String, String> tag : pointTags.entrySet()) {
      String own = tags.get(tag.getKey());
      if (own != null && !own.equals(tag.getValue())) {
        return false;
      }
    }
    return true;
  }

  private boolean shared(Map<String, String> pointTags, String tag) {
    String value = pointTags.get(tag);
    return value != null && value.equals(first.tags().get(tag));
  }

  /** Whether an untagged point (a k6 check without tags) comes from the same scenario and group. */
  boolean sameFlow(Map<String, String> pointTags) {
    Map<String, String> tags = first.tags();
    return Objects.equals(pointTags.getOrDefault("scenario", K6NdjsonReader.DEFAULT_SCENARIO),
        tags.getOrDefault("scenario", K6NdjsonReader.DEFAULT_SCENARIO))
        && Objects.equals(pointTags.getOrDefault("group", ""), tags.getOrDefault("group", ""));
  }

  boolean measures(String name) {
    for (Measurement measurement : measurements) {
      if (measurement.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Attaches a measurement this request does not have yet ({@link #measures} is false).
   *
   * @return false, attaching nothing, if the request has {@link SampleRules#MAX_NAMED_PER_SAMPLE} already (the
   *     point is then the caller's to count as ignored, rather than the whole request rejected)
   */
  boolean measure(Measurement measurement) {
    if (measurements.size() >= SampleRules.MAX_NAMED_PER_SAMPLE) {
      return false;
    }
    measurements.add(measurement);
    return true;
  }

  /**
   * Counts one evaluation of check {@code name}: repeated evaluations of one check on a request add up.
   *
   * @return false, counting nothing, if this would be a check name beyond
   *     {@link SampleRules#MAX_NAMED_PER_SAMPLE}
   */
  boolean check(String name, boolean passed) {
    if (!checks.containsKey(name) && checks.size() >= SampleRules.MAX_NAMED_PER_SAMPLE) {
      return false;
    }
    checks.merge(name, new CheckCount(name, passed ? 1 : 0, passed ? 0 : 1), (sum, one) -> sum.plus(passed));
    return true;
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
    String scenario = tags.getOrDefault("scenario", K6NdjsonReader.DEFAULT_SCENARIO);
    sink.sample(line, new NativeSample(endpoint, method.toUpperCase(Locale.ROOT), status,
        first.endUs() - latencyUs, latencyUs, ttfbUs == null ? null : Math.min(ttfbUs, latencyUs), 0, 0,
        scenario.isBlank() ? K6NdjsonReader.DEFAULT_SCENARIO : scenario,
        errorKind(status, tags.get("error_code")), kept, measurements, List.copyOf(checks.values())), payload);
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
