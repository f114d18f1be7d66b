package io.perfplane.ingest.ndjson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.ingest.format.CheckCount;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.NativeSample;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates one line of the native format:
 * <pre>{"endpoint":"GET /items/{id}","method":"GET","status":200,"startUs":1764000000000000,"latencyUs":12345,
 *  "ttfbUs":9000,"bytesIn":512,"bytesOut":0,"scenario":"browse","errorKind":"NONE","tags":{"k":"v"},
 *  "measurements":[{"name":"server_timing.db","value":4200.5,"kind":"DURATION_US"}],
 *  "checks":[{"name":"status is 200","passed":1,"failed":0}]}</pre>
 * {@code endpoint, method, status, startUs, latencyUs} are required; times are integer microseconds. Unknown
 * fields are ignored so newer writers keep working; duplicate keys and trailing data are malformed. Every problem
 * of a line is reported, not just the first.
 *
 * <p>{@code measurements} (optional) are named per ADR 0007 ({@code server_timing.db}, {@code web_vital.lcp},
 * {@code custom.x}); {@code value} is a finite number, µs {@code >= 0} for {@code kind} {@code DURATION_US} (the
 * default kind), the figure itself for {@code SCORE}. {@code checks} (optional) carry {@code passed} and
 * {@code failed} counts (integers {@code >= 0}, both default 0).
 *
 * <p>When {@code errorKind} is absent it is derived from the status: 100..399 is {@code NONE}, 400..599 is
 * {@code HTTP_STATUS}, 0 (no response) is {@code OTHER}. Thread-safe.
 */
public final class NativeSampleParser {

  /** Scenario of a line that names none. */
  public static final String DEFAULT_SCENARIO = "default";

  /** 2000-01-01T00:00Z in µs: an earlier startUs is almost surely in ms or s, not µs. */
  static final long MIN_START_US = 946_684_800_000_000L;

