package io.perfplane.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.perfplane.ingest.system.IngestProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code POST /ingest/native?runId=...} with an {@code application/x-ndjson} body (optionally
 * {@code Content-Encoding: gzip}), one sample per line. Answers 200 when every line was accepted, 422
 * problem+json listing the rejected lines (the valid ones are still accepted), 400 for a bad runId or an unreadable
 * body, 503 with {@code Retry-After} when Kafka did not acknowledge the samples. Every answer except 503 is given
 * only after Kafka acknowledged every accepted sample. Authentication is done by the bearer-token filter.
 */
@RestController
class NativeIngestController {

  static final String NDJSON = "application/x-ndjson";

  private static final Logger log = LoggerFactory.getLogger(NativeIngestController.class);
  // '|' is excluded: it separates runId from other parts of Kafka keys downstream.
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final NativeUploader uploader;
  private final IngestProperties properties;

  NativeIngestController(NativeUploader uploader, IngestProperties properties) {
    this.uploader = uploader;
    this.properties = properties;
  }

  @PostMapping(path = "/ingest/native", consumes = NDJSON)
  ResponseEntity<?> ingestNative(@RequestParam String runId,
      @RequestHeader(name = HttpHeaders.CONTENT_ENCODING, required = false) @Nullable String contentEncoding,
      InputStream body) throws InterruptedException {
    if (!RUN_ID.matcher(runId).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid runId",
          "runId must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
          "runId");
    }
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    InputStream lines;
    try {
      lines = switch (encoding) {
        case "identity", "" -> body;
        case "gzip", "x-gzip" -> new GZIPInputStream(body, 8192);
        default -> null;
      };
    } catch (IOException e) {
      return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "body is not gzip: " + e.getMessage(), null);
    }
    if (lines == null) {
      return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Encoding",
          "Content-Encoding must be gzip or identity", "Content-Encoding");
    }
    UploadResult result = uploader.upload(runId, lines);
    log.info("Ingested run {}: {} lines accepted, {} rejected", runId, result.accepted(), result.rejected());
    if (result.bodyFailure() != null) {
      ProblemDetail problem = tallied(HttpStatus.BAD_REQUEST, "Unreadable body", "the body could not be read after "
          + "line " + result.linesRead() + " (" + result.bodyFailure() + "); the " + result.accepted()
          + " valid lines before it were accepted", runId, result);
      return ResponseEntity.status(problem.getStatus()).body(problem);
    }
    if (result.rejected() > 0) {
      ProblemDetail problem = tallied(HttpStatus.UNPROCESSABLE_CONTENT, "Some lines were rejected",
          result.rejected() + " of " + (result.accepted() + result.rejected()) + " lines rejected ("
              + result.errorCount() + " errors, the first " + result.errors().size() + " listed); the "
              + result.accepted() + " valid lines were accepted", runId, result);
      return ResponseEntity.status(problem.getStatus()).body(problem);
    }
    return ResponseEntity.ok(new Accepted(runId, result.accepted(), 0));
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notAcknowledged(SamplesNotAcknowledgedException e) {
    log.warn("Answering 503: {}", e.getMessage(), e.getCause());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "Kafka did not acknowledge the samples; retry the upload later (samples already written may be duplicated)");
    problem.setTitle("Samples not stored");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()))
        .body(problem);
  }

  private static ProblemDetail tallied(HttpStatus status, String title, String detail, String runId,
      UploadResult result) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setProperty("runId", runId);
    problem.setProperty("accepted", result.accepted());
    problem.setProperty("rejected", result.rejected());
    problem.setProperty("errors", result.errors());
    return problem;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
      @Nullable String field) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return ResponseEntity.status(status).body(problem);
  }

  /**
   * Every line was accepted.
   *
   * @param accepted samples written to {@code request-samples}
   * @param rejected always 0
   */
  record Accepted(String runId, long accepted, long rejected) {
  }
}
