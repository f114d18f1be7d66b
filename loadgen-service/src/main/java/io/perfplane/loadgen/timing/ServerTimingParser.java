package io.perfplane.loadgen.timing;

/**
 * Parses {@code Server-Timing} response header values (W3C Server Timing, https://www.w3.org/TR/server-timing/):
 *
 * <pre>
 * Server-Timing             = #server-timing-metric
 * server-timing-metric      = metric-name *( OWS ";" OWS server-timing-param )
 * server-timing-param       = server-timing-param-name OWS "=" OWS server-timing-param-value
 * server-timing-param-value = token / quoted-string
 * </pre>
 *
 * <p>Entries with a {@code dur} go into a caller-owned {@link ServerTimings}, without a String or any other
 * allocation per entry. As the spec says, a repeated param counts once (the first; {@code dur} and {@code desc} are
 * matched case-insensitively), unknown params are ignored, and a repeated metric name is a metric of its own; each
 * header line of a response is parsed into the same buffer, which is the spec's combining of repeated lines. Where the
 * spec turns a missing or unparsable {@code dur} into 0, this parser skips the entry and counts it (a made-up 0 ms
 * would bias the server's histogram): {@link ServerTimings#withoutDuration()} and {@link ServerTimings#malformed()}.
 * A malformed entry is skipped up to the next comma outside a quoted-string; nothing here throws on header input.
 *
 * <p>{@link ResponseTimings} parses the {@code Server-Timing} header of each response with it into
 * {@code server_timing.<name>} measurements (docs/adr/0007-named-measurements.md).
 */
final class ServerTimingParser {

  private ServerTimingParser() {
  }

  /**
   * Appends the entries of one {@code Server-Timing} header value that carry a valid {@code dur} to {@code out}.
   *
   * @return how many entries of {@code value} were skipped (without {@code dur}, malformed or over the buffer's cap)
   */
  static int parse(String value, ServerTimings out) {
    int skippedBefore = out.withoutDuration() + out.malformed();
    int n = value.length();
    int i = 0;
    while (true) {
      i = skipSeparators(value, i, n);
      if (i >= n) {
        break;
      }
      int nameStart = i;
      i = skipToken(value, i, n);
      int nameEnd = i;
      double durationMs = Double.NaN;
      boolean hasDuration = false;
      boolean ok = nameEnd > nameStart;
      while (ok) {
        i = skipWhitespace(value, i, n);
        if (i >= n || value.charAt(i) == ',') {
          break;
        }
        if (value.charAt(i) != ';') {
          ok = false;
          break;
        }
        i = skipWhitespace(value, i + 1, n);
        int paramStart = i;
        i = skipToken(value, i, n);
        int paramEnd = i;
        if (paramEnd == paramStart) {
          ok = false;
          break;
        }
        i = skipWhitespace(value, i, n);
        int valueStart = i;
        int valueEnd = i;
        if (i < n && value.charAt(i) == '=') {
          i = skipWhitespace(value, i + 1, n);
          if (i < n && value.charAt(i) == '"') {
            valueStart = i + 1;
            i = skipQuoted(value, i, n);
            if (i < 0) {
              ok = false; // unterminated quoted-string: the rest of the value is inside it
              i = n;
              break;
            }
            valueEnd = i - 1;
          } else {
            valueStart = i;
            i = skipToken(value, i, n);
            valueEnd = i;
          }
        }
        // No "=": not the grammar, but browsers accept "cache;desc"; an empty value, which for dur is malformed.
        if (!hasDuration && isDur(value, paramStart, paramEnd)) {
          hasDuration = true; // the first dur counts, even when it is malformed
          durationMs = Decimal.parse(value, valueStart, valueEnd);
        }
      }
      if (!ok) {
        out.skippedMalformed();
        i = skipPastEntry(value, i, n);
      } else if (!hasDuration) {
        out.skippedWithoutDuration();
      } else if (Double.isNaN(durationMs)) {
        out.skippedMalformed();
      } else {
        out.add(value, nameStart, nameEnd, durationMs);
      }
    }
    return out.withoutDuration() + out.malformed() - skippedBefore;
  }

  private static boolean isDur(String s, int start, int end) {
    return end - start == 3 && s.regionMatches(true, start, "dur", 0, 3);
  }

  private static int skipSeparators(String s, int i, int n) {
    while (i < n && (s.charAt(i) == ',' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++; // empty list elements are allowed by the # rule
    }
    return i;
  }

  private static int skipWhitespace(String s, int i, int n) {
    while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipToken(String s, int i, int n) {
    while (i < n && isTchar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** From the opening quote at {@code i}: the index after the closing quote, or -1 when there is none. */
  private static int skipQuoted(String s, int i, int n) {
    for (i++; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++; // quoted-pair: the next character, even a quote, is content
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  /** The index of the comma ending the entry around {@code i} (quoted-strings skipped whole), or {@code n}. */
  private static int skipPastEntry(String s, int i, int n) {
    while (i < n) {
      char c = s.charAt(i);
      if (c == ',') {
        return i;
      }
      if (c == '"') {
        int after = skipQuoted(s, i, n);
        if (after < 0) {
          return n;
        }
        i = after;
      } else {
        i++;
      }
    }
    return n;
  }

  /** RFC 9110 tchar. */
  private static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
