package io.perfplane.contracts.kafka;

import java.util.Map;

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
 * <p>The Kafka face of {@link SingleObjectCodec}, which owns the format. Thread-safe.
 *
 * @param <T> generated Avro class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final SingleObjectCodec<T> codec;

  private AvroSerde(Class<T> type) {
    this.codec = SingleObjectCodec.of(type);
  }

  /** A serde for the given generated Avro class, knowing every older schema version of it. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  public Class<T> type() {
    return codec.type();
  }

  /** Encodes one value in single-object encoding. */
  public byte[] encode(T value) {
    return codec.encode(value);
  }

  /**
   * Decodes one single-object encoded value, resolving older writer schemas.
   *
   * @throws SerializationException on a bad header, an unknown writer schema or a body that does not match it
   */
  public T decode(byte[] bytes) {
    return codec.decode(bytes);
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
