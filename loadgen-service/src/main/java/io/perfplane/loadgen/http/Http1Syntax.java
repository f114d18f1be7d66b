package io.perfplane.loadgen.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 response syntax on raw bytes: ASCII case-folding, trimming and number parsing over a range of a reused
 * line buffer, so that parsing a response creates no String per header.
 */
final class Http1Syntax {

  static final byte[] HTTP_1 = ascii("HTTP/1.");
  static final byte[] CONTENT_LENGTH = ascii("content-length");
  static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  static final byte[] CONNECTION = ascii("connection");
  static final byte[] CHUNKED = ascii("chunked");
  static final byte[] CLOSE = ascii("close");
  static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private Http1Syntax() {
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  static int indexOf(byte[] bytes, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  static int trimStart(byte[] bytes, int from, int to) {
    while (from < to && isBlank(bytes[from])) {
      from++;
    }
    return from;
  }

  static int trimEnd(byte[] bytes, int from, int to) {
    while (to > from && isBlank(bytes[to - 1])) {
      to--;
    }
    return to;
  }

  static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
    return to - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
  }

  /** Whether {@code bytes[from, to)} equals {@code lower} (lower-case ASCII) ignoring ASCII case. */
  static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] lower) {
    if (to - from != lower.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      int b = bytes[from + i];
      if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code bytes[from, to)} equals {@code lower} (lower-case ASCII) ignoring ASCII case; no encoding. */
  static boolean equalsIgnoreCase(byte[] bytes, int from, int to, String lower) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      int b = bytes[from + i];
      if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean containsIgnoreCase(byte[] bytes, int from, int to, byte[] lower) {
    for (int i = from; i + lower.length <= to; i++) {
      if (equalsIgnoreCase(bytes, i, i + lower.length, lower)) {
        return true;
      }
    }
    return false;
  }

  static long parseDecimal(byte[] bytes, int from, int to) throws IOException {
    if (from >= to || to - from > 18) {
      throw new IOException("malformed Content-Length");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      if (!isDigit(bytes[i])) {
        throw new IOException("malformed Content-Length");
      }
      value = value * 10 + (bytes[i] - '0');
    }
    return value;
  }

  static long parseHex(byte[] bytes, int from, int to) throws IOException {
    if (from >= to || to - from > 15) {
      throw new IOException("malformed chunk size");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        throw new IOException("malformed chunk size");
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
