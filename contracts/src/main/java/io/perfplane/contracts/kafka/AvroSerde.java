package io.perfplane.contracts.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Registry-free Avro serde using Avro's single-object encoding: every value is {@code C3 01}, the 8-byte
 * little-endian CRC-64-AVRO fingerprint of the writer schema, then the Avro binary body. Readers resolve older
 * writer schemas from {@link SchemaHistory}, so a record written with an earlier schema version still decodes.
 *
 * <p>Thread-safe: Avro's message encoders and decoders keep per-thread buffers.
 *
 * @param <T> generated Avro class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

  static {
    TrustedPackages.install();
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    SchemaStore.Cache store = new SchemaStore.Cache();
    List<Schema> older = SchemaHistory.olderVersionsOf(schema);
    older.forEach(store::addSchema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, store);
  }

  /** A serde for the given generated Avro class, knowing every older schema version of it. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  public Class<T> type() {
    return type;
  }

  /** Encodes one value in single-object encoding. */
  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes one single-object encoded value, resolving older writer schemas. */
  public T decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes)", e);
    } catch (RuntimeException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte @Nullable [] serialize(String topic, @Nullable T data) {
    return data == null ? null : encode(data);
  }

  @Override
  public @Nullable T deserialize(String topic, byte @Nullable [] data) {
    // null is a tombstone on compacted topics.
    return data == null ? null : decode(data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Configured by construction; Kafka's config map carries nothing this serde needs.
  }

  @Override
  public void close() {
    // Nothing to release: the serde is shared by producers, consumers and Streams.
  }
}