  private static final int MAX_LABEL_CHARS = 1024;
  private static final int MAX_REASON_CHARS = 200;
  private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,16}");
  private static final String ERROR_KINDS = Arrays.toString(ErrorKind.values());

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * Parses one non-blank line.
   *
   * @param lineNumber 1-based line number, echoed in errors
   * @param line the line without its terminator
   */
  public ParsedLine parse(long lineNumber, String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JacksonException e) {
      return rejected(lineNumber, null, "malformed JSON: " + shorten(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      return rejected(lineNumber, null, "a line must be one JSON object");
    }
    Fields fields = new Fields(lineNumber, node);
    String endpoint = fields.requiredLabel("endpoint");
    String method = fields.method();
    Integer status = fields.status();
    Long startUs = fields.requiredLong("startUs", MIN_START_US,
        "must be microseconds since the epoch (a value this small looks like milliseconds or seconds)");
    Long latencyUs = fields.requiredLong("latencyUs", 0, "must be >= 0");
    Long ttfbUs = fields.optionalLong("ttfbUs");
    long bytesIn = orZero(fields.optionalLong("bytesIn"));
    long bytesOut = orZero(fields.optionalLong("bytesOut"));
    String scenario = fields.optionalLabel("scenario");
    ErrorKind errorKind = fields.errorKind();
    Map<String, String> tags = fields.tags();
    List<Measurement> measurements = fields.measurements();
    List<CheckCount> checks = fields.checks();
    if (ttfbUs != null && latencyUs != null && ttfbUs > latencyUs) {
      fields.error("ttfbUs", "must be <= latencyUs (" + latencyUs + ")");
    }
    if (!fields.errors.isEmpty() || endpoint == null || method == null || status == null || startUs == null
        || latencyUs == null) {
      return new ParsedLine.Rejected(fields.errors);
    }
    return new ParsedLine.Valid(new NativeSample(endpoint, method, status, startUs, latencyUs, ttfbUs, bytesIn,
        bytesOut, scenario == null ? DEFAULT_SCENARIO : scenario,
        errorKind == null ? defaultErrorKind(status) : errorKind, tags, measurements, checks));
  }

  static ErrorKind defaultErrorKind(int status) {
    if (status == 0) {
      return ErrorKind.OTHER;
    }
    return status >= 400 ? ErrorKind.HTTP_STATUS : ErrorKind.NONE;
  }

  private static ParsedLine rejected(long lineNumber, @Nullable String field, String reason) {
    return new ParsedLine.Rejected(List.of(new LineError(lineNumber, field, reason)));
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  private static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
  }

  /** Typed access to one line's fields, collecting every error. */
  private static final class Fields {

    private final long line;
    private final JsonNode node;
    private final List<LineError> errors = new ArrayList<>();

    Fields(long line, JsonNode node) {
      this.line = line;
      this.node = node;
    }

    void error(String field, String reason) {
      errors.add(new LineError(line, field, reason));
    }

    private @Nullable JsonNode present(String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value;
    }

    @Nullable String requiredLabel(String field) {
      if (present(field) == null) {
        error(field, "is required");
        return null;
      }
      return optionalLabel(field);
    }

    @Nullable String optionalLabel(String field) {
      JsonNode value = present(field);
      if (value == null) {
        return null;
      }
      if (!value.isString()) {
        error(field, "must be a string");
        return null;
      }
      String text = value.stringValue();
      if (text.isBlank()) {
        error(field, "must not be blank");
        return null;
      }
      if (text.length() > MAX_LABEL_CHARS) {
        error(field, "must be at most " + MAX_LABEL_CHARS + " characters");
        return null;
      }
      return text;
    }

    @Nullable String method() {
      String method = requiredLabel("method");
      if (method != null && !METHOD.matcher(method).matches()) {
        error("method", "must be an HTTP method token such as GET");
        return null;
      }
      return method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    @Nullable Integer status() {
      Long status = requiredLong("status", 0, "must be >= 0");
      if (status == null) {
        return null;
      }
      if (status != 0 && (status < 100 || status > 599)) {
        error("status", "must be 0 (no response) or an HTTP status 100..599");
        return null;
      }
      return status.intValue();
    }

    @Nullable Long requiredLong(String field, long min, String belowMin) {
      if (present(field) == null) {
        error(field, "is required");
        return null;
      }
      Long value = integer(field);
      if (value != null && value < min) {
        error(field, belowMin);
        return null;
      }
      return value;
    }

    @Nullable Long optionalLong(String field) {
      if (present(field) == null) {
        return null;
      }
      Long value = integer(field);
      if (value != null && value < 0) {
        error(field, "must be >= 0");
        return null;
      }
      return value;
    }

    private @Nullable Long integer(String field) {
      JsonNode value = node.get(field);
      if (!value.isNumber()) {
        error(field, "must be a number, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        return null;
      }
      if (!value.isIntegralNumber()) {
        error(field, "must be an integer (microseconds and counts have no fraction)");
        return null;
      }
      if (!value.canConvertToLong()) {
        error(field, "is out of range");
        return null;
      }
      return value.longValue();
    }

    @Nullable ErrorKind errorKind() {
      String kind = optionalLabel("errorKind");
      if (kind == null) {
        return null;
      }
      try {
        return ErrorKind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        error("errorKind", "must be one of " + ERROR_KINDS);
        return null;
      }
    }

    Map<String, String> tags() {
      JsonNode value = present("tags");
      if (value == null) {
        return Map.of();
      }
      if (!value.isObject()) {
        error("tags", "must be an object of string values");
        return Map.of();
      }
      Map<String, String> tags = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> tag : value.properties()) {
        if (!tag.getValue().isString()) {
          error("tags." + tag.getKey(), "must be a string");
        } else {
          tags.put(tag.getKey(), tag.getValue().stringValue());
        }
      }
      return tags;
    }

    List<Measurement> measurements() {
      JsonNode value = present("measurements");
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        error("measurements", "must be an array of {name, value, kind}");
        return List.of();
      }
      List<Measurement> measurements = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        String field = "measurements[" + i + "]";
        JsonNode entry = value.get(i);
        if (!entry.isObject()) {
          error(field, "must be an object {name, value, kind}");
          continue;
        }
        String name = name(field, entry.get("name"));
        JsonNode number = entry.get("value");
        MeasurementKind kind = MeasurementKind.DURATION_US;
        JsonNode kindNode = entry.get("kind");
        if (kindNode != null && !kindNode.isNull()) {
          String kindText = kindNode.isString() ? kindNode.stringValue().toUpperCase(Locale.ROOT) : "";
          if (kindText.equals("DURATION_US") || kindText.equals("SCORE")) {
            kind = MeasurementKind.valueOf(kindText);
          } else {
            error(field + ".kind", "must be DURATION_US (µs) or SCORE (unitless)");
            continue;
          }
        }
        if (number == null || !number.isNumber() || !Double.isFinite(number.doubleValue())) {
          error(field + ".value", "must be a finite number");
        } else if (kind == MeasurementKind.DURATION_US && number.doubleValue() < 0) {
          error(field + ".value", "must be >= 0 (µs)");
        } else if (name != null) {
          measurements.add(new Measurement(name, number.doubleValue(), kind));
        }
      }
      return measurements;
    }

    List<CheckCount> checks() {
      JsonNode value = present("checks");
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        error("checks", "must be an array of {name, passed, failed}");
        return List.of();
      }
      List<CheckCount> checks = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        String field = "checks[" + i + "]";
        JsonNode entry = value.get(i);
        if (!entry.isObject()) {
          error(field, "must be an object {name, passed, failed}");
          continue;
        }
        String name = name(field, entry.get("name"));
        Integer passed = count(field + ".passed", entry.get("passed"));
        Integer failed = count(field + ".failed", entry.get("failed"));
        if (name != null && passed != null && failed != null) {
          checks.add(new CheckCount(name, passed, failed));
        }
      }
      return checks;
    }

    private @Nullable String name(String field, @Nullable JsonNode name) {
      if (name == null || !name.isString() || name.stringValue().isBlank()) {
        error(field + ".name", "is required (a non-blank string)");
        return null;
      }
      if (name.stringValue().length() > MAX_LABEL_CHARS) {
        error(field + ".name", "must be at most " + MAX_LABEL_CHARS + " characters");
        return null;
      }
      return name.stringValue();
    }

    private @Nullable Integer count(String field, @Nullable JsonNode count) {
      if (count == null || count.isNull()) {
        return 0;
      }
      if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
        error(field, "must be an integer 0.." + Integer.MAX_VALUE);
        return null;
      }
      return count.intValue();
    }
  }
}
