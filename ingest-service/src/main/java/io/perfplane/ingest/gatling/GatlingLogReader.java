package io.perfplane.ingest.gatling;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.ingest.format.HttpMethods;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.ResultReader;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.lines.LineReader;
import io.perfplane.ingest.lines.LineReader.Line;
import io.perfplane.ingest.lines.LineRejections;
import org.jspecify.annotations.Nullable;

/**
 * Reads Gatling's text {@code simulation.log} (Gatling 3.12 and earlier; 3.13 switched to a binary file). Records
 * are tab-separated lines whose first field is the record type; only {@code REQUEST} records become samples:
 * <pre>
 * REQUEST &lt;groups&gt; &lt;name&gt; &lt;startMs&gt; &lt;endMs&gt; OK|KO &lt;message&gt;            (3.4 - 3.12)
 * REQUEST &lt;userId&gt; &lt;groups&gt; &lt;name&gt; &lt;startMs&gt; &lt;endMs&gt; OK|KO &lt;message&gt;   (3.0 - 3.3)
 * REQUEST &lt;scenario&gt; &lt;userId&gt; &lt;groups&gt; &lt;name&gt; &lt;startMs&gt; &lt;endMs&gt; OK|KO &lt;message&gt; (2.2 - 2.3)
 * </pre>
 * (the layout is recognised by where {@code OK}/{@code KO} is). {@code RUN}, {@code USER}, {@code GROUP},
 * {@code ERROR} and {@code ASSERTION} records are counted as ignored.
 *
 * <p>The log records neither the HTTP method nor the status code: the method is the request name's first word if
 * it is one (else {@code UNKNOWN}); an {@code OK} request is recorded with status 200 and tag
 * {@code status_source=inferred}; a {@code KO} takes the status from a "found NNN" in its message (Gatling's status
 * check; only 100-599: "found 700" is some other check's value), else 0 for transport errors (timeouts, refused
 * connections) and 200 (inferred) for other failed checks.
 */
public final class GatlingLogReader implements ResultReader {

  static final String DEFAULT_SCENARIO = "default";
  private static final Pattern FOUND_STATUS = Pattern.compile("found ([1-5]\\d{2})\\b");
  private static final List<String> IGNORED = List.of("RUN", "USER", "GROUP", "ERROR", "ASSERTION");

  private final int maxLineBytes;

  /**
   * @param maxLineBytes longest line accepted (bytes)
   */
  public GatlingLogReader(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void read(InputStream body, ResultSink sink) throws IOException {
    LineReader reader = new LineReader(body, maxLineBytes);
    for (Line line = reader.next(); line != null; line = reader.next()) {
      String text = LineRejections.textOrReject(line, sink);
      if (text == null || text.isBlank()) {
        continue;
      }
      String[] fields = text.split("\t", -1);
      if (IGNORED.contains(fields[0])) {
        sink.ignored(line.number());
      } else if (fields[0].equals("REQUEST")) {
        request(line.number(), fields, text, sink);
      } else {
        sink.rejected(List.of(new LineError(line.number(), "type", "must be one of REQUEST, " + IGNORED
            + " (a tab-separated simulation.log of Gatling 3.12 or earlier)")), text);
      }
    }
  }

  private static void request(long line, String[] fields, String text, ResultSink sink) {
    int statusAt = -1;
    for (int candidate : new int[] {5, 6, 7}) {
      if (fields.length > candidate && (fields[candidate].equals("OK") || fields[candidate].equals("KO"))) {
        statusAt = candidate;
        break;
      }
    }
    if (statusAt < 0) {
      sink.rejected(List.of(new LineError(line, "status", "no OK/KO field where a REQUEST record has it")), text);
      return;
    }
    String groups = fields[statusAt - 4];
    String name = fields[statusAt - 3];
    String scenario = statusAt == 7 ? fields[1] : DEFAULT_SCENARIO;
    List<LineError> errors = new ArrayList<>();
    Long startMs = millis(line, "start", fields[statusAt - 2], errors);
    Long endMs = millis(line, "end", fields[statusAt - 1], errors);
    if (name.isBlank()) {
      errors.add(new LineError(line, "name", "is required"));
    }
    if (startMs != null && endMs != null && endMs < startMs) {
      errors.add(new LineError(line, "end", "must not be before start"));
    }
    if (!errors.isEmpty() || startMs == null || endMs == null) {
      sink.rejected(errors, text);
      return;
    }
    boolean ok = fields[statusAt].equals("OK");
    String message = fields.length > statusAt + 1 ? fields[statusAt + 1].strip() : "";
    Map<String, String> tags = new LinkedHashMap<>();
    if (!groups.isBlank()) {
      tags.put("group", groups);
    }
    int status;
    ErrorKind kind;
    String lower = message.toLowerCase(Locale.ROOT);
    Matcher found = FOUND_STATUS.matcher(message);
    if (ok) {
      status = 200;
      kind = ErrorKind.NONE;
    } else if (found.find()) {
      status = Integer.parseInt(found.group(1));
      kind = status >= 400 ? ErrorKind.HTTP_STATUS : ErrorKind.CHECK_FAILED;
    } else if (lower.contains("timeout") || lower.contains("timed out")) {
      status = 0;
      kind = ErrorKind.TIMEOUT;
    } else if (lower.contains("connect") || lower.contains("unknownhost") || lower.contains("refused")) {
      status = 0;
      kind = ErrorKind.CONNECT;
    } else {
      status = 200;
      kind = ErrorKind.CHECK_FAILED;
    }
    if (!found.hasMatch() && status != 0) {
      tags.put("status_source", "inferred");
    }
    if (!message.isEmpty() && !ok) {
      tags.put("message", message.length() <= 200 ? message : message.substring(0, 200));
    }
    long latencyUs = (endMs - startMs) * 1000;
    sink.sample(line, new NativeSample(name, HttpMethods.ofLabel(name), status, startMs * 1000, latencyUs, null, 0,
        0, scenario.isBlank() ? DEFAULT_SCENARIO : scenario, kind, tags), text);
  }

  private static @Nullable Long millis(long line, String field, String text, List<LineError> errors) {
    try {
      long value = Long.parseLong(text.strip());
      if (value < 0 || value > Long.MAX_VALUE / 1000) {
        errors.add(new LineError(line, field, "must be epoch milliseconds"));
        return null;
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new LineError(line, field, "must be an integer (epoch milliseconds)"));
      return null;
    }
  }
}
