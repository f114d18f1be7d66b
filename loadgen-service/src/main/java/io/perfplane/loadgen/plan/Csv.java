package io.perfplane.loadgen.plan;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader for feeder data: commas, double-quoted fields with {@code ""} escapes, CRLF or LF. */
final class Csv {

  private Csv() {
  }

  /** Records in order; blank lines are skipped. */
  static List<List<String>> parse(Reader in) throws IOException {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int c;
    while ((c = in.read()) != -1) {
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next == -1) {
              break;
            }
            ch = (char) next;
            // fall through to the unquoted handling of the character after the closing quote
            if (handleUnquoted(ch, field, record, records)) {
              fieldStarted = false;
            }
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && !fieldStarted && field.isEmpty()) {
        quoted = true;
        fieldStarted = true;
      } else {
        if (handleUnquoted(ch, field, record, records)) {
          fieldStarted = false;
        } else {
          fieldStarted = ch != '\r';
        }
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("has an unterminated quoted field");
    }
    if (!field.isEmpty() || !record.isEmpty()) {
      record.add(field.toString());
      records.add(List.copyOf(record));
    }
    return records;
  }

  /** @return whether the character ended a field */
  private static boolean handleUnquoted(char ch, StringBuilder field, List<String> record, List<List<String>> records) {
    if (ch == ',') {
      record.add(field.toString());
      field.setLength(0);
      return true;
    }
    if (ch == '\n') {
      if (!field.isEmpty() || !record.isEmpty()) {
        record.add(field.toString());
        records.add(List.copyOf(record));
      }
      record.clear();
      field.setLength(0);
      return true;
    }
    if (ch != '\r') {
      field.append(ch);
    }
    return false;
  }
}
