package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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
  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    return JSON.writeValueAsString(Map.of("schema", SCHEMA, "slos", carried));
  }
}
