package io.perfplane.contracts.kafka;

import java.util.List;
import java.util.stream.Stream;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

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
 * <p>The named measurements and check outcomes (schema v3) are read only when the caller passes a
 * {@link NamedFields}: {@link #readAggregated(byte[], AggregatedFields, NamedFields)} reads past {@code ttfbUs}, skipping
 * the tags and source, for a current-schema sample; a v1/v2 sample has none; any other writer schema carrying them is
 * decoded by the resolving reader.
 *
 * <p>Thread-safe; {@link #newReader()} hands out a single-thread reader that allocates nothing per record.
 */
public final class RequestSampleCodec {

  /** The {@code ttfbUs} handed to {@link AggregatedFields#fields} for a sample without a time to first byte. */
  public static final long NO_TTFB = -1;

  /** Fields read by the fast path, in the current schema's order; the body is not read past the last one. */
  private static final List<String> FAST_FIELDS = List.of("runId", "generatorId", "scenario", "endpoint", "method",
      "status", "errorKind", "intendedStartUs", "actualStartUs", "latencyUs", "serviceTimeUs", "ttfbUs");
  private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();
  private static final byte[] NO_BYTES = new byte[0];

  private static final MeasurementKind[] MEASUREMENT_KINDS = MeasurementKind.values();

  private final SingleObjectCodec<RequestSample> codec = SingleObjectCodec.of(RequestSample.class);
  private final long currentFingerprint = SingleObjectCodec.fingerprint(RequestSample.getClassSchema());
  private final long[] fastFingerprints;
  /** Fast fingerprints of writer schemas without {@code measurements} and {@code checks} (v1, v2). */
  private final long[] unnamedFingerprints;

  public RequestSampleCodec() {
    Schema current = RequestSample.getClassSchema();
    List<Schema> fast = Stream.concat(Stream.of(current), SchemaHistory.olderVersionsOf(current).stream())
        .filter(writer -> samePrefix(writer, current)).toList();
    this.fastFingerprints = fast.stream().mapToLong(SingleObjectCodec::fingerprint).distinct().toArray();
    this.unnamedFingerprints = fast.stream()
        .filter(writer -> writer.getField("measurements") == null && writer.getField("checks") == null)
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

  /**
   * Receives the named measurements and check outcomes of the sample whose {@link AggregatedFields#fields} call
   * preceded them (schema v3); a sample without any makes no call. Implement it once per consumer, as the sink.
   * Names come from the sink's {@link AggregatedFields#string}, so they may be interned like the endpoint.
   */
  public interface NamedFields {

    /**
     * One named measurement.
     *
     * @param name dotted name ({@code server_timing.db}, {@code web_vital.lcp}, {@code custom.<metric>})
     * @param kind {@code DURATION_US} (value in µs), {@code SCORE} (unitless) or {@code OTHER} (a kind this reader
     *     does not know: skip it)
     * @param value the value, in the kind's unit
     */
    void measurement(String name, MeasurementKind kind, double value);

    /**
     * The outcomes of one named check on this request.
     *
     * @param name check name
     * @param passed times it passed, ≥ 0
     * @param failed times it failed, ≥ 0
     */
    void check(String name, int passed, int failed);
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
   * Reads the aggregated fields of one sample into {@code sink}, skipping its named measurements and checks.
   *
   * @return what {@code sink} made of them
   * @throws SerializationException on a bad header, an unknown writer schema or a truncated or malformed body
   */
  public <R> R readAggregated(byte[] bytes, AggregatedFields<R> sink) {
    return new Cursor().read(bytes, sink, null);
  }

  /**
   * Reads the aggregated fields of one sample into {@code sink}, then its named measurements and check outcomes
   * into {@code named} (none for a v1/v2 sample).
   *
   * @return what {@code sink} made of the aggregated fields
   * @throws SerializationException on a bad header, an unknown writer schema or a truncated or malformed body
   */
  public <R> R readAggregated(byte[] bytes, AggregatedFields<R> sink, NamedFields named) {
    return new Cursor().read(bytes, sink, named);
  }

  /**
   * A reader reusing one cursor from record to record, for a consumer that owns its thread (a stream thread): the
   * same results as {@link #readAggregated}, without its per-record cursor. Not thread-safe.
   */
  public Reader newReader() {
    return new Reader();
  }

  /** See {@link #newReader()}. */
  public final class Reader {
    private final Cursor cursor = new Cursor();

    private Reader() {
    }

    /** As {@link RequestSampleCodec#readAggregated(byte[], AggregatedFields)}. */
    public <R> R readAggregated(byte[] bytes, AggregatedFields<R> sink) {
      return cursor.read(bytes, sink, null);
    }

    /** As {@link RequestSampleCodec#readAggregated(byte[], AggregatedFields, NamedFields)}. */
    public <R> R readAggregated(byte[] bytes, AggregatedFields<R> sink, NamedFields named) {
      return cursor.read(bytes, sink, named);
    }
  }

  private <R> R readResolved(byte[] bytes, AggregatedFields<R> sink, @Nullable NamedFields named) {
    RequestSample sample = codec.decode(bytes);
    Long ttfbUs = sample.getTtfbUs();
    R result = sink.fields(sample.getRunId(), sample.getEndpoint(), sample.getStatus(), sample.getErrorKind(),
        sample.getIntendedStartUs(), sample.getActualStartUs(), sample.getLatencyUs(), sample.getServiceTimeUs(),
        ttfbUs == null ? NO_TTFB : ttfbUs);
    if (named != null) {
      for (Measurement m : sample.getMeasurements()) {
        named.measurement(m.getName(), m.getKind(), m.getValue());
      }
      for (CheckOutcome c : sample.getChecks()) {
        named.check(c.getName(), c.getPassed(), c.getFailed());
      }
    }
    return result;
  }

  private static boolean contains(long[] fingerprints, long fingerprint) {
    for (long known : fingerprints) {
      if (known == fingerprint) {
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

  /**
   * Avro binary reading of the fast fields: zig-zag varints, length-prefixed UTF-8 strings, blocked arrays and maps.
   * Reusable: {@link #read} resets it, so a {@link Reader} keeps one.
   */
  private final class Cursor {
    private byte[] bytes = NO_BYTES;
    private int pos;

    <R> R read(byte[] value, AggregatedFields<R> sink, @Nullable NamedFields named) {
      long fingerprint = codec.writerFingerprint(value);
      if (!contains(fastFingerprints, fingerprint)) {
        return readResolved(value, sink, named);
      }
      boolean readNamed = named != null && !contains(unnamedFingerprints, fingerprint);
      if (readNamed && fingerprint != currentFingerprint) {
        return readResolved(value, sink, named); // a layout after ttfbUs this cursor does not know
      }
      bytes = value;
      pos = SingleObjectCodec.HEADER_BYTES;
      try {
        R result = readFast(sink);
        if (readNamed && named != null) {
          readNamed(sink, named);
        }
        return result;
      } catch (RuntimeException e) {
        throw new SerializationException("cannot decode RequestSample (" + value.length + " bytes): " + e, e);
      } finally {
        bytes = NO_BYTES; // not kept past the call: the consumer's buffer is not ours
      }
    }

    private <R> R readFast(AggregatedFields<R> sink) {
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

    /** The current schema after {@code ttfbUs}: bytesIn, bytesOut, tags, source, measurements, checks. */
    private void readNamed(AggregatedFields<?> sink, NamedFields named) {
      varLong(); // bytesIn
      varLong(); // bytesOut
      for (long count = blockCount(); count != 0; count = blockCount()) {
        for (long i = 0; i < count; i++) {
          skipString(); // tag key
          skipString(); // tag value
        }
      }
      skipString(); // source
      for (long count = blockCount(); count != 0; count = blockCount()) {
        for (long i = 0; i < count; i++) {
          String name = string(sink);
          double value = doubleValue();
          int kind = (int) varLong();
          if (kind < 0 || kind >= MEASUREMENT_KINDS.length) {
            throw new IllegalArgumentException("measurement kind index " + kind);
          }
          named.measurement(name, MEASUREMENT_KINDS[kind], value);
        }
      }
      for (long count = blockCount(); count != 0; count = blockCount()) {
        for (long i = 0; i < count; i++) {
          String name = string(sink);
          int passed = (int) varLong();
          int failed = (int) varLong();
          named.check(name, passed, failed);
        }
      }
    }

    /** The item count of the next array or map block, 0 at the end; a negative count is followed by a byte size. */
    private long blockCount() {
      long count = varLong();
      if (count < 0) {
        varLong(); // block size in bytes, which lets a reader skip; we read the items instead
        count = -count;
      }
      return count;
    }

    private double doubleValue() {
      if (bytes.length - pos < Double.BYTES) {
        throw new IllegalArgumentException("double at " + pos + " past the end");
      }
      long raw = 0;
      for (int i = Double.BYTES - 1; i >= 0; i--) {
        raw = (raw << 8) | (bytes[pos + i] & 0xFF);
      }
      pos += Double.BYTES;
      return Double.longBitsToDouble(raw);
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
