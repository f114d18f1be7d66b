package io.perfplane.launcher.ingest;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Options of one {@code perfplane ingest} call.
 *
 * @param format ingest-service format: native, k6, k6-summary, jmeter, gatling
 * @param file the result file; sent as {@code Content-Encoding: gzip} if its name ends with {@code .gz}
 * @param runId run the results belong to
 * @param url base URL of ingest-service
 * @param token bearer token (never printed)
 * @param idempotencyKey sent as {@code Idempotency-Key}, so running the command twice does not count twice
 * @param finalPart false for a part of a multi-part import that is not the last ({@code final=false})
 * @param testName test name put on the run's STARTED event, or null
 * @param targetService name of the system under test put on the run's STARTED event (the capacity event and the
 *     cost estimates carry it), or null for "unknown"
 */
record IngestOptions(String format, Path file, String runId, URI url, String token, String idempotencyKey,
    boolean finalPart, @Nullable String testName, @Nullable String targetService) {

  @Override
  public String toString() {
    return "IngestOptions[format=" + format + ", file=" + file + ", runId=" + runId + ", url=" + url
        + ", token=<redacted>, idempotencyKey=" + idempotencyKey + ", finalPart=" + finalPart + ", testName="
        + testName + ", targetService=" + targetService + "]";
  }
}
