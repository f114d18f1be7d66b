package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which response headers a run turns into {@code server_timing.<name>} measurements (ADR 0007): the W3C
 * {@code Server-Timing} header, and plain-number headers the definition names ({@code serverTimings: [{header:
 * X-Db-Query-Duration, name: db, unit: ms}]}).
 *
 * @param serverTimingHeader whether the {@code Server-Timing} header is parsed
 * @param headers configured duration headers, in definition order, header names unique
 */
public record TimingCapture(boolean serverTimingHeader, List<Header> headers) {

  /** No {@code serverTimings:} key, or {@code true}: the {@code Server-Timing} header only. */
  public static final TimingCapture DEFAULT = new TimingCapture(true, List.of());
  /** {@code serverTimings: false}. */
  public static final TimingCapture NONE = new TimingCapture(false, List.of());

  /** Most configured headers: each is a header to capture on every response. */
  static final int MAX_HEADERS = 16;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public TimingCapture {
    headers = List.copyOf(headers);
  }

  /** Whether nothing is captured. */
  public boolean isEmpty() {
    return !serverTimingHeader && headers.isEmpty();
  }

  /**
   * A configured duration header.
   *
   * @param header the header name in lower case
   * @param name the measurement's name after {@code server_timing.}
   * @param unit the value's unit as written: {@code us}/{@code µs}, {@code ms} or {@code s}
   */
  public record Header(String header, String name, String unit) {
  }

  /**
   * The definition's {@code serverTimings:} value: null or {@code true} (default), {@code false}, or a list of
   * {@code {header, name, unit}} mappings. Problems are added to {@code invalid} naming the field.
   */
  static TimingCapture of(@Nullable Object spec, List<FieldViolation> invalid) {
    if (spec == null || Boolean.TRUE.equals(spec)) {
      return DEFAULT;
    }
    if (Boolean.FALSE.equals(spec)) {
      return NONE;
    }
    if (!(spec instanceof List<?> list)) {
      invalid.add(new FieldViolation("serverTimings", "must be true, false or a list of {header, name, unit}"));
      return DEFAULT;
    }
    if (list.size() > MAX_HEADERS) {
      invalid.add(new FieldViolation("serverTimings", "must name at most " + MAX_HEADERS + " headers"));
      return DEFAULT;
    }
    List<Header> headers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "serverTimings[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        invalid.add(new FieldViolation(field, "must be a mapping {header, name, unit}"));
        continue;
      }
      for (Object key : map.keySet()) {
        if (!Set.of("header", "name", "unit").contains(String.valueOf(key))) {
          invalid.add(new FieldViolation(field + "." + key, "is not a known field (header, name, unit)"));
        }
      }
      String header = text(map.get("header"));
      String name = text(map.get("name"));
      String unit = map.containsKey("unit") ? text(map.get("unit")) : "ms";
      int before = invalid.size();
      if (header == null || !TOKEN.matcher(header).matches()) {
        invalid.add(new FieldViolation(field + ".header", "must be a header name such as X-Db-Query-Duration"));
      } else if (header.equalsIgnoreCase("server-timing")) {
        invalid.add(new FieldViolation(field + ".header", "Server-Timing is parsed by default; name other headers"));
      } else if (!seen.add(header.toLowerCase(Locale.ROOT))) {
        invalid.add(new FieldViolation(field + ".header", "duplicates another entry's header"));
      }
      if (name == null || !NAME.matcher(name).matches()) {
        invalid.add(new FieldViolation(field + ".name", "must be 1-64 characters [A-Za-z0-9_-] (the measurement is"
            + " server_timing.<name>)"));
      }
      if (unit == null || !Set.of("us", "µs", "ms", "s").contains(unit.strip().toLowerCase(Locale.ROOT))) {
        invalid.add(new FieldViolation(field + ".unit", "must be one of us, µs, ms, s"));
      }
      if (invalid.size() == before) {
        headers.add(new Header(header.toLowerCase(Locale.ROOT), name, unit.strip()));
      }
    }
    return new TimingCapture(true, headers);
  }

  private static @Nullable String text(@Nullable Object value) {
    return value instanceof String s && !s.isBlank() ? s.strip() : null;
  }
}
