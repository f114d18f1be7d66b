package io.perfplane.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.ndjson.LineError;
import io.perfplane.ingest.ndjson.NativeSample;
import io.perfplane.ingest.ndjson.NativeSampleParser;
import io.perfplane.ingest.ndjson.NdjsonLineReader;
import io.perfplane.ingest.ndjson.NdjsonLineReader.Line;
import io.perfplane.ingest.ndjson.ParsedLine;
import io.perfplane.ingest.system.IngestProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Streams one NDJSON body into {@code request-samples}: each valid line is sent as soon as it is parsed (the body is
 * never held in memory; the producer's bounded buffer throttles reading), each invalid line is tallied. Returns
 * only after Kafka acknowledged every sent sample.
 */
@Component
class NativeUploader {

  private final NativeSampleParser parser;
  private final KafkaTemplate<String, RequestSample> template;
  private final IngestProperties properties;

  NativeUploader(NativeSampleParser parser, KafkaTemplate<String, RequestSample> template,
      IngestProperties properties) {
    this.parser = parser;
    this.template = template;
    this.properties = properties;
  }

  /**
   * @param body the (already decompressed) body; read to its end, not closed
   * @throws SamplesNotAcknowledgedException if a send failed or was not acknowledged within the ack timeout
   */
  UploadResult upload(String runId, InputStream body) throws InterruptedException {
    UploadTally tally = new UploadTally(properties.maxErrorsListed());
    AckTracker acks = new AckTracker();
    NdjsonLineReader reader = new NdjsonLineReader(body, properties.maxLineBytes());
    long linesRead = 0;
    @Nullable String bodyFailure = null;
    try {
      for (Line line = reader.next(); line != null; line = reader.next()) {
        linesRead = line.number();
        handle(runId, line, tally, acks);
        Throwable failed = acks.failure();
        if (failed != null) {
          // Stop reading: more sends would fail the same way.
          throw new SamplesNotAcknowledgedException("Kafka rejected a sample of run " + runId, failed);
        }
      }
    } catch (IOException e) {
      bodyFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (!acks.awaitAll(properties.ackTimeout())) {
      throw new SamplesNotAcknowledgedException("Kafka did not acknowledge " + tally.accepted() + " samples of run "
          + runId + " within " + properties.ackTimeout(), acks.failure());
    }
    return new UploadResult(tally.accepted(), tally.rejected(), tally.errorCount(), tally.listed(), linesRead,
        bodyFailure);
  }

  private void handle(String runId, Line line, UploadTally tally, AckTracker acks) {
    switch (line) {
      case Line.Text text when text.text().isBlank() -> {
        // Blank lines (a trailing newline, spacing) carry nothing and are neither accepted nor rejected.
      }
      case Line.Text text -> {
        switch (parser.parse(text.number(), text.text())) {
          case ParsedLine.Valid valid -> {
            send(runId, valid.sample(), acks);
            tally.accept();
          }
          case ParsedLine.Rejected rejected -> tally.reject(rejected.errors());
        }
      }
      case Line.TooLong tooLong -> tally.reject(List.of(new LineError(tooLong.number(), null,
          "line is longer than " + tooLong.maxBytes() + " bytes")));
      case Line.NotUtf8 notUtf8 -> tally.reject(List.of(new LineError(notUtf8.number(), null,
          "line is not valid UTF-8")));
    }
  }

  private void send(String runId, NativeSample sample, AckTracker acks) {
    acks.sent();
    try {
      template.send(Topics.REQUEST_SAMPLES.name(), runId, SampleMessages.toRequestSample(runId, sample))
          .whenComplete((result, error) -> acks.completed(error));
    } catch (RuntimeException e) {
      // The producer can fail before returning a future (metadata unavailable within max.block.ms).
      acks.completed(e);
    }
  }
}
