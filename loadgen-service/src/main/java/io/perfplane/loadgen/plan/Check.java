package io.perfplane.loadgen.plan;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** An assertion on a response; a failed check turns the sample into a {@code CHECK_FAILED} error. */
public sealed interface Check {

  /** Whether evaluating it needs the response body. */
  boolean needsBody();

  /** A human-readable description, used in failure tags. */
  String describe();

  /**
   * The status must be one of {@code statuses}.
   *
   * @param statuses accepted HTTP status codes
   */
  record Status(Set<Integer> statuses) implements Check {

    public Status {
      statuses = Set.copyOf(statuses);
    }

    @Override
    public boolean needsBody() {
      return false;
    }

    @Override
    public String describe() {
      return "status in " + statuses;
    }
  }

  /**
   * The body (UTF-8) must contain {@code text}.
   *
   * @param text expected substring
   */
  record BodyContains(String text) implements Check {

    @Override
    public boolean needsBody() {
      return true;
    }

    @Override
    public String describe() {
      return "body contains '" + text + "'";
    }
  }

  /**
   * The JSON body must have a value at {@code jsonPath} (and equal {@code equals} as text, when given).
   *
   * @param jsonPath the path as written ({@code $.items[0].slug})
   * @param pointer the same path as an RFC 6901 JSON pointer ({@code /items/0/slug})
   * @param equals expected value as text; null checks presence only
   */
  record JsonPath(String jsonPath, String pointer, @Nullable String equals) implements Check {

    @Override
    public boolean needsBody() {
      return true;
    }

    @Override
    public String describe() {
      return jsonPath + (equals == null ? " exists" : " == " + equals);
    }
  }
}
