package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A definition's {@code slos:} section, checked in shape (each a mapping with an {@code id} and an
 * {@code objective}, known fields only) and carried as JSON on the run's STARTED event. The objectives themselves
 * are parsed by whoever holds the run to them (the launcher, with file/line/field errors; format in
 * docs/loadgen-service.md); loadgen only makes sure a malformed section is refused, not silently carried.
 */
final class SloSection {

  /** Version of the STARTED attribute's JSON; a reader ignores versions it does not know. */
  static final int SCHEMA = 1;

  private static final Set<String> KEYS = Set.of("id", "objective", "endpoint", "window", "minRequests",
      "abortOnFail", "description");

  private SloSection() {
  }

  /** {@code {"schema":1,"slos":[...]}}, or "" when there are none; shape errors are added to {@code invalid}. */
  static String json(@Nullable List<@Nullable Map<String, @Nullable Object>> slos, List<FieldViolation> invalid) {
    if (slos == null || slos.isEmpty()) {
      return "";
    }
    List<Map<String, String>> carried = new ArrayList<>();
    for (int i = 0; i < slos.size(); i++) {
      String field = "slos[" + i + "]";
      Map<String, @Nullable Object> slo = slos.get(i);
      if (slo == null) {
        invalid.add(new FieldViolation(field, "must be a mapping with id and objective"));
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, @Nullable Object> entry : slo.entrySet()) {
        Object value = entry.getValue();
        if (!KEYS.contains(entry.getKey())) {
          invalid.add(new FieldViolation(field + "." + entry.getKey(), "unknown field; expected one of " + KEYS));
        } else if (value == null || value instanceof Map || value instanceof List) {
          invalid.add(new FieldViolation(field + "." + entry.getKey(), "must be a single value"));
        } else {
          values.put(entry.getKey(), value.toString());
        }
      }
      for (String required : List.of("id", "objective")) {
        if (!slo.containsKey(required)) {
          invalid.add(new FieldViolation(field + "." + required, "is required"));
        }
      }
      carried.add(values);
    }
    StringBuilder json = new StringBuilder("{\"schema\":").append(SCHEMA).append(",\"slos\":[");
    for (int i = 0; i < carried.size(); i++) {
      json.append(i == 0 ? "{" : ",{");
      boolean first = true;
      for (Map.Entry<String, String> entry : carried.get(i).entrySet()) {
        json.append(first ? "" : ",");
        quote(json, entry.getKey()).append(':');
        quote(json, entry.getValue());
        first = false;
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }

  // Hand-written so the plan package stays plain Java (ArchitectureTest); values are strings only.
  private static StringBuilder quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
