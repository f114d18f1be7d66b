package io.perfplane.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.perfplane.contracts.DeadLetter;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.ingest.format.Format;
import io.perfplane.ingest.format.ResultReader;
import io.perfplane.ingest.format.SampleRules;
import io.perfplane.ingest.format.UnreadableUploadException;
import io.perfplane.ingest.gatling.GatlingLogReader;
import io.perfplane.ingest.jmeter.JtlCsvReader;
import io.perfplane.ingest.k6.K6NdjsonReader;
import io.perfplane.ingest.ndjson.NativeNdjsonReader;
import io.perfplane.ingest.ndjson.NativeSampleParser;
import io.perfplane.ingest.system.IngestProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Streams one upload of a per-sample format into Kafka: the format's reader pushes each sample as soon as it is
 * parsed (the body is never held in memory; the producer's bounded buffer throttles reading), rejected lines go to
 * the dead-letter topic. Returns only after Kafka acknowledged every record sent.
 */
@Component
class ResultUploader {

  private final Map<Format, ResultReader> readers = new EnumMap<>(Format.class);
  private final KafkaTemplate<String, RequestSample> samples;
  private final KafkaTemplate<String, DeadLetter> deadLetters;
  private final KafkaTemplate<String, RunEvent> runEvents;
  private final IngestProperties properties;
  private final Clock clock;

  ResultUploader(NativeSampleParser parser, KafkaTemplate<String, RequestSample> samples,
      KafkaTemplate<String, DeadLetter> deadLetters, KafkaTemplate<String, RunEvent> runEvents,
      IngestProperties properties, Clock clock) {
    this.samples = samples;
    this.deadLetters = deadLetters;
    this.runEvents = runEvents;
    this.properties = properties;
    this.clock = clock;
    int maxLine = properties.maxLineBytes();
    readers.put(Format.NATIVE, new NativeNdjsonReader(parser, maxLine));
    readers.put(Format.K6, new K6NdjsonReader(maxLine));
    readers.put(Format.JMETER, new JtlCsvReader(maxLine));
    readers.put(Format.GATLING, new GatlingLogReader(maxLine));
  }

  /**
   * @param format a per-sample format (not {@link Format#K6_SUMMARY})
   * @param run the upload's generator for the run events: STARTED before the first sample, FINISHED with the
   *     accepted count once Kafka acknowledged every sample (see {@link ImportRunEvents})
   * @param body the bounded, decompressed body; read to its end (or a limit), not closed
   * @throws SamplesNotAcknowledgedException if a send failed or was not acknowledged within the ack timeout
   * @throws UnreadableUploadException if the body is not of the format at all (after acknowledging what was sent)
   */
  UploadResult upload(String runId, Format format, ImportRun run, InputStream body) throws InterruptedException {
    ResultReader reader = readers.get(format);
    if (reader == null) {
      throw new IllegalArgumentException(format + " has no per-sample reader");
    }
    UploadTally tally = new UploadTally(properties.maxErrorsListed());
    AckTracker acks = new AckTracker();
    ImportRunEvents events = new ImportRunEvents(runId, run, runEvents, clock, acks);
    KafkaSink sink = new KafkaSink(runId, format, new SampleRules(properties.limits().sampleLimits(), clock),
        samples, deadLetters, clock, tally, acks, events);
    @Nullable String bodyFailure = null;
    boolean tooLarge = false;
    try {
      reader.read(body, sink);
    } catch (UploadTooLargeException e) {
      bodyFailure = e.getMessage();
      tooLarge = true;
    } catch (IOException e) {
      bodyFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } catch (UnreadableUploadException e) {
      awaitAcks(runId, sink, tally);
      if (events.wasStarted()) {
        finish(runId, events, sink, tally); // the samples before the unreadable part are stored: account for them
      }
      throw e;
    }
    awaitAcks(runId, sink, tally);
    finish(runId, events, sink, tally);
    return new UploadResult(tally.accepted(), tally.rejected(), tally.ignored(), tally.errorCount(), tally.listed(),
        bodyFailure, tooLarge);
  }

  /** FINISHED only once every sample is acknowledged, so its count never runs ahead of what Kafka holds. */
  private void finish(String runId, ImportRunEvents events, KafkaSink sink, UploadTally tally)
      throws InterruptedException {
    events.finished(tally.accepted(), tally.rejected(), tally.ignored());
    awaitAcks(runId, sink, tally);
  }

  private void awaitAcks(String runId, KafkaSink sink, UploadTally tally) throws InterruptedException {
    if (!sink.acks().awaitAll(properties.ackTimeout())) {
      throw new SamplesNotAcknowledgedException("Kafka did not acknowledge " + tally.accepted() + " samples and "
          + tally.rejected() + " dead letters of run " + runId + " within " + properties.ackTimeout(),
          sink.acks().failure());
    }
  }
}
