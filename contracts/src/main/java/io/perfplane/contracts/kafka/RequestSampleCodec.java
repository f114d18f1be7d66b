package io.perfplane.contracts.kafka;

import java.util.List;
import java.util.stream.Stream;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The {@code request-samples} value format: {@link SingleObjectCodec} of {@link RequestSample}, plus a reader of just
 * the fields an aggregator needs, for consumers that read every sample.
 *
 * <p>Why the partial reader: Avro's specific reader builds a whole {@link RequestSample} per record (five strings, a
 * tags map), which was most of the analyzer's own per-record cost. For a writer schema whose fields up to
 * {@code ttfbUs} are the current schema's (today: the current schema and v1, which only lacks the trailing
 * {@code source}), {@link #readAggregated} reads the body directly and stops after {@code ttfbUs}; any other schema of
 * the history is decoded by the resolving {@link SingleObjectCodec}, so schema evolution stays Avro's.
 *
 * <p>Thread-safe.
 */
public final class RequestSampleCodec {

  /** The {@code ttfbUs} handed to {@link AggregatedFields#fields} for a sample without a time to first byte. */
  public static final long NO_TTFB = -1;

  /** Fields read by the fast path, in the current schema's order; the body is not read past the last one. */
  private static final List<String> FAST_FIELDS = List.of("runId", "generatorId", "scenario", "endpoint", "method",
      "status", "errorKind", "intendedStartUs", "actualStartUs", "latencyUs", "serviceTimeUs", "ttfbUs");
  private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();

  private final SingleObjectCodec<RequestSample> codec = SingleObjectCodec.of(RequestSample.class);
  private final long[] fastFingerprints;

  public RequestSampleCodec() {
    Schema current = RequestSample.getClassSchema();
    this.fastFingerprints = Stream.concat(Stream.of(current),
            SchemaHistory.olderVersionsOf(current).stream())
        .filter(writer -> samePrefix(writer, current))
        .mapToLong(SingleObjectCodec::fingerprint).distinct().toArray();
  }

  /**
   * Receives the aggregated fields of one sample from {@link #readAggregated}. Implement it once per consumer (for
   * instance per thread), not per record: the reader calls it without allocating.
   *
   * @param <R> what the consumer makes of a sample
   */
  public interface AggregatedFields<R> {

    /**
     * The string of the UTF-8 bytes {@code utf8[offset, offset + length)}: the run id and the endpoint, which repeat
     * from record to record, so an implementation may intern them. The array must not be kept or modified.
     */
    String string(byte[] utf8, int offset, int length);

    /**
     * One sample's fields.
     *
     * @param runId run id (from {@link #string} on the fast path)
     * @param endpoint endpoint label (likewise)
     * @param status HTTP status, 0 without a response
     * @param errorKind failure classification, {@code NONE} when the request succeeded
     * @param intendedStartUs intended start (µs epoch)
     * @param actualStartUs actual start (µs epoch)
     * @param latencyUs coordinated-omission corrected latency (µs)
     * @param serviceTimeUs raw service time from the actual start (µs)
     * @param ttfbUs time to first byte from the actual start (µs), {@link #NO_TTFB} when the sample has none
     */
    R fields(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs, long actualStartUs,
        long latencyUs, long serviceTimeUs, long ttfbUs);
  }

  /** Encodes one sample (thread-safe). */
  public byte[] encode(RequestSample sample) {
    return codec.encode(sample);
  }

  /** A single-thread writer reusing its buffers: for a producer fed from one thread. */
  public SingleObjectCodec.Writer<RequestSample> newWriter() {
    return codec.newWriter();
  }

  /** Decodes a whole sample, resolving older writer schemas. */
  public RequestSample decode(byte[] bytes) {
    return codec.decode(bytes);
  }

  /**
   * Reads the aggregated fields of one sample into {@code sink}.
   *
   * @return what {@code sink} made of them
   * @throws SerializationException on a bad header, an unknown writer schema or a truncated or malformed body
   */
  public <R> R readAggregated(byte[] bytes, AggregatedFields<R> sink) {
    if (isFast(codec.writerFingerprint(bytes))) {
      try {
        return new Cursor(bytes).read(sink);
      } catch (RuntimeException e) {
        throw new SerializationException("cannot decode RequestSample (" + bytes.length + " bytes): " + e, e);
      }
    }
    RequestSample sample = codec.decode(bytes);
    Long ttfbUs = sample.getTtfbUs();
    return sink.fields(sample.getRunId(), sample.getEndpoint(), sample.getStatus(), sample.getErrorKind(),
        sample.getIntendedStartUs(), sample.getActualStartUs(), sample.getLatencyUs(), sample.getServiceTimeUs(),
        ttfbUs == null ? NO_TTFB : ttfbUs);
  }

  private boolean isFast(long fingerprint) {
    for (long fast : fastFingerprints) {
      if (fast == fingerprint) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code writer}'s first fields are the current schema's in Avro's parsing canonical form (what decides
   * the binary layout; docs, defaults and Java string properties do not), so the fast path reads it correctly.
   */
  static boolean samePrefix(Schema writer, Schema current) {
    if (writer.getFields().size() < FAST_FIELDS.size()) {
      return false;
    }
    for (int i = 0; i < FAST_FIELDS.size(); i++) {
      Schema.Field w = writer.getFields().get(i);
      Schema.Field c = current.getFields().get(i);
      if (!w.name().equals(FAST_FIELDS.get(i)) || !c.name().equals(FAST_FIELDS.get(i))
          || !SchemaNormalization.toParsingForm(w.schema()).equals(SchemaNormalization.toParsingForm(c.schema()))) {
        return false;
      }
    }
    return true;
  }

  /** Avro binary reading of the fast fields: zig-zag varints, length-prefixed UTF-8 strings. */
  private static final class Cursor {
    private final byte[] bytes;
    private int pos = SingleObjectCodec.HEADER_BYTES;

    Cursor(byte[] bytes) {
      this.bytes = bytes;
    }

    <R> R read(AggregatedFields<R> sink) {
      String runId = string(sink);
      skipString(); // generatorId
      skipString(); // scenario
      String endpoint = string(sink);
      skipString(); // method
      int status = (int) varLong();
      int kind = (int) varLong();
      if (kind < 0 || kind >= ERROR_KINDS.length) {
        throw new IllegalArgumentException("errorKind index " + kind);
      }
      long intendedStartUs = varLong();
      long actualStartUs = varLong();
      long latencyUs = varLong();
      long serviceTimeUs = varLong();
      long branch = varLong(); // ttfbUs: union index, 0 = null, 1 = long
      if (branch != 0 && branch != 1) {
        throw new IllegalArgumentException("ttfbUs union index " + branch);
      }
      long ttfbUs = branch == 1 ? varLong() : NO_TTFB;
      return sink.fields(runId, endpoint, status, ERROR_KINDS[kind], intendedStartUs, actualStartUs, latencyUs,
          serviceTimeUs, ttfbUs);
    }

    private String string(AggregatedFields<?> sink) {
      int length = length();
      String value = sink.string(bytes, pos, length);
      pos += length;
      return value;
    }

    private void skipString() {
      int length = length(); // not "pos += length()": that would add to pos as it was before the length was read
      pos += length;
    }

    private int length() {
      long length = varLong();
      if (length < 0 || length > bytes.length - pos) {
        throw new IllegalArgumentException("string length " + length + " at " + pos);
      }
      return (int) length;
    }

    private long varLong() {
      long raw = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[pos++];
        raw |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new IllegalArgumentException("varint longer than 10 bytes");
    }
  }
}
