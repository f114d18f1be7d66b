package io.perfplane.loadgen.plan;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.json.JsonText;
import io.perfplane.contracts.slo.SloFile;
import org.jspecify.annotations.Nullable;

/**
 * A definition's {@code slos:} section, checked by the SLO format's one reader ({@link SloFile}: known fields, a
 * parsable objective, window and burn-rate rules) and carried as JSON on the run's STARTED event, where the
 * analyzer reads it with the same reader. A bad section is refused at submission, naming the field, instead of
 * being found (and ignored) by the analyzer mid-run. Format in docs/loadgen-service.md.
 */
final class SloSection {

  /** Version of the STARTED attribute's JSON; a reader ignores versions it does not know. */
  static final int SCHEMA = 1;

  private SloSection() {
  }

  /** {@code {"schema":1,"slos":[...]}}, or "" when there are none; the first error is added to {@code invalid}. */
  static String json(@Nullable List<@Nullable Map<String, @Nullable Object>> slos, List<FieldViolation> invalid) {
    if (slos == null || slos.isEmpty()) {
      return "";
    }
    StringBuilder json = new StringBuilder("{\"schema\":").append(SCHEMA).append(",\"slos\":");
    write(json, slos);
    String text = json.append('}').toString();
    try {
      SloFile.parse("slos", new StringReader(text));
    } catch (SloFile.InvalidSloFileException e) {
      invalid.add(new FieldViolation(e.field(), e.problem()));
    }
    return text;
  }

  // Hand-written so the plan package stays plain Java (ArchitectureTest). Scalars travel as strings: the reader
  // parses every value from its text, as it does in YAML.
  private static void write(StringBuilder out, @Nullable Object value) {
    switch (value) {
      case null -> out.append("null");
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(first ? "" : ",");
          quote(out, String.valueOf(entry.getKey())).append(':');
          write(out, entry.getValue());
          first = false;
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(out, list.get(i));
        }
        out.append(']');
      }
      default -> quote(out, value.toString());
    }
  }

  private static StringBuilder quote(StringBuilder out, String value) {
    return JsonText.quote(out, value);
  }
}
