package io.perfplane.analyzer.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.AvroSerde;
import io.perfplane.contracts.kafka.SchemaHistory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code request-samples} values into {@link Sample}s, reading only the fields the analyzer aggregates.
 *
 * <p>Why: Avro's specific reader builds a full {@link RequestSample} per record (five strings, a tags map), which
 * was most of the analyzer's own per-record cost. Values are single-object encoded ({@code C3 01}, the writer
 * schema's 8-byte little-endian CRC-64-AVRO fingerprint, the binary body). For a writer schema whose fields up to
 * {@code ttfbUs} are the current schema's (today: the current schema and v1, which only lacks the trailing
 * {@code source}) the body is read directly and the rest skipped; any other writer schema of the history goes through
 * the resolving {@link AvroSerde}, so schema evolution stays Avro's.
 *
 * <p>Run ids and endpoints are interned per thread (a bounded table keyed by their UTF-8 bytes): a task sees few
 * distinct ones, so a record allocates no strings and its store keys can be cached by identity.
 *
 * <p>Thread-safe (Kafka Streams shares a source's deserializer between stream threads).
 */
final class SampleDecoder implements Deserializer<Object> {

  /** Fields read by the fast path, in the current schema's order; the body is not read past the last one. */
  private static final List<String> FAST_FIELDS = List.of("runId", "generatorId", "scenario", "endpoint", "method",
      "status", "errorKind", "intendedStartUs", "actualStartUs", "latencyUs", "serviceTimeUs", "ttfbUs");
  private static final int HEADER_BYTES = 10;
  private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();

  private final AvroSerde<RequestSample> resolving = AvroSerde.of(RequestSample.class);
  private final long[] fastFingerprints;
  private final ThreadLocal<Interner> interners = ThreadLocal.withInitial(Interner::new);

  SampleDecoder() {
    Schema current = RequestSample.getClassSchema();
    Set<Long> fast = new HashSet<>();
    fast.add(SchemaNormalization.parsingFingerprint64(current));
    for (Schema older : SchemaHistory.olderVersionsOf(current)) {
      if (samePrefix(older, current)) {
        fast.add(SchemaNormalization.parsingFingerprint64(older));
      }
    }
    this.fastFingerprints = fast.stream().mapToLong(Long::longValue).toArray();
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

  @Override
  public @Nullable Object deserialize(String topic, byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length > HEADER_BYTES && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01 && isFast(fingerprint(bytes))) {
      try {
        return new Reader(bytes, interners.get()).sample();
      } catch (RuntimeException e) {
        throw new SerializationException("cannot decode RequestSample (" + bytes.length + " bytes)", e);
      }
    }
    return Sample.of(resolving.decode(bytes));
  }

  private boolean isFast(long fingerprint) {
    for (long fast : fastFingerprints) {
      if (fast == fingerprint) {
        return true;
      }
    }
    return false;
  }

  private static long fingerprint(byte[] bytes) {
    long value = 0;
    for (int i = HEADER_BYTES - 1; i >= 2; i--) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  /** Avro binary reading of the fast fields: zig-zag varints, length-prefixed UTF-8 strings. */
  private static final class Reader {
    private final byte[] bytes;
    private final Interner interner;
    private int pos = HEADER_BYTES;

    Reader(byte[] bytes, Interner interner) {
      this.bytes = bytes;
      this.interner = interner;
    }

    Sample sample() {
      String runId = string();
      skipString(); // generatorId
      skipString(); // scenario
      String endpoint = string();
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
      long ttfbUs = branch == 1 ? varLong() : Sample.NO_TTFB;
      if (branch != 0 && branch != 1) {
        throw new IllegalArgumentException("ttfbUs union index " + branch);
      }
      return new Sample(runId, endpoint, status, ERROR_KINDS[kind], intendedStartUs, latencyUs, actualStartUs,
          serviceTimeUs, ttfbUs);
    }

    private String string() {
      int length = length();
      String value = interner.intern(bytes, pos, length);
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

  /** Direct-mapped string cache keyed by UTF-8 bytes: a collision just replaces the entry, so it stays bounded. */
  /**
   * The request-samples key (the run id, UTF-8) as an interned String: Kafka Streams deserializes every record's key,
   * and a new String per sample was ~5% of the stream threads' CPU (the processor reads the run id from the sample).
   */
  static final class Keys implements Deserializer<String> {
    private final ThreadLocal<Interner> interners = ThreadLocal.withInitial(Interner::new);

    @Override
    public @Nullable String deserialize(String topic, byte @Nullable [] bytes) {
      return bytes == null ? null : interners.get().intern(bytes, 0, bytes.length);
    }
  }

  static final class Interner {
    private static final int SLOTS = 1024;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String intern(byte[] buffer, int offset, int length) {
      int hash = 1;
      for (int i = offset; i < offset + length; i++) {
        hash = 31 * hash + buffer[i];
      }
      int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
      byte[] key = keys[slot];
      if (key != null && Arrays.equals(key, 0, key.length, buffer, offset, offset + length)) {
        return values[slot];
      }
      String value = new String(buffer, offset, length, StandardCharsets.UTF_8);
      keys[slot] = Arrays.copyOfRange(buffer, offset, offset + length);
      values[slot] = value;
      return value;
    }
  }
}
