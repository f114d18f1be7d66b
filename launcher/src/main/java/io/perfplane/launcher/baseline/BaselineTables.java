package io.perfplane.launcher.baseline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/** The tables and lines of {@code perfplane baseline} (docs/local-stack.md), from the analyzer's JSON entries. */
final class BaselineTables {

  static final String HEADER = String.format(Locale.ROOT, "%-24s %7s  %-36s %-20s %-16s  %s", "NAME", "VERSION",
      "RUN", "SET AT (UTC)", "SET BY", "NOTE");

  private BaselineTables() {
  }

  /** {@code list} (current entries) and {@code history} (every entry of a name, newest first). */
  static String entries(JsonNode entries, String empty) {
    if (!entries.isArray() || entries.isEmpty()) {
      return empty + "\n";
    }
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    for (JsonNode entry : entries) {
      table.append(row(entry)).append('\n');
    }
    return table.toString();
  }

  static String row(JsonNode entry) {
    return String.format(Locale.ROOT, "%-24s %7s  %-36s %-20s %-16s  %s", entry.path("name").asString(""),
        "v" + entry.path("version").asInt(0), entry.path("runId").asString(""), time(entry.path("setAt")
            .asString("")), entry.path("setBy").asString("-"), note(entry));
  }

  /** One line for {@code set}: what the name now points at. */
  static String set(JsonNode entry) {
    return "baseline " + entry.path("name").asString("") + " v" + entry.path("version").asInt(0) + " = run "
        + entry.path("runId").asString("") + " (set " + time(entry.path("setAt").asString("")) + " UTC by "
        + entry.path("setBy").asString("-") + (note(entry).isEmpty() ? "" : "; " + note(entry)) + ")";
  }

  /** {@code show}: the entry, then its snapshot per endpoint (requests, errors, corrected p50/p95/p99). */
  static String show(JsonNode entry) {
    StringBuilder out = new StringBuilder(set(entry)).append('\n');
    JsonNode histograms = entry.path("histograms");
    if (!histograms.isObject()) {
      return out.append("  no histograms in the entry\n").toString();
    }
    out.append(String.format(Locale.ROOT, "%n  %-36s %10s %8s %10s %10s %10s%n", "ENDPOINT", "REQUESTS", "ERRORS",
        "P50", "P95", "P99"));
    for (JsonNode series : histograms.path("endpoints")) {
      out.append(series(series)).append('\n');
    }
    if (histograms.path("overall").isObject()) {
      out.append(series(histograms.path("overall"))).append('\n');
    }
    return out.toString();
  }

  private static String series(JsonNode series) {
    String endpoint = series.path("endpoint").asString("");
    String label = endpoint.equals("*") ? "overall" : endpoint;
    long requests = series.path("requests").asLong(0);
    String errors = requests == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%",
        100.0 * series.path("errors").asLong(0) / requests);
    Histogram latency = decode(series.path("latency").asString(""));
    return String.format(Locale.ROOT, "  %-36s %,10d %8s %10s %10s %10s", label.length() > 36 ? label.substring(0,
        35) + "…" : label, requests, errors, ms(latency, 50), ms(latency, 95), ms(latency, 99));
  }

  private static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | RuntimeException unreadable) {
      return new Histogram(3);
    }
  }

  private static String ms(Histogram latency, double percentile) {
    if (latency.getTotalCount() == 0) {
      return "-";
    }
    double value = latency.getValueAtPercentile(percentile) / 1000.0;
    return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : value < 100 ? "%.1f ms" : "%.0f ms", value);
  }

  private static String note(JsonNode entry) {
    JsonNode note = entry.path("note");
    return note.isString() ? note.asString().replaceAll("\\s+", " ") : "";
  }

  static String time(String iso) {
    try {
      return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
    } catch (DateTimeParseException e) {
      return iso.isEmpty() ? "-" : iso;
    }
  }
}
