package io.perfplane.ingest.jmeter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.lines.LineReader;
import io.perfplane.ingest.lines.LineReader.Line;
import io.perfplane.ingest.lines.LineRejections;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 records on top of a bounded line reader: fields separated by one delimiter character, optionally quoted
 * with {@code "} (a quote inside doubled), a quoted field may span lines (JMeter quotes multi-line failure
 * messages). A record is at most {@code maxRecordChars} long. Not thread-safe.
 */
final class CsvRecords {

  /** One record, or why it could not be split. */
  sealed interface Row {

    /** Line the record starts on. */
    long line();

    String raw();

    record Fields(long line, List<String> values, String raw) implements Row {
    }

    record Malformed(long line, String reason, String raw) implements Row {
    }
  }

  private final LineReader lines;
  private final ResultSink sink;
  private final int maxRecordChars;
  private char delimiter = ',';

  CsvRecords(LineReader lines, ResultSink sink, int maxRecordChars) {
    this.lines = lines;
    this.sink = sink;
    this.maxRecordChars = maxRecordChars;
  }

  void delimiter(char delimiter) {
    this.delimiter = delimiter;
  }

  /** The next non-blank record, or {@code null} at the end; over-long and non-UTF-8 lines go to the sink. */
  @Nullable Row next() throws IOException {
    while (true) {
      Line line = lines.next();
      if (line == null) {
        return null;
      }
      String text = LineRejections.textOrReject(line, sink);
      if (text == null || text.isBlank()) {
        continue;
      }
      return split(line.number(), text);
    }
  }

  private Row split(long number, String first) throws IOException {
    List<String> values = new ArrayList<>();
    StringBuilder raw = new StringBuilder(first);
    StringBuilder field = new StringBuilder();
    String text = first;
    int i = 0;
    boolean quoted = false;
    boolean afterQuote = false;
    while (true) {
      if (i == text.length()) {
        if (!quoted) {
          values.add(field.toString());
          return new Row.Fields(number, values, raw.toString());
        }
        Line next = lines.next();
        String continuation = next == null ? null : LineRejections.textOrReject(next, sink);
        if (continuation == null) {
          return new Row.Malformed(number, "a quoted field is not closed", raw.toString());
        }
        if (raw.length() + continuation.length() + 1 > maxRecordChars) {
          return new Row.Malformed(number, "record is longer than " + maxRecordChars + " characters",
              raw.substring(0, Math.min(raw.length(), 1024)));
        }
        raw.append('\n').append(continuation);
        field.append('\n');
        text = continuation;
        i = 0;
        continue;
      }
      char c = text.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < text.length() && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          field.append(c);
        }
      } else if (c == delimiter) {
        values.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (afterQuote) {
        return new Row.Malformed(number, "unexpected character after a closing quote in field " + (values.size() + 1),
            raw.toString());
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else {
        field.append(c);
      }
    }
  }
}
