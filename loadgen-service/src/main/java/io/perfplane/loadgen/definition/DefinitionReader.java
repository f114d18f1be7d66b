package io.perfplane.loadgen.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.RunPlan;
import io.perfplane.loadgen.plan.TestDefinition;
import io.perfplane.loadgen.plan.ValidPlan;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a submitted document into a {@link ValidPlan}. A document with a {@code scenarios} field is a
 * {@link TestDefinition} (YAML or JSON); any other JSON document is the legacy {@link RunPlan} the launcher posts.
 * Unknown or mistyped fields and failed validations all come back as {@link PlanRejectedException}s naming the field
 * and, where the parser knows it, the 1-based line.
 */
public final class DefinitionReader {

  /** Document syntax. */
  public enum Format {
    JSON, YAML
  }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final PlanValidator validator;

  public DefinitionReader(PlanValidator validator) {
    this.validator = validator;
  }

  /**
   * Parses and validates.
   *
   * @throws PlanRejectedException naming every offending field
   */
  public ValidPlan read(String text, Format format) {
    return read(text, format, null, null);
  }

  /**
   * Parses, applies the overrides, then validates: an overridden target must pass the allow-list like any other.
   * A violation of an overridden field carries no line, as its value is not in the document.
   *
   * @param runId replaces the document's {@code runId} unless null
   * @param targetBaseUrl replaces the document's {@code targetBaseUrl} unless null
   * @throws PlanRejectedException naming every offending field
   */
  public ValidPlan read(String text, Format format, @Nullable String runId, @Nullable String targetBaseUrl) {
    ObjectMapper mapper = format == Format.YAML ? YAML : JSON;
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JacksonException e) {
      throw rejected(e, Map.of());
    }
    if (tree == null || tree.isMissingNode() || !tree.isObject()) {
      throw new PlanRejectedException(PlanRejectedException.Kind.INVALID,
          List.of(new FieldViolation("(document)", "must be an object (a mapping of fields)", 1)));
    }
    if (format == Format.JSON && !tree.has("scenarios")) {
      RunPlan plan;
      try {
        plan = mapper.readValue(text, RunPlan.class);
      } catch (JacksonException e) {
        throw rejected(e, lines(mapper, text));
      }
      return validator.validate(new RunPlan(runId != null ? runId : plan.runId(), plan.name(), plan.targetService(),
          targetBaseUrl != null ? targetBaseUrl : plan.targetBaseUrl(), plan.stages(), plan.requests(),
          plan.thinkTimeMs(), plan.requestTimeoutMs()));
    }
    TestDefinition definition;
    try {
      definition = mapper.readValue(text, TestDefinition.class);
    } catch (JacksonException e) {
      throw rejected(e, lines(mapper, text));
    }
    try {
      return validator.validate(override(definition, runId, targetBaseUrl));
    } catch (PlanRejectedException e) {
      Map<String, Integer> lines = lines(mapper, text);
      List<FieldViolation> located = new ArrayList<>();
      for (FieldViolation v : e.violations()) {
        boolean overridden = v.field().equals("targetBaseUrl") && targetBaseUrl != null
            || v.field().equals("runId") && runId != null;
        located.add(v.withLine(overridden ? null : lineOf(v.field(), lines)));
      }
      throw new PlanRejectedException(e.kind(), located);
    }
  }

  /** Overrides applied to a built-in profile before validation. */
  public static TestDefinition override(TestDefinition d, @Nullable String runId, @Nullable String targetBaseUrl) {
    return new TestDefinition(runId != null ? runId : d.runId(), d.name(), d.targetService(),
        targetBaseUrl != null ? targetBaseUrl : d.targetBaseUrl(), d.requestTimeout(), d.defaults(), d.workload(),
        d.scenarios(), d.thresholds(), d.slos(), d.http(), d.serverTimings());
  }

  /** Parses a definition without validating it (for profiles that get overrides first). */
  static TestDefinition parse(String text, Format format) {
    ObjectMapper mapper = format == Format.YAML ? YAML : JSON;
    try {
      return mapper.readValue(text, TestDefinition.class);
    } catch (JacksonException e) {
      throw rejected(e, lines(mapper, text));
    }
  }

  /** A binding or syntax error: the field's own line when the document has it, else where the parser stopped. */
  static PlanRejectedException rejected(JacksonException e, Map<String, Integer> lines) {
    String field = fieldPath(e);
    TokenStreamLocation location = e.getLocation();
    Integer line = field.isEmpty() ? null : lineOf(field, lines);
    if (line == null && location != null && location.getLineNr() > 0) {
      line = location.getLineNr();
    }
    return new PlanRejectedException(PlanRejectedException.Kind.INVALID,
        List.of(new FieldViolation(field.isEmpty() ? "(document)" : field, firstLine(e.getOriginalMessage()), line)));
  }

  /** {@code stages[1].durationMs} from Jackson's reference chain. */
  public static String fieldPath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The first line of a parser message (Jackson appends source excerpts on further lines). */
  public static String firstLine(@Nullable String message) {
    if (message == null) {
      return "is not valid";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** The line of every field and array element, keyed by JSON pointer ({@code /scenarios/0/steps/1/path}). */
  private static Map<String, Integer> lines(ObjectMapper mapper, String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = mapper.createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          // The new container's context has no current entry yet: its own path is its parent's current entry.
          pointer = parser.streamReadContext().getParent() == null ? ""
              : parser.streamReadContext().getParent().pathAsPointer().toString();
        }
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    } catch (JacksonException e) {
      // Already parsed once: cannot happen; without lines the errors still name their fields.
    }
    return lines;
  }

  /** {@code scenarios[0].steps[1].path} → its line, or its nearest ancestor's. */
  static @Nullable Integer lineOf(String field, Map<String, Integer> lines) {
    String pointer = "/" + field.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    while (!pointer.isEmpty()) {
      Integer line = lines.get(pointer);
      if (line != null && line > 0) {
        return line;
      }
      int slash = pointer.lastIndexOf('/');
      pointer = slash <= 0 ? "" : pointer.substring(0, slash);
    }
    return null;
  }
}
