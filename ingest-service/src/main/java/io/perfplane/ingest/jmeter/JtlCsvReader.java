package io.perfplane.ingest.jmeter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.ingest.format.HttpMethods;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.ResultReader;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.format.UnreadableUploadException;
import io.perfplane.ingest.lines.LineReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JMeter JTL in CSV form by its header row (JMeter's default columns are
 * {@code timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,
 * sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect}; any order and subset works as long as
 * {@code timeStamp, elapsed, label, responseCode} are present). The delimiter is {@code ,} or, if the header has a
 * tab and no comma, a tab. {@code timeStamp} is the sample's start in epoch ms (JMeter's default
 * {@code sampleresult.timestamp.start=true}, {@code timestamp_format=ms}); {@code elapsed} and {@code Latency}
 * (time to first byte) are ms.
 * <ul>
 *   <li>endpoint = {@code label}; method = the label's first word if it is an HTTP method, else {@code UNKNOWN}
 *       (JTL does not record it); scenario = the thread group, i.e. {@code threadName} without its trailing
 *       {@code " <group>-<thread>"};</li>
 *   <li>status = a numeric {@code responseCode}, else 0 (JMeter writes "Non HTTP response code: ..." when no
 *       response came); {@code success=false} fails it: HTTP_STATUS for a status >= 400, CHECK_FAILED (an
 *       assertion) for a lower one, TIMEOUT/CONNECT/IO from the exception name when no response came;</li>
 *   <li>rows of Transaction Controllers ({@code responseMessage} "Number of samples in transaction ...") summarise
 *       other rows and are counted as ignored, not as requests.</li>
 * </ul>
 */
public final class JtlCsvReader implements ResultReader {

  private static final List<String> REQUIRED = List.of("timeStamp", "elapsed", "label", "responseCode");
  private static final Pattern THREAD_SUFFIX = Pattern.compile("^(.*\\S)\\s+\\d+-\\d+$");
  private static final String TRANSACTION_MESSAGE = "Number of samples in transaction";
  static final String DEFAULT_SCENARIO = "default";
  /** The measurement JMeter's {@code Connect} column becomes: a phase the client timed (ADR 0007, {@code client.}). */
  static final String CONNECT = "client.connect";

  private final int maxLineBytes;

