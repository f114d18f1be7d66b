package io.perfplane.ingest.upload;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import io.perfplane.contracts.DeadLetter;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.format.Format;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.format.SampleRules;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The sink of one upload: applies the format-neutral {@link SampleRules}, sends each accepted sample to
 * {@code request-samples} and each rejected line to {@code ingest-dead-letters} (both keyed by runId and tracked
 * until Kafka acknowledges them), and tallies; the upload's STARTED run event goes out just before its first accepted
 * sample. Stops the upload as soon as one send failed.
 */
final class KafkaSink implements ResultSink {

  static final int MAX_PAYLOAD_CHARS = 1024;

  private final String runId;
  private final Format format;
  private final SampleRules rules;
  private final KafkaTemplate<String, RequestSample> samples;
  private final KafkaTemplate<String, DeadLetter> deadLetters;
  private final Clock clock;
  private final UploadTally tally;
  private final AckTracker acks;
  private final ImportRunEvents events;

  KafkaSink(String runId, Format format, SampleRules rules, KafkaTemplate<String, RequestSample> samples,
      KafkaTemplate<String, DeadLetter> deadLetters, Clock clock, UploadTally tally, AckTracker acks,
      ImportRunEvents events) {
    this.runId = runId;
    this.format = format;
    this.rules = rules;
    this.samples = samples;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.tally = tally;
    this.acks = acks;
    this.events = events;
  }

  AckTracker acks() {
    return acks;
  }

  @Override
  public void sample(long line, NativeSample sample, String payload) {
    List<LineError> errors = rules.check(line, sample);
    if (!errors.isEmpty()) {
      rejected(errors, payload);
      return;
    }
    if (!events.wasStarted()) {
      failIfKafkaFailed();
      events.started(); // STARTED before the first sample, so the analyzer waits for this upload's FINISHED
    }
    send(samples, Topics.REQUEST_SAMPLES.name(), SampleMessages.toRequestSample(runId, format.source(), sample));
    tally.accept();
  }

  @Override
  public void rejected(List<LineError> errors, String payload) {
    tally.reject(errors);
    LineError first = errors.getFirst();
    String reason = errors.stream()
        .map(error -> error.field() == null ? error.reason() : error.field() + " " + error.reason())
        .collect(Collectors.joining("; "));
    send(deadLetters, Topics.INGEST_DEAD_LETTERS.name(), DeadLetter.newBuilder()
        .setRunId(runId)
        .setSource(format.pathName())
        .setLine(first.line())
        .setField(first.field())
        .setReason(reason)
        .setPayload(payload.length() <= MAX_PAYLOAD_CHARS ? payload : payload.substring(0, MAX_PAYLOAD_CHARS))
        .setAtUs(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()))
        .build());
  }

  @Override
  public void ignored(long line) {
    tally.ignore();
  }

  private void failIfKafkaFailed() {
    Throwable failed = acks.failure();
    if (failed != null) {
      // Stop reading: more sends would fail the same way.
      throw new SamplesNotAcknowledgedException("Kafka rejected a record of run " + runId, failed);
    }
  }

  private <V> void send(KafkaTemplate<String, V> template, String topic, V value) {
    failIfKafkaFailed();
    acks.sent();
    try {
      template.send(topic, runId, value).whenComplete((result, error) -> acks.completed(error));
    } catch (RuntimeException e) {
      // The producer can fail before returning a future (metadata unavailable within max.block.ms).
      acks.completed(e);
      throw new SamplesNotAcknowledgedException("Kafka did not take a record of run " + runId, e);
    }
  }
}
