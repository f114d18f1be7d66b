package io.perfplane.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.perfplane.contracts.IngestReceipt;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.format.Format;
import io.perfplane.ingest.format.UnreadableUploadException;
import io.perfplane.ingest.k6.K6Summary;
import io.perfplane.ingest.k6.K6SummaryParser;
import io.perfplane.ingest.system.IngestProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ingest/{format}?runId=...} with the result file as the body (optionally
 * {@code Content-Encoding: gzip}); formats: {@code native, k6, k6-summary, jmeter, gatling} (see {@link Format}).
 * Answers:
 * <ul>
 *   <li>200 when every line was accepted (or ignored), 422 problem+json listing the rejected lines (the valid ones
 *       are still accepted; the rejected ones are on {@code ingest-dead-letters}), 413 when the body exceeded a
 *       size or gzip-ratio limit (what was read before is kept), 400 for a bad runId/format/key or a body that is
 *       not of the format: each only after the upload's Kafka transaction committed ({@link UploadTransaction});</li>
 *   <li>503 with {@code Retry-After} when Kafka did not acknowledge them or the commit failed (the attempt is
 *       aborted: read_committed consumers never see it); 429 with {@code Retry-After} when
 *       {@code max-concurrent-uploads} uploads are running;</li>
 *   <li>with an {@code Idempotency-Key} header: a repeat of a completed upload is answered from its receipt
 *       (same status and counts, header {@code Idempotent-Replayed: true}) without ingesting again; 409 while an
 *       upload with that key is running.</li>
 * </ul>
 * A per-sample upload is one generator of the run on {@code run-events} ({@link ImportRunEvents}): {@code final}
 * (default true) says whether it completes the run; {@code file} and {@code test} label it.
 * {@code k6-summary} carries no per-request data: it is parsed and answered normalised (run-level figures in µs),
 * nothing is written to {@code request-samples}. Authentication is done by the bearer-token filter.
 */
