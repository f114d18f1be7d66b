package io.perfplane.loadgen.plan;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.TestDefinition.CheckSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import org.jspecify.annotations.Nullable;

/**
 * A scenario's steps ({@code steps:}): method, path, header and body templates, probability and checks, each checked
 * under its field path. A path is checked on the URL it makes with every variable filled, so that no variable
 * value can move a request off the target host.
 */
final class StepSection {

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  static final Pattern JSON_PATH = Pattern.compile("\\$((\\.[A-Za-z_][A-Za-z0-9_-]*)|(\\[[0-9]+]))*");
  private static final Pattern JSON_PATH_PART = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[([0-9]+)]");

  private final FieldChecks checks;
  private final ThinkTimeSection thinkTimes;
  private final ExtractSection extracts;

  StepSection(FieldChecks checks, ThinkTimeSection thinkTimes) {
    this.checks = checks;
    this.thinkTimes = thinkTimes;
    this.extracts = new ExtractSection(checks);
  }


  /**
   * The step, or null (with violations) when it is unusable.
   *
   * @param defaultHeaders the definition's default headers, already checked; the step's own win
   * @param variables the names its templates may use besides {@code extracted}: built-ins and feeder columns
   * @param extracted the names the scenario's {@code extract:} entries define
   */
  ValidPlan.@Nullable Step step(@Nullable StepSpec spec, String field, String baseUrl,
      Map<String, String> defaultHeaders, Set<String> variables, Set<String> extracted) {
    Set<String> usable = new HashSet<>(variables);
    usable.addAll(extracted);
    if (spec == null) {
      checks.add(field, "must not be null");
      return null;
    }
    int before = checks.count();
    checks.requireText(spec.name(), field + ".name");
    String method = spec.method() == null ? "GET" : spec.method().strip().toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches() || method.equals("CONNECT")) {
      checks.add(field + ".method", "must be an HTTP method such as GET or POST");
    }
    Template path = template(spec.path(), field + ".path", usable, true);
    if (path != null) {
      // Variables are percent-encoded when rendered, so the literal parts decide where the request goes.
      String probe = path.render(name -> "x", v -> v);
      Optional<String> authority = TargetAllowList.authorityOf(baseUrl);
      URI uri = PlanTarget.checkPath(probe, baseUrl, authority, field + ".path", checks.sink());
      if (uri == null && authority.isPresent() && checks.count() == before) {
        checks.add(field + ".path", "is not a valid path");
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(defaultHeaders);
    merged.putAll(headers(spec.headers(), field + ".headers"));
    Map<String, Template> headers = new LinkedHashMap<>();
    merged.forEach((name, value) -> {
      Template t = template(value, field + ".headers." + name, usable, false);
      if (t != null) {
        headers.put(name, t);
      }
    });
    Template body = spec.body() == null ? Template.literal("")
        : template(spec.body(), field + ".body", usable, false);
    double probability = 1;
    if (spec.probability() != null) {
      if (!(spec.probability() > 0 && spec.probability() <= 1)) {
        checks.add(field + ".probability", "must be in (0, 1]");
      } else {
        probability = spec.probability();
      }
    }
    List<Check> responseChecks = checks(spec.checks(), field + ".checks");
    ThinkTime think = spec.thinkTime() == null ? null : thinkTimes.thinkTime(spec.thinkTime(), field + ".thinkTime");
    String group = spec.group() == null || spec.group().isBlank() ? null : spec.group().strip();
    List<Extraction> extractions = extracts.extractions(spec.extract(), field + ".extract", variables);
    if (checks.count() != before || path == null || body == null) {
      return null;
    }
    Set<String> requires = new HashSet<>(path.variables());
    requires.addAll(body.variables());
    headers.values().forEach(t -> requires.addAll(t.variables()));
    requires.retainAll(extracted);
    return new ValidPlan.Step(FieldChecks.textOf(spec.name()), group, method, path, headers, body, probability,
        responseChecks, think, extractions, requires);
  }

  /** Headers the JDK client would send as written; {@code field} is the path of the map. */
  Map<String, String> headers(@Nullable Map<String, @Nullable String> headers, String field) {
    Map<String, String> result = new LinkedHashMap<>();
    if (headers == null) {
      return result;
    }
    URI probe = URI.create("http://localhost/");
    headers.forEach((name, value) -> {
      if (value == null) {
        checks.add(field + "." + name, "must not be null");
        return;
      }
      try {
        // The JDK client refuses restricted (Host, Connection, ...) and malformed headers: find out now.
        HttpRequest.newBuilder(probe).header(name, value);
        result.put(name, value);
      } catch (IllegalArgumentException e) {
        checks.add(field + "." + name, String.valueOf(e.getMessage()));
      }
    });
    return result;
  }

  private @Nullable Template template(@Nullable String text, String field, Set<String> variables, boolean required) {
    if (text == null || (required && text.isBlank())) {
      if (required) {
        checks.add(field, "is required");
      }
      return text == null ? null : Template.literal(text);
    }
    Template template;
    try {
      template = Template.parse(text);
    } catch (IllegalArgumentException e) {
      checks.add(field, String.valueOf(e.getMessage()));
      return null;
    }
    for (String name : template.variables()) {
      if (!variables.contains(name)) {
        checks.add(field, "uses ${" + name + "}, which neither the scenario's feeder, its extract entries nor the "
            + "built-ins " + Template.BUILT_INS + " define");
        return null;
      }
    }
    return template;
  }

  private List<Check> checks(@Nullable List<@Nullable CheckSpec> specs, String field) {
    List<Check> result = new ArrayList<>();
    if (specs == null) {
      return result;
    }
    for (int i = 0; i < specs.size(); i++) {
      CheckSpec spec = specs.get(i);
      String f = field + "[" + i + "]";
      if (spec == null) {
        checks.add(f, "must not be null");
        continue;
      }
      int given = (spec.status() == null ? 0 : 1) + (spec.bodyContains() == null ? 0 : 1)
          + (spec.jsonPath() == null ? 0 : 1);
      if (given != 1) {
        checks.add(f, "must have exactly one of status, bodyContains, jsonPath");
        continue;
      }
      if (spec.equals() != null && spec.jsonPath() == null) {
        checks.add(f + ".equals", "is only used with jsonPath");
      }
      if (spec.status() != null) {
        Set<Integer> statuses = new HashSet<>();
        for (Integer status : spec.status()) {
          if (status == null || status < 100 || status > 599) {
            checks.add(f + ".status", "must list HTTP statuses between 100 and 599");
          } else {
            statuses.add(status);
          }
        }
        if (statuses.isEmpty()) {
          checks.add(f + ".status", "must list at least one status");
        }
        result.add(new Check.Status(statuses));
      } else if (spec.bodyContains() != null) {
        if (spec.bodyContains().isEmpty()) {
          checks.add(f + ".bodyContains", "must not be empty");
        }
        result.add(new Check.BodyContains(spec.bodyContains()));
      } else {
        String path = spec.jsonPath().strip();
        if (!JSON_PATH.matcher(path).matches()) {
          checks.add(f + ".jsonPath", "must look like $.items[0].slug (fields and indexes only)");
          continue;
        }
        result.add(new Check.JsonPath(path, pointer(path), spec.equals()));
      }
    }
    return result;
  }

  /** {@code $.items[0].slug} → {@code /items/0/slug}. */
  static String pointer(String jsonPath) {
    StringBuilder pointer = new StringBuilder();
    var m = JSON_PATH_PART.matcher(jsonPath.substring(1));
    while (m.find()) {
      pointer.append('/').append(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return pointer.toString();
  }
}
