package io.perfplane.ingest.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An upload format, named by the last path segment of {@code POST /ingest/{format}}.
 *
 * @see #source()
 */
public enum Format {

  /** perfplane's own NDJSON, one sample per line. */
  NATIVE("native", "native", List.of("application/x-ndjson")),
  /** k6 {@code --out json=...}: NDJSON of Metric and Point lines. */
  K6("k6", "k6", List.of("application/x-ndjson", "application/json")),
  /** k6 end-of-test summary JSON ({@code --summary-export} or {@code handleSummary} data): run-level only. */
  K6_SUMMARY("k6-summary", "k6", List.of("application/json")),
  /** JMeter JTL in CSV form, with its header row. */
  JMETER("jmeter", "jmeter", List.of("text/csv", "text/plain")),
  /** Gatling {@code simulation.log}, the tab-separated text format written before Gatling 3.13. */
  GATLING("gatling", "gatling", List.of("text/plain", "text/tab-separated-values"));

  private final String pathName;
  private final String source;
  private final List<String> mediaTypes;

  Format(String pathName, String source, List<String> mediaTypes) {
    this.pathName = pathName;
    this.source = source;
    this.mediaTypes = mediaTypes;
  }

  /** The format named {@code name} in a URL path, case-insensitively. */
  public static Optional<Format> byPathName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(format -> format.pathName.equals(wanted)).findFirst();
  }

  /** Every path name, for error messages. */
  public static List<String> pathNames() {
    return Arrays.stream(values()).map(Format::pathName).toList();
  }

  public String pathName() {
    return pathName;
  }

  /** The tool recorded in {@code RequestSample.source}. */
  public String source() {
    return source;
  }

  /**
   * Media types (without parameters) accepted as the upload's {@code Content-Type}; besides these every format but
   * {@link #NATIVE} also accepts {@code application/octet-stream}, which is what generic upload tools send.
   */
  public List<String> mediaTypes() {
    return mediaTypes;
  }
}
