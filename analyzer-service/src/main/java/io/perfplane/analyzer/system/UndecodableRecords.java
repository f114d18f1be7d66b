package io.perfplane.analyzer.system;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the analyzer does with an input record it cannot decode (garbage, a truncated body, a schema fingerprint it
 * does not know): skip it so the partition keeps moving, count it
 * ({@code perfplane.analyzer.records.undecodable{topic}}), log it (the first of each topic, then every
 * {@value #LOG_EVERY}th: topic, partition, offset and the decoder's message, never the bytes) and keep it on the
 * dead-letter topic unchanged. Kafka Streams' default (log and fail) would kill the stream thread on the same record
 * after every replacement, stalling the partition and everything valid behind it.
 *
 * <p>The dead letter is built like Kafka Streams' own (KIP-1034): the original key and value bytes, the source
 * record's headers, and the {@code __streams.errors.*} headers. It is written by the stream's producer, in the
 * transaction that commits the skipped offset.
 */
final class UndecodableRecords {

  /** Config key under which Kafka Streams hands this instance to {@link Handler#configure}. */
  static final String CONFIG_KEY = "perfplane.analyzer.undecodable-records";
  static final long LOG_EVERY = 1000;

  private static final Logger log = LoggerFactory.getLogger(UndecodableRecords.class);

  private final MeterRegistry registry;
  private final String deadLetterTopic;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

  UndecodableRecords(MeterRegistry registry, String deadLetterTopic) {
    this.registry = registry;
    this.deadLetterTopic = deadLetterTopic;
  }

  /** Counts and logs the record; returns its dead letter. */
  ProducerRecord<byte[], byte[]> skipped(ErrorHandlerContext context, Exception exception) {
    String topic = context.topic();
    counters.computeIfAbsent(topic, t -> Counter.builder("perfplane.analyzer.records.undecodable")
        .description("Input records the analyzer could not decode: skipped and sent to the dead-letter topic")
        .tag("topic", t).register(registry)).increment();
    long count = seen.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
    if (count == 1 || count % LOG_EVERY == 0) {
      log.warn("Skipped undecodable record {}-{}@{} ({} so far on {}; logged once per {}), kept on {}: {}", topic,
          context.partition(), context.offset(), count, topic, LOG_EVERY, deadLetterTopic, exception.toString());
    }
    return deadLetter(context, exception);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, context.timestamp(),
        context.sourceRawKey(), context.sourceRawValue());
    for (Header header : context.headers()) {
      record.headers().add(header);
    }
    StringWriter trace = new StringWriter();
    exception.printStackTrace(new PrintWriter(trace));
    record.headers().add("__streams.errors.exception", utf8(exception.getClass().getName()))
        .add("__streams.errors.message", utf8(String.valueOf(exception.getMessage())))
        .add("__streams.errors.stacktrace", utf8(trace.toString()))
        .add("__streams.errors.topic", utf8(context.topic()))
        .add("__streams.errors.partition", utf8(Integer.toString(context.partition())))
        .add("__streams.errors.offset", utf8(Long.toString(context.offset())));
    return record;
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The handler Kafka Streams instantiates by class name (so public, with a public constructor); the
   * {@link UndecodableRecords} it delegates to comes through the streams config under {@link #CONFIG_KEY}.
   */
  public static final class Handler implements DeserializationExceptionHandler {
    private UndecodableRecords records;

    /** Instantiated by Kafka Streams. */
    public Handler() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
      if (!(configs.get(CONFIG_KEY) instanceof UndecodableRecords configured)) {
        throw new IllegalStateException(CONFIG_KEY + " is not set in the streams config");
      }
      records = configured;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
        Exception exception) {
      return Response.resume(List.of(records.skipped(context, exception)));
    }
  }
}
