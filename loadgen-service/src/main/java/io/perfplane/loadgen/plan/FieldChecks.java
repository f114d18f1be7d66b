package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The violations a validation has found so far, and the field checks every section of a definition shares. Each
 * check records its violation under the field path it is given and returns a usable stand-in value, so that
 * validation goes on and reports every problem at once. Not thread-safe: one per validation.
 */
final class FieldChecks {

  static final int MAX_TEXT = 200;

  private final List<FieldViolation> violations = new ArrayList<>();

  void add(String field, String message) {
    violations.add(new FieldViolation(field, message));
  }

  /** How many violations so far: a section compares counts to tell whether its own part was clean. */
  int count() {
    return violations.size();
  }

  boolean isEmpty() {
    return violations.isEmpty();
  }

  List<FieldViolation> violations() {
    return List.copyOf(violations);
  }

  /** The list checks that share it ({@link PlanTarget}) add to. */
  List<FieldViolation> sink() {
    return violations;
  }

  void requireText(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      add(field, "is required");
    } else if (value.length() > MAX_TEXT) {
      add(field, "must be at most " + MAX_TEXT + " characters");
    }
  }

  static String textOf(@Nullable String value) {
    return value == null ? "" : value.strip();
  }

  /**
   * A duration in milliseconds between {@code min} and {@code max}; {@code min} when absent or bad.
   *
   * @param text a duration as written ({@code 500ms}, {@code 2m}; a bare number is milliseconds)
   */
  long millis(@Nullable String text, String field, long min, long max) {
    if (text == null) {
      add(field, "is required");
      return min;
    }
    long ms;
    try {
      ms = DurationText.parseMillis(text);
    } catch (IllegalArgumentException e) {
      add(field, String.valueOf(e.getMessage()));
      return min;
    }
    if (ms < min || ms > max) {
      add(field, "must be between " + min + " ms and " + max + " ms");
      return min;
    }
    return ms;
  }

  /** A duration in microseconds; one second when bad. */
  long micros(String text, String field) {
    try {
      return DurationText.parseMicros(text);
    } catch (IllegalArgumentException e) {
      add(field, String.valueOf(e.getMessage()));
      return 1_000_000;
    }
  }

  /** Reports a field the chosen {@code executor} would silently ignore. */
  void unused(@Nullable Object value, String field, String executor) {
    if (value != null) {
      add(field, "is not used by " + executor);
    }
  }
}
