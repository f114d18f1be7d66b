package io.perfplane.loadgen.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.perfplane.contracts.RequestSample;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link RequestSample}s byte for byte as the contracts' {@code AvroSerde} does (Avro single-object encoding:
 * {@code C3 01}, the schema's CRC-64-AVRO fingerprint little-endian, the binary body), through the generated class's
 * own field-by-field encoder into a reused buffer. The generic path boxes every numeric field and copies the result
 * twice; at tens of thousands of samples a second on the publisher thread that was most of the publishing cost.
 * Readers are unchanged ({@code Topics.REQUEST_SAMPLES}' deserializer). Not thread-safe: the producer calls it from
 * {@link KafkaSamplePublisher}'s one drainer thread.
 */
public final class SampleSerializer implements Serializer<RequestSample> {

  private final byte[] header = header();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private @Nullable BinaryEncoder encoder;

  private static byte[] header() {
    long fingerprint = SchemaNormalization.parsingFingerprint64(RequestSample.getClassSchema());
    byte[] header = new byte[10];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return header;
  }

  @Override
  public byte @Nullable [] serialize(String topic, @Nullable RequestSample sample) {
    if (sample == null) {
      return null;
    }
    try {
      out.reset();
      out.write(header);
      BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, encoder);
      encoder = e;
      sample.customEncode(e);
      e.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
