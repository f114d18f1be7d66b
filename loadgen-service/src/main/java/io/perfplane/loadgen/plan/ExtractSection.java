package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.perfplane.loadgen.plan.TestDefinition.ExtractSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import org.jspecify.annotations.Nullable;

/**
 * A step's captures ({@code extract:}): each names a variable and exactly one of jsonPath, regex (compiling, with a
 * group) or header. The variables live per virtual user, so that later steps, later iterations and, after
 * {@code onStart}, every iteration can use them.
 */
final class ExtractSection {

  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  // RFC 9110 token characters: a header name as it can appear on the wire.
  private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final FieldChecks checks;

  ExtractSection(FieldChecks checks) {
    this.checks = checks;
  }

  /**
   * The names the steps' {@code extract:} entries define, for the templates of every step of the scenario; names
   * that are invalid are left for {@link #extractions} to report.
   */
  static Set<String> names(List<@Nullable StepSpec> steps, Set<String> into) {
    for (StepSpec step : steps) {
      if (step != null && step.extract() != null) {
        for (ExtractSpec spec : step.extract()) {
          if (spec != null && spec.name() != null && NAME.matcher(spec.name().strip()).matches()) {
            into.add(spec.name().strip());
          }
        }
      }
    }
    return into;
  }

  /**
   * The checked captures; invalid ones are reported under {@code field} and left out.
   *
   * @param reserved names a capture may not take (built-ins and feeder columns)
   */
  List<Extraction> extractions(@Nullable List<@Nullable ExtractSpec> specs, String field, Set<String> reserved) {
    List<Extraction> result = new ArrayList<>();
    if (specs == null) {
      return result;
    }
    for (int i = 0; i < specs.size(); i++) {
      ExtractSpec spec = specs.get(i);
      String f = field + "[" + i + "]";
      if (spec == null) {
        checks.add(f, "must not be null");
        continue;
      }
      String name = spec.name() == null ? null : spec.name().strip();
      if (name == null || !NAME.matcher(name).matches()) {
        checks.add(f + ".name", "must be a variable name (a letter or _ first, then letters, digits, _ . -)");
        continue;
      }
      if (reserved.contains(name)) {
        checks.add(f + ".name", "'" + name + "' is already a built-in or feeder variable");
        continue;
      }
      int given = (spec.jsonPath() == null ? 0 : 1) + (spec.regex() == null ? 0 : 1) + (spec.header() == null ? 0 : 1);
      if (given != 1) {
        checks.add(f, "must have exactly one of jsonPath, regex, header");
        continue;
      }
      Extraction extraction = spec.jsonPath() != null ? jsonPath(name, spec.jsonPath(), f + ".jsonPath")
          : spec.regex() != null ? regex(name, spec.regex(), f + ".regex")
          : header(name, spec.header(), f + ".header");
      if (extraction != null) {
        result.add(extraction);
      }
    }
    return result;
  }

  private @Nullable Extraction jsonPath(String name, String text, String field) {
    String path = text.strip();
    if (!StepSection.JSON_PATH.matcher(path).matches()) {
      checks.add(field, "must look like $.items[0].id (fields and indexes only)");
      return null;
    }
    return new Extraction.JsonPath(name, path, StepSection.pointer(path));
  }

  private @Nullable Extraction regex(String name, String text, String field) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      checks.add(field, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
      return null;
    }
    if (pattern.matcher("").groupCount() < 1) {
      checks.add(field, "must have a group, e.g. name=\"csrf\" value=\"([^\"]+)\": its first group is the value");
      return null;
    }
    return new Extraction.Regex(name, pattern);
  }

  private @Nullable Extraction header(String name, String text, String field) {
    String header = text.strip();
    if (!HEADER.matcher(header).matches()) {
      checks.add(field, "must be a header name such as Location");
      return null;
    }
    return new Extraction.Header(name, header.toLowerCase(Locale.ROOT));
  }
}
