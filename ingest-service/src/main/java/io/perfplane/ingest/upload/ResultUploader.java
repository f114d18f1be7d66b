package io.perfplane.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.perfplane.contracts.DeadLetter;
import io.perfplane.contracts.RequestSample;
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
  private final IngestProperties properties;
  private final Clock clock;

  ResultUploader(NativeSampleParser parser, KafkaTemplate<String, RequestSample> samples,
      KafkaTemplate<String, DeadLetter> deadLetters, IngestProperties properties, Clock clock) {
    this.samples = samples;
    this.deadLetters = deadLetters;
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
   * @param body the bounded, decompressed body; read to its end (or a limit), not closed
   * @throws SamplesNotAcknowledgedException if a send failed or was not acknowledged within the ack timeout
   * @throws UnreadableUploadException if the body is not of the format at all (after acknowledging what was sent)
   */
  UploadResult upload(String runId, Format format, InputStream body) throws InterruptedException {
    ResultReader reader = readers.get(format);
    if (reader == null) {
      throw new IllegalArgumentException(format + " has no per-sample reader");
    }
    UploadTally tally = new UploadTally(properties.maxErrorsListed());
    KafkaSink sink = new KafkaSink(runId, format, new SampleRules(properties.limits().sampleLimits(), clock),
        samples, deadLetters, clock, tally);
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
      throw e;
    }
    awaitAcks(runId, sink, tally);
    return new UploadResult(tally.accepted(), tally.rejected(), tally.ignored(), tally.errorCount(), tally.listed(),
        bodyFailure, tooLarge);
  }

  private void awaitAcks(String runId, KafkaSink sink, UploadTally tally) throws InterruptedException {
    if (!sink.acks().awaitAll(properties.ackTimeout())) {
      throw new SamplesNotAcknowledgedException("Kafka did not acknowledge " + tally.accepted() + " samples and "
          + tally.rejected() + " dead letters of run " + runId + " within " + properties.ackTimeout(),
          sink.acks().failure());
    }
  }
}
