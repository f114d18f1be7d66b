package io.perfplane.loadgen.plan;

/**
 * One reason a plan was refused.
 *
 * @param field path of the offending field in the plan JSON, e.g. {@code stages[1].durationMs}
 * @param message what is wrong with it
 */
public record FieldViolation(String field, String message) {
}
