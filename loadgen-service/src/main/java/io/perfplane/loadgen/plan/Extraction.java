package io.perfplane.loadgen.plan;

import java.util.regex.Pattern;

/**
 * A value captured from a response into a virtual user's variable ({@code extract:}). A response without the value
 * fails the extraction: the sample becomes a {@code CHECK_FAILED} error and the variable is unset, so that the
 * steps needing it are skipped.
 */
public sealed interface Extraction {

  /** The variable it sets. */
  String name();

  /** Whether it needs the response body. */
  boolean needsBody();

  /** A human-readable description, used as the failure reason ({@code extract token: $.token}). */
  String describe();

  /**
   * The JSON value at a path: a string's text, a number's or boolean's literal, an object's or array's JSON text.
   * A missing or null value fails.
   *
   * @param name the variable
   * @param jsonPath the path as written ({@code $.items[0].id})
   * @param pointer the same path as an RFC 6901 JSON pointer ({@code /items/0/id})
   */
  record JsonPath(String name, String jsonPath, String pointer) implements Extraction {

    @Override
    public boolean needsBody() {
      return true;
    }

    @Override
    public String describe() {
      return "extract " + name + ": " + jsonPath;
    }
  }

  /**
   * The first group of the first match in the body (UTF-8). No match fails; a group that did not take part in the
   * match gives the empty string.
   *
   * @param name the variable
   * @param pattern a pattern with at least one group
   */
  record Regex(String name, Pattern pattern) implements Extraction {

    @Override
    public boolean needsBody() {
      return true;
    }

    @Override
    public String describe() {
      return "extract " + name + ": regex " + pattern.pattern();
    }

    @Override
    public boolean equals(Object other) {
      // Pattern has identity equality: two extractions are the same when they match alike.
      return other instanceof Regex r && r.name.equals(name) && r.pattern.pattern().equals(pattern.pattern())
          && r.pattern.flags() == pattern.flags();
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + pattern.pattern().hashCode();
    }
  }

  /**
   * The first value of a response header. An absent header fails.
   *
   * @param name the variable
   * @param header the header name in lower case
   */
  record Header(String name, String header) implements Extraction {

    @Override
    public boolean needsBody() {
      return false;
    }

    @Override
    public String describe() {
      return "extract " + name + ": header " + header;
    }
  }
}
