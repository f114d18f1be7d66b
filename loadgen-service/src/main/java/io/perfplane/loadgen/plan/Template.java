package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code ${name}} placeholders filled per request from the scenario's feeder row and the built-ins
 * {@code ${vu}} and {@code ${iteration}}. Parsed once; rendering is a concatenation. {@code $${} writes a literal
 * {@code ${}. Immutable; two templates are equal when they render the same ({@code literal("${")} equals
 * {@code parse("$${")}).
 */
public final class Template {

  /** Variables every template may use without a feeder. */
  public static final Set<String> BUILT_INS = Set.of("vu", "iteration");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

  private final String text;
  /** Literal parts at even indexes, variable names at odd indexes. */
  private final List<String> parts;

  private Template(String text, List<String> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * @throws IllegalArgumentException on a {@code ${} that is not a valid placeholder
   */
  public static Template parse(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      rejectStrayPlaceholder(text.substring(at, m.start()));
      literal.append(text, at, m.start());
      if (m.group(1) == null) {
        literal.append("${");
      } else {
        parts.add(literal.toString());
        literal.setLength(0);
        parts.add(m.group(1));
      }
      at = m.end();
    }
    rejectStrayPlaceholder(text.substring(at));
    literal.append(text.substring(at));
    parts.add(literal.toString());
    return new Template(text, parts);
  }

  private static void rejectStrayPlaceholder(String literalText) {
    if (literalText.contains("${")) {
      throw new IllegalArgumentException("has an unterminated or invalid placeholder; write ${name} (a letter first)"
          + " or $${ for a literal ${");
    }
  }

  public static Template literal(String text) {
    return new Template(text, List.of(text));
  }

  /** {@code text} escaped so that {@link #parse} reads it back as {@link #literal}: every {@code ${} doubled. */
  public static String escape(String text) {
    return text.replace("${", "$${");
  }

  /** The names of the variables it uses, in order of first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 1; i < parts.size(); i += 2) {
      names.add(parts.get(i));
    }
    return names;
  }

  public boolean isConstant() {
    return parts.size() == 1;
  }

  /** Renders with {@code values}; each value passes through {@code encode} (e.g. percent-encoding for paths). */
  public String render(Function<String, String> values, UnaryOperator<String> encode) {
    if (parts.size() == 1) {
      return parts.getFirst();
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < parts.size(); i++) {
      out.append(i % 2 == 0 ? parts.get(i) : encode.apply(values.apply(parts.get(i))));
    }
    return out.toString();
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Template template && parts.equals(template.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
