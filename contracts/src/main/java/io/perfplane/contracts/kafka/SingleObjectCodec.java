package io.perfplane.contracts.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * Avro single-object encoding of one generated record class, the one place that knows the framing of every Avro value
 * on perfplane's topics (docs/topics.md):
 *
 * <pre>
 * byte 0-1   C3 01                   marker
 * byte 2-9   CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, little-endian
 * byte 10-   Avro binary body        written with that schema
 * </pre>
 *
 * <p>Writing uses the generated class's field-by-field encoder when it has one (Avro generates it for records without
 * logical types): the generic writer boxes every numeric field, which was most of loadgen's publishing cost. Reading
 * resolves any writer schema of the current one's {@link SchemaHistory} to the current schema.
 *
 * <p>Thread-safe; {@link #newWriter()} hands out a single-thread writer for a hot loop that owns its thread.
 *
 * @param <T> generated Avro class
 */
public final class SingleObjectCodec<T extends SpecificRecord> {

  static {
    TrustedPackages.install();
  }

  /** Bytes before the body: the 2-byte marker and the 8-byte fingerprint. */
  static final int HEADER_BYTES = 10;

  private final Class<T> type;
  private final boolean fieldByField;
  private final DatumWriter<T> datumWriter;
  private final byte[] header;
  /** Fingerprints of every schema this codec reads, the current one first; {@link #readers} in the same order. */
  private final long[] fingerprints;
  private final List<DatumReader<T>> readers;
  private final ThreadLocal<Writer<T>> writers;
  private final ThreadLocal<@Nullable BinaryDecoder> decoders = new ThreadLocal<>();

  private SingleObjectCodec(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema current = model.getSchema(type);
    this.fieldByField = declaresCustomEncode(type);
    this.datumWriter = new SpecificDatumWriter<>(current, model);
    this.header = header(fingerprint(current));
    List<Schema> writerSchemas = new ArrayList<>();
    writerSchemas.add(current);
    writerSchemas.addAll(SchemaHistory.olderVersionsOf(current));
    this.fingerprints = writerSchemas.stream().mapToLong(SingleObjectCodec::fingerprint).toArray();
    this.readers = writerSchemas.stream()
        .<DatumReader<T>>map(writer -> new SpecificDatumReader<>(writer, current, model)).toList();
    this.writers = ThreadLocal.withInitial(this::newWriter);
  }

  /** The codec of a generated Avro class, reading every older schema version of it. */
  public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type) {
    return new SingleObjectCodec<>(type);
  }

  /** The generated class this codec writes and reads. */
  public Class<T> type() {
    return type;
  }

  /** Encodes one value: header and body, in a new array. */
  public byte[] encode(T value) {
    return writers.get().encode(value);
  }

  /**
   * A writer reusing its buffers from one value to the next; not thread-safe. {@link #encode} keeps one per thread;
   * this saves that lookup for a producer fed from one thread.
   */
  public Writer<T> newWriter() {
    return new Writer<>(header, fieldByField, datumWriter);
  }

  /**
   * Decodes one value, resolving an older writer schema to the current one.
   *
   * @throws SerializationException when the bytes are not single-object encoded, were written with a schema not in
   *     the history, or the body does not match the schema
   */
  public T decode(byte[] bytes) {
    long fingerprint = writerFingerprint(bytes);
    for (int i = 0; i < fingerprints.length; i++) {
      if (fingerprints[i] == fingerprint) {
        return read(readers.get(i), bytes);
      }
    }
    throw new SerializationException(String.format(Locale.ROOT,
        "cannot decode %s: writer schema fingerprint %016x is neither the current schema nor in its history",
        type.getSimpleName(), fingerprint));
  }

  private T read(DatumReader<T> reader, byte[] bytes) {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES,
        decoders.get());
    decoders.set(decoder);
    try {
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes): "
          + e, e);
    }
  }

  /**
   * The writer schema fingerprint of a single-object encoded value.
   *
   * @throws SerializationException when the value is shorter than the header or lacks the {@code C3 01} marker
   */
  long writerFingerprint(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + bytes.length
          + " bytes, shorter than the " + HEADER_BYTES + "-byte single-object header");
    }
    if (bytes[0] != (byte) 0xC3 || bytes[1] != 0x01) {
      throw new SerializationException(String.format(Locale.ROOT,
          "cannot decode %s: marker %02X %02X, not C3 01 (not Avro single-object encoding)", type.getSimpleName(),
          bytes[0], bytes[1]));
    }
    long value = 0;
    for (int i = HEADER_BYTES - 1; i >= 2; i--) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  /** The CRC-64-AVRO fingerprint of {@code schema}'s parsing canonical form, as the header carries it. */
  static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  private static byte[] header(long fingerprint) {
    byte[] header = new byte[HEADER_BYTES];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return header;
  }

  /** Avro generates {@code customEncode} only for records it can encode field by field (no logical types). */
  private static boolean declaresCustomEncode(Class<?> type) {
    try {
      type.getDeclaredMethod("customEncode", Encoder.class);
      return SpecificRecordBase.class.isAssignableFrom(type);
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * Encodes values of one type into a reused buffer; not thread-safe.
   *
   * @param <T> generated Avro class
   */
  public static final class Writer<T extends SpecificRecord> {
    private final byte[] header;
    private final boolean fieldByField;
    private final DatumWriter<T> datumWriter;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private @Nullable BinaryEncoder encoder;

    private Writer(byte[] header, boolean fieldByField, DatumWriter<T> datumWriter) {
      this.header = header;
      this.fieldByField = fieldByField;
      this.datumWriter = datumWriter;
    }

    /** Header and body of {@code value}, in a new array. */
    public byte[] encode(T value) {
      try {
        out.reset();
        out.write(header);
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, encoder);
        encoder = e;
        if (fieldByField) {
          ((SpecificRecordBase) value).customEncode(e);
        } else {
          datumWriter.write(value, e);
        }
        e.flush();
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
