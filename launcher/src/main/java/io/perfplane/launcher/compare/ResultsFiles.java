package io.perfplane.launcher.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a results file into {@link RunSamples}: perfplane's native NDJSON (one sample per line, docs/ingest-service.md)
 * or k6's {@code --out json} NDJSON, plain or gzipped ({@code .gz}). The format is recognised from the first line.
 *
 * <p>Only what the comparison needs is read: endpoint, start, latency and whether the request failed. A k6 request
 * is its {@code http_req_duration} point (stamped with the request's end; endpoint = tag {@code name}, failed =
 * {@code expected_response} false, else a status outside 100..399), as ingest-service maps it; the other points of
 * the request are skipped. A saved {@code --summary-json} is read by {@link Sides} (its histograms); one that reaches
 * this reader is refused with the reason.
 */
final class ResultsFiles {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResultsFiles() {
  }

  /** A file that cannot be compared, with the line and reason; the command reports it as a usage error. */
  static final class UnreadableException extends RuntimeException {
    UnreadableException(String message) {
      super(message);
    }
  }

  static RunSamples read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UnreadableException(file + ": no such file");
    }
    RunSamples.Builder samples = new RunSamples.Builder();
    String format = null;
    long lineNumber = 0;
    try (BufferedReader reader = open(file)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = parse(file, lineNumber, line);
        if (format == null) {
          format = detect(file, node);
        }
        if (format.equals("k6")) {
          k6(file, lineNumber, node, samples);
        } else {
          nativeSample(file, lineNumber, node, samples);
        }
      }
    } catch (IOException e) {
      throw new UnreadableException(file + ": cannot read: " + e.getMessage());
    }
    if (format == null || samples.isEmpty()) {
      throw new UnreadableException(file + ": no requests in the file");
    }
    return samples.build(file.getFileName().toString(), format);
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static JsonNode parse(Path file, long line, String text) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      // A pretty-printed JSON document (a saved summary) fails on its first line, "{".
      throw new UnreadableException(file + ":" + line + ": not one JSON object per line (native or k6 NDJSON)"
          + (text.strip().equals("{") ? "; a saved --summary-json holds percentiles, not the distributions a "
              + "comparison needs: keep the results file as the baseline" : ""));
    }
  }

  private static String detect(Path file, JsonNode first) {
    if (first.has("schema") && first.has("endpoints")) {
      throw new UnreadableException(file + ": a --summary-json holds percentiles, not the distributions a "
          + "comparison needs: keep the results file (k6 --out json, native NDJSON) as the baseline");
    }
    if (first.has("type") && first.has("metric")) {
      return "k6";
    }
    if (first.has("endpoint") && first.has("latencyUs")) {
      return "native";
    }
    throw new UnreadableException(file + ":1: neither native NDJSON (endpoint, startUs, latencyUs) nor k6 --out json "
        + "(type, metric, data)");
  }

  private static void k6(Path file, long line, JsonNode node, RunSamples.Builder samples) {
    if (!node.path("type").asString("").equals("Point") || !node.path("metric").asString("")
        .equals("http_req_duration")) {
      return;
    }
    JsonNode data = node.path("data");
    JsonNode tags = data.path("tags");
    double ms = number(file, line, data.path("value"), "data.value");
    String time = data.path("time").asString("");
    long endUs;
    try {
      OffsetDateTime at = OffsetDateTime.parse(time);
      endUs = at.toEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    } catch (DateTimeParseException e) {
      throw new UnreadableException(file + ":" + line + ": data.time is not an RFC 3339 time: '" + time + "'");
    }
    long latencyUs = Math.round(ms * 1000);
    String endpoint = tags.path("name").asString(tags.path("url").asString(""));
    if (endpoint.isEmpty()) {
      throw new UnreadableException(file + ":" + line + ": data.tags.name is required");
    }
    boolean failed;
    JsonNode expected = tags.path("expected_response");
    if (expected.isString() || expected.isBoolean()) {
      failed = !expected.asString().equals("true");
    } else {
      failed = !successStatus(tags.path("status").asString(""));
    }
    samples.add(endpoint, endUs - latencyUs, latencyUs, failed);
  }

  private static void nativeSample(Path file, long line, JsonNode node, RunSamples.Builder samples) {
    String endpoint = node.path("endpoint").asString("");
    if (endpoint.isEmpty()) {
      throw new UnreadableException(file + ":" + line + ": endpoint is required");
    }
    long startUs = (long) number(file, line, node.path("startUs"), "startUs");
    long latencyUs = (long) number(file, line, node.path("latencyUs"), "latencyUs");
    if (latencyUs < 0) {
      throw new UnreadableException(file + ":" + line + ": latencyUs must be >= 0");
    }
    String errorKind = node.path("errorKind").asString("");
    boolean failed = errorKind.isEmpty() ? !successStatus(node.path("status").asString(""))
        : !errorKind.equals("NONE");
    samples.add(endpoint, startUs, latencyUs, failed);
  }

  private static boolean successStatus(@Nullable String status) {
    try {
      int code = Integer.parseInt(status == null ? "" : status);
      return code >= 100 && code < 400;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double number(Path file, long line, JsonNode node, String field) {
    if (!node.isNumber()) {
      throw new UnreadableException(file + ":" + line + ": " + field + " must be a number");
    }
    return node.asDouble();
  }
}