@RestController
class IngestController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Duration READY_WAIT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(IngestController.class);
  // '|' is excluded: it separates runId from other parts of Kafka keys downstream.
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
  // File and test names only label the run (STARTED attributes): printable ASCII, bounded.
  private static final Pattern LABEL = Pattern.compile("[\\x20-\\x7e]{1,200}");

  private final ResultUploader uploader;
  private final UploadTransactions transactions;
  private final UploadReceipts receipts;
  private final IngestProperties properties;
  private final K6SummaryParser summaries;
  private final Clock clock;

  IngestController(ResultUploader uploader, UploadTransactions transactions, UploadReceipts receipts,
      IngestProperties properties, Clock clock) {
    this.uploader = uploader;
    this.transactions = transactions;
    this.receipts = receipts;
    this.properties = properties;
    this.summaries = new K6SummaryParser((int) properties.limits().maxSummaryBytes().toBytes());
    this.clock = clock;
  }

  @PostMapping("/ingest/{format}")
  ResponseEntity<?> ingest(@PathVariable("format") String formatName, @RequestParam String runId,
      @RequestParam(name = "final", defaultValue = "true") boolean finalPart,
      @RequestParam(name = "file", required = false) @Nullable String fileName,
      @RequestParam(name = "test", required = false) @Nullable String testName,
      @RequestParam(name = "targetService", required = false) @Nullable String targetService,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
      @RequestHeader(name = HttpHeaders.CONTENT_ENCODING, required = false) @Nullable String contentEncoding,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
      InputStream body) throws InterruptedException, IOException {
    Optional<Format> known = Format.byPathName(formatName);
    if (known.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "Unknown format", "format must be one of " + Format.pathNames(),
          "format");
    }
    Format format = known.get();
    if (!RUN_ID.matcher(runId).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid runId",
          "runId must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
          "runId");
    }
    for (Map.Entry<String, String> label : labels(fileName, testName, targetService).entrySet()) {
      if (!LABEL.matcher(label.getValue()).matches()) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid " + label.getKey(),
            label.getKey() + " must be 1-200 printable ASCII characters", label.getKey());
      }
    }
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!format.mediaTypes().contains(mediaType)
        && !(format != Format.NATIVE && mediaType.equals("application/octet-stream"))) {
      return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type", "Content-Type of a "
          + format.pathName() + " upload must be one of " + format.mediaTypes(), "Content-Type");
    }
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
    if (!gzip && !encoding.equals("identity") && !encoding.isEmpty()) {
      return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Encoding",
          "Content-Encoding must be gzip or identity", "Content-Encoding");
    }
    InputStream limited;
    try {
      limited = LimitedBody.of(body, gzip, properties.limits());
    } catch (IOException e) {
      return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "body is not gzip: " + e.getMessage(), "body");
    }
    if (format == Format.K6_SUMMARY) {
      return summary(runId, limited);
    }
    if (idempotencyKey == null) {
      ImportRun run = importRun(format, "ingest/upload-" + UUID.randomUUID(), finalPart,
          labels(fileName, testName, targetService));
      Optional<UploadTransaction> opened = transactions.open(UploadTransactions.unkeyedId());
      if (opened.isEmpty()) {
        return tooManyUploads();
      }
      try (UploadTransaction transaction = opened.get()) {
        UploadResult result = uploader.upload(runId, format, run, limited, transaction);
        transaction.commit();
        return answer(runId, format, result);
      }
    }
    return keyed(runId, format, idempotencyKey,
        importRun(format, "ingest/" + format.pathName() + "/" + idempotencyKey, finalPart,
            labels(fileName, testName, targetService)),
        limited);
  }

  private static Map<String, String> labels(@Nullable String fileName, @Nullable String testName,
      @Nullable String targetService) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (targetService != null) {
      labels.put("targetService", targetService);
    }
    if (fileName != null) {
      labels.put("file", fileName);
    }
    if (testName != null) {
      labels.put("test", testName);
    }
    return labels;
  }

  /**
   * The upload as a generator of the run. With an Idempotency-Key the generator id is derived from it, so a retry
   * after a 503 is the same generator (the analyzer counts one FINISHED per generator); without one, every upload
   * is a generator of its own.
   */
  private static ImportRun importRun(Format format, String generatorId, boolean finalPart,
      Map<String, String> labels) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("source", format.source());
    attributes.put("format", format.pathName());
    attributes.put("final", Boolean.toString(finalPart));
    // The analyzer reads targetService from STARTED; the other labels only name the run.
    labels.forEach((label, value) -> attributes.put(switch (label) {
      case "file" -> "fileName";
      case "test" -> "testName";
      default -> label;
    }, value));
    return new ImportRun(generatorId, finalPart, attributes);
  }

  private ResponseEntity<?> keyed(String runId, Format format, String idempotencyKey, ImportRun run,
      InputStream body) throws InterruptedException {
    if (!KEY.matcher(idempotencyKey).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
          "Idempotency-Key must be 1-200 printable ASCII characters without spaces", IDEMPOTENCY_KEY);
    }
    if (!receipts.awaitReady(READY_WAIT)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "upload receipts are still being read from Kafka; retry the upload later");
      problem.setTitle("Not ready for keyed uploads");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds())).body(problem);
    }
    String key = Topics.receiptKey(runId, format.pathName(), idempotencyKey);
    Optional<IngestReceipt> done = receipts.find(key);
    if (done.isPresent()) {
      return replay(done.get());
    }
    if (!receipts.claim(key)) {
      return problem(HttpStatus.CONFLICT, "Upload in progress",
          "an upload with this Idempotency-Key is running; retry after it has been answered", IDEMPOTENCY_KEY);
    }
    try {
      // Checked again under the claim: the upload holding it may have completed since the first look.
      done = receipts.find(key);
      if (done.isPresent()) {
        return replay(done.get());
      }
      // Fences an earlier attempt with this key (on any instance) and aborts what it wrote.
      Optional<UploadTransaction> opened = transactions.open(UploadTransactions.keyedId(key));
      if (opened.isEmpty()) {
        return tooManyUploads();
      }
      try (UploadTransaction transaction = opened.get()) {
        UploadResult result = uploader.upload(runId, format, run, body, transaction);
        if (result.unreadable() != null) {
          transaction.commit(); // what came before the unreadable part is stored, like a 413's; no receipt
          return answer(runId, format, result);
        }
        ResponseEntity<?> answer = answer(runId, format, result);
        IngestReceipt receipt = IngestReceipt.newBuilder()
            .setRunId(runId)
            .setSource(format.pathName())
            .setIdempotencyKey(idempotencyKey)
            .setAccepted(result.accepted())
            .setRejected(result.rejected())
            .setIgnored(result.ignored())
            .setStatus(answer.getStatusCode().value())
            .setCompletedAtUs(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()))
            .build();
        // In the same transaction as the samples: no window in which the samples are stored but the receipt is not.
        transaction.send(Topics.INGEST_RECEIPTS, key, receipt, (metadata, error) -> { });
        transaction.commit();
        receipts.remember(key, receipt);
        return answer;
      }
    } finally {
      receipts.release(key);
    }
  }

  private ResponseEntity<?> answer(String runId, Format format, UploadResult result) {
    if (result.unreadable() != null) {
      throw result.unreadable(); // answered 400 by the handler below, after the commit
    }
    log.info("Ingested {} upload of run {}: {} accepted, {} rejected, {} ignored", format.pathName(), runId,
        result.accepted(), result.rejected(), result.ignored());
    if (result.bodyFailure() != null) {
      HttpStatus status = result.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
      ProblemDetail problem = tallied(status, result.tooLarge() ? "Upload too large" : "Unreadable body",
          "reading stopped: " + result.bodyFailure() + "; the " + result.accepted()
              + " valid samples before that point were accepted", runId, format, result);
      return ResponseEntity.status(status).body(problem);
    }
    if (result.rejected() > 0) {
      ProblemDetail problem = tallied(HttpStatus.UNPROCESSABLE_CONTENT, "Some lines were rejected",
          result.rejected() + " of " + (result.accepted() + result.rejected()) + " lines rejected ("
              + result.errorCount() + " errors, the first " + result.errors().size() + " listed, every rejected "
              + "line is on " + Topics.INGEST_DEAD_LETTERS.name() + "); the " + result.accepted()
              + " valid samples were accepted", runId, format, result);
      return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }
    return ResponseEntity.ok(new Accepted(runId, format.source(), result.accepted(), 0, result.ignored()));
  }

  private ResponseEntity<?> replay(IngestReceipt receipt) {
    HttpStatus status = HttpStatus.valueOf(receipt.getStatus());
    if (status == HttpStatus.OK) {
      return ResponseEntity.ok().header(REPLAYED, "true").body(new Accepted(receipt.getRunId(),
          Format.byPathName(receipt.getSource()).map(Format::source).orElse(receipt.getSource()),
          receipt.getAccepted(), 0, receipt.getIgnored()));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "this Idempotency-Key's upload already "
        + "completed with " + receipt.getAccepted() + " accepted and " + receipt.getRejected() + " rejected lines; "
        + "nothing was ingested again (the rejected lines were listed in the first answer and are on "
        + Topics.INGEST_DEAD_LETTERS.name() + ")");
    problem.setTitle("Upload already completed");
    problem.setProperty("runId", receipt.getRunId());
    problem.setProperty("accepted", receipt.getAccepted());
    problem.setProperty("rejected", receipt.getRejected());
    problem.setProperty("ignored", receipt.getIgnored());
    problem.setProperty("errors", List.of());
    return ResponseEntity.status(status).header(REPLAYED, "true").body(problem);
  }

  private ResponseEntity<?> summary(String runId, InputStream body) throws IOException {
    try {
      K6Summary summary = summaries.parse(body);
      log.info("Parsed k6 {} summary of run {}", summary.shape(), runId);
      return ResponseEntity.ok(new SummaryAccepted(runId, "k6", summary));
    } catch (UploadTooLargeException e) {
      return problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", e.getMessage(), "body");
    }
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unreadable(UnreadableUploadException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Not of the declared format");
    problem.setProperty("field", e.field());
    return ResponseEntity.badRequest().body(problem);
  }

  private ResponseEntity<ProblemDetail> tooManyUploads() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "already "
        + properties.maxConcurrentUploads() + " uploads running (perfplane.ingest.max-concurrent-uploads); "
        + "nothing was read, retry the upload later");
    problem.setTitle("Too many concurrent uploads");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds())).body(problem);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notAcknowledged(SamplesNotAcknowledgedException e) {
    log.warn("Answering 503: {}", e.getMessage(), e.getCause());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "Kafka did not acknowledge the samples; nothing of this attempt is visible to read_committed consumers, retry "
            + "the upload later");
    problem.setTitle("Samples not stored");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()))
        .body(problem);
  }

  private static ProblemDetail tallied(HttpStatus status, String title, String detail, String runId, Format format,
      UploadResult result) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setProperty("runId", runId);
    problem.setProperty("source", format.source());
    problem.setProperty("accepted", result.accepted());
    problem.setProperty("rejected", result.rejected());
    problem.setProperty("ignored", result.ignored());
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
   * Every line was accepted or ignored.
   *
   * @param source the tool recorded on the samples
   * @param accepted samples written to {@code request-samples}
   * @param rejected always 0
   * @param ignored lines that carry nothing perfplane stores
   */
  record Accepted(String runId, String source, long accepted, long rejected, long ignored) {
  }

  /** A parsed k6 summary (run-level figures only; nothing is written to Kafka). */
  record SummaryAccepted(String runId, String source, K6Summary summary) {
  }
}
