package io.perfplane.contracts.json;

/**
 * JSON string literals for the places that write small JSON documents without a JSON library (the Spring-free
 * contracts and plan code): the CloudEvents of the public topics, a definition's {@code slos:} on a run event.
 */
public final class JsonText {

  private JsonText() {
  }

  /** Appends {@code text} as a JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
  public static StringBuilder quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
