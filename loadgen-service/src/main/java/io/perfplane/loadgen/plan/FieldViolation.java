package io.perfplane.loadgen.plan;

import org.jspecify.annotations.Nullable;

/**
 * One reason a plan was refused.
 *
 * @param field path of the offending field in the plan, e.g. {@code stages[1].durationMs} or
 *     {@code scenarios[0].steps[2].path}
 * @param message what is wrong with it
 * @param line 1-based line of the field in the submitted document, when known (YAML/JSON definitions)
 */
public record FieldViolation(String field, String message, @Nullable Integer line) {

  public FieldViolation(String field, String message) {
    this(field, message, null);
  }

  public FieldViolation withLine(@Nullable Integer line) {
    return new FieldViolation(field, message, line);
  }
}