  /**
   * @param maxLineBytes longest line (and record) accepted
   */
  public JtlCsvReader(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void read(InputStream body, ResultSink sink) throws IOException {
    CsvRecords records = new CsvRecords(new LineReader(body, maxLineBytes), sink, maxLineBytes);
    Map<String, Integer> columns = null;
    for (CsvRecords.Row row = records.next(); row != null; row = records.next()) {
      if (columns == null) {
        columns = header(row, records);
        sink.ignored(row.line());
        continue;
      }
      switch (row) {
        case CsvRecords.Row.Malformed malformed -> sink.rejected(
            List.of(new LineError(malformed.line(), null, malformed.reason())), malformed.raw());
        case CsvRecords.Row.Fields fields -> sample(columns, fields, sink);
      }
    }
  }

  private static Map<String, Integer> header(CsvRecords.Row row, CsvRecords records) {
    String raw = row.raw();
    if (raw.indexOf('\t') >= 0 && raw.indexOf(',') < 0) {
      records.delimiter('\t');
      row = new CsvRecords.Row.Fields(row.line(), List.of(raw.split("\t", -1)), raw);
    }
    if (!(row instanceof CsvRecords.Row.Fields fields)) {
      throw new UnreadableUploadException("header", "the first row of a JTL must be its header: " + raw);
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < fields.values().size(); i++) {
      columns.putIfAbsent(fields.values().get(i).strip(), i);
    }
    List<String> missing = REQUIRED.stream().filter(column -> !columns.containsKey(column)).toList();
    if (!missing.isEmpty()) {
      throw new UnreadableUploadException("header", "the first row of a JTL must be its header (save the JTL "
          + "with jmeter.save.saveservice.print_field_names=true) naming at least " + REQUIRED + "; missing "
          + missing);
    }
    return columns;
  }

  private static void sample(Map<String, Integer> columns, CsvRecords.Row.Fields row, ResultSink sink) {
    Cells cells = new Cells(columns, row);
    String message = cells.text("responseMessage");
    if (message != null && message.startsWith(TRANSACTION_MESSAGE)) {
      sink.ignored(row.line());
      return;
    }
    if (row.values().size() != columns.size()) {
      cells.errors.add(new LineError(row.line(), null, "has " + row.values().size() + " fields, the header "
          + columns.size()));
      sink.rejected(cells.errors, row.raw());
      return;
    }
    Long startMs = cells.millis("timeStamp", true);
    Long elapsedMs = cells.millis("elapsed", true);
    Long latencyMs = cells.millis("Latency", false);
    Long connectMs = cells.millis("Connect", false);
    Long bytes = cells.millis("bytes", false);
    Long sentBytes = cells.millis("sentBytes", false);
    String label = cells.text("label");
    if (label == null || label.isBlank()) {
      cells.errors.add(new LineError(row.line(), "label", "is required"));
    }
    String code = cells.text("responseCode");
    String successText = cells.text("success");
    if (successText != null && !successText.equalsIgnoreCase("true") && !successText.equalsIgnoreCase("false")) {
      cells.errors.add(new LineError(row.line(), "success", "must be true or false"));
    }
    if (!cells.errors.isEmpty() || startMs == null || elapsedMs == null || label == null || label.isBlank()) {
      sink.rejected(cells.errors, row.raw());
      return;
    }
    int status = status(code);
    boolean success = successText == null ? status >= 100 && status < 400 : successText.equalsIgnoreCase("true");
    long latencyUs = elapsedMs * 1000;
    Long ttfbUs = latencyMs == null ? null : Math.min(latencyMs * 1000, latencyUs);
    String threadName = cells.text("threadName");
    Map<String, String> tags = new LinkedHashMap<>();
    String url = cells.text("URL");
    if (url != null && !url.isBlank() && !url.equals("null")) {
      tags.put("url", url);
    }
    sink.sample(row.line(), new NativeSample(label, HttpMethods.ofLabel(label), status, startMs * 1000, latencyUs,
        ttfbUs, bytes == null ? 0 : bytes, sentBytes == null ? 0 : sentBytes, scenario(threadName),
        success ? ErrorKind.NONE : failure(status, code, message), tags,
        connectMs == null ? List.of() : List.of(Measurement.ofMillis(CONNECT, connectMs)), List.of()), row.raw());
  }

  private static int status(@Nullable String code) {
    if (code != null && code.length() == 3) {
      try {
        int status = Integer.parseInt(code);
        if (status >= 100 && status <= 599) {
          return status;
        }
      } catch (NumberFormatException e) {
        // "Non HTTP response code: ...": no response
      }
    }
    return 0;
  }

  private static ErrorKind failure(int status, @Nullable String code, @Nullable String message) {
    if (status >= 400) {
      return ErrorKind.HTTP_STATUS;
    }
    if (status != 0) {
      return ErrorKind.CHECK_FAILED;
    }
    String why = ((code == null ? "" : code) + " " + (message == null ? "" : message)).toLowerCase(Locale.ROOT);
    if (why.contains("timeout") || why.contains("timed out")) {
      return ErrorKind.TIMEOUT;
    }
    if (why.contains("connect") || why.contains("unknownhost") || why.contains("noroutetohost")) {
      return ErrorKind.CONNECT;
    }
    return why.contains("exception") ? ErrorKind.IO : ErrorKind.OTHER;
  }

  static String scenario(@Nullable String threadName) {
    if (threadName == null || threadName.isBlank()) {
      return DEFAULT_SCENARIO;
    }
    Matcher matcher = THREAD_SUFFIX.matcher(threadName.strip());
    return matcher.matches() ? matcher.group(1) : threadName.strip();
  }

  /** Typed access to a row's cells by column name, collecting errors. */
  private static final class Cells {

    private final Map<String, Integer> columns;
    private final CsvRecords.Row.Fields row;
    private final List<LineError> errors = new ArrayList<>();

    Cells(Map<String, Integer> columns, CsvRecords.Row.Fields row) {
      this.columns = columns;
      this.row = row;
    }

    @Nullable String text(String column) {
      Integer index = columns.get(column);
      return index == null || index >= row.values().size() ? null : row.values().get(index);
    }

    @Nullable Long millis(String column, boolean required) {
      String text = text(column);
      if (text == null || text.isEmpty()) {
        if (required) {
          errors.add(new LineError(row.line(), column, "is required"));
        }
        return null;
      }
      try {
        long value = Long.parseLong(text.strip());
        if (value < 0) {
          errors.add(new LineError(row.line(), column, "must be >= 0"));
          return null;
        }
        if (value > Long.MAX_VALUE / 1000) {
          errors.add(new LineError(row.line(), column, "is out of range"));
          return null;
        }
        return value;
      } catch (NumberFormatException e) {
        errors.add(new LineError(row.line(), column, "must be an integer"
            + (column.equals("timeStamp") ? " (epoch ms: set jmeter.save.saveservice.timestamp_format=ms)" : "")));
        return null;
      }
    }
  }
}
