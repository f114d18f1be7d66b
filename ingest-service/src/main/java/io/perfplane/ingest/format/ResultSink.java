package io.perfplane.ingest.format;

import java.util.List;

/** Receives what a {@link ResultReader} finds in an upload, in upload order. Called from the reading thread only. */
public interface ResultSink {

  /**
   * A sample the format parsed; the sink still applies the format-neutral {@link SampleRules}.
   *
   * @param line 1-based line of the upload the sample comes from (its first line if it spans several)
   * @param payload the line as uploaded, kept in case the sample is rejected after all
   */
  void sample(long line, NativeSample sample, String payload);

  /**
   * A line the format rejected.
   *
   * @param errors at least one, all of the same line
   * @param payload the line as uploaded (possibly truncated)
   */
  void rejected(List<LineError> errors, String payload);

  /** A valid line that carries nothing perfplane stores (a k6 {@code vus} point, a Gatling {@code USER} record). */
  void ignored(long line);
}
