package io.perfplane.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RequestSampleCodecTest {

  private final RequestSampleCodec codec = new RequestSampleCodec();

  /** The fields {@link RequestSampleCodec#readAggregated} hands over, as a value to compare. */
  record Fields(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
      long actualStartUs, long latencyUs, long serviceTimeUs, long ttfbUs) {

    static Fields of(RequestSample s) {
      return new Fields(s.getRunId(), s.getEndpoint(), s.getStatus(), s.getErrorKind(), s.getIntendedStartUs(),
          s.getActualStartUs(), s.getLatencyUs(), s.getServiceTimeUs(),
          s.getTtfbUs() == null ? RequestSampleCodec.NO_TTFB : s.getTtfbUs());
    }
  }

  /** A sink that records how many strings the reader asked it for. */
  static final class Recording implements RequestSampleCodec.AggregatedFields<Fields> {
    final List<String> strings = new ArrayList<>();

    @Override
    public String string(byte[] utf8, int offset, int length) {
      String value = new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8);
      strings.add(value);
      return value;
    }

    @Override
    public Fields fields(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
        long actualStartUs, long latencyUs, long serviceTimeUs, long ttfbUs) {
      return new Fields(runId, endpoint, status, errorKind, intendedStartUs, actualStartUs, latencyUs, serviceTimeUs,
          ttfbUs);
    }
  }

  @Test
  void writesByteForByteWhatAvrosOwnMessageEncoderWritesForVariedSamples() throws IOException {
    BinaryMessageEncoder<RequestSample> avro = new BinaryMessageEncoder<>(SpecificData.getForClass(
        RequestSample.class), RequestSample.getClassSchema());
    AvroSerde<RequestSample> serde = AvroSerde.of(RequestSample.class);
    SingleObjectCodec.Writer<RequestSample> writer = codec.newWriter();

    for (RequestSample sample : variedSamples()) {
      byte[] reference = bytes(avro.encode(sample));

      assertThat(writer.encode(sample)).as("fast writer, %s", sample).isEqualTo(reference);
      assertThat(codec.encode(sample)).as("thread-safe encode, %s", sample).isEqualTo(reference);
      assertThat(serde.encode(sample)).as("AvroSerde, %s", sample).isEqualTo(reference);
      assertThat(codec.decode(reference)).isEqualTo(sample);
      assertThat(codec.readAggregated(reference, new Recording())).isEqualTo(Fields.of(sample));
    }
  }

  @Test
  void readsEverySchemaVersionOfTheHistoryWrittenWithGenericAvro() throws IOException {
    Schema current = RequestSample.getClassSchema();
    List<Schema> versions = new ArrayList<>(SchemaHistory.olderVersionsOf(current));
    versions.add(current);
    assertThat(versions).hasSizeGreaterThanOrEqualTo(2);

    for (Schema writerSchema : versions) {
      for (RequestSample sample : variedSamples()) {
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writerSchema)
            .encode(generic(writerSchema, sample)));

        RequestSample decoded = codec.decode(bytes);
        for (Schema.Field field : current.getFields()) {
          Object expected = writerSchema.getField(field.name()) != null ? sample.get(field.name())
              : SpecificData.get().getDefaultValue(field);
          assertThat(decoded.get(field.name())).as("%s of a %s-field writer", field.name(),
              writerSchema.getFields().size()).isEqualTo(expected);
        }
        assertThat(codec.readAggregated(bytes, new Recording())).isEqualTo(Fields.of(sample));
      }
    }
  }

  @Test
  void theFastPathAsksForTheRunIdAndEndpointOnly() {
    Recording sink = new Recording();

    codec.readAggregated(codec.encode(variedSamples().getFirst()), sink);

    assertThat(sink.strings).containsExactly("run-1", "GET /api/x/{id}");
  }

  @Test
  void aWriterSchemaOfTheHistoryWithOtherLeadingFieldsGoesThroughTheResolvingReader() throws IOException {
    Schema v1 = SchemaHistory.olderVersionsOf(RequestSample.getClassSchema()).getFirst();
    assertThat(RequestSampleCodec.samePrefix(v1, RequestSample.getClassSchema())).isTrue();
    Schema reordered = SchemaBuilder.record("RequestSample").namespace("io.perfplane.contracts").fields()
        .requiredString("generatorId").requiredString("runId").requiredString("scenario").requiredString("endpoint")
        .requiredString("method").requiredInt("status").requiredString("errorKind").requiredLong("intendedStartUs")
        .requiredLong("actualStartUs").requiredLong("latencyUs").endRecord();

    assertThat(RequestSampleCodec.samePrefix(reordered, RequestSample.getClassSchema())).isFalse();
  }

  @Test
  void rejectsAValueShorterThanTheHeader() {
    assertThatThrownBy(() -> codec.readAggregated(new byte[] {(byte) 0xC3, 0x01, 2}, new Recording()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RequestSample").hasMessageContaining("shorter than the 10-byte");
    assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(SerializationException.class);
  }

  @Test
  void rejectsAValueWithoutTheMarker() {
    byte[] bytes = codec.encode(variedSamples().getFirst());
    bytes[1] = 0x02;

    assertThatThrownBy(() -> codec.readAggregated(bytes, new Recording()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("marker C3 02");
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("not Avro single-object encoding");
  }

  @Test
  void rejectsAnUnknownWriterSchemaInsteadOfMisreadingIt() throws IOException {
    Schema unknown = SchemaBuilder.record("RequestSample").namespace("io.perfplane.contracts").fields()
        .requiredString("runId").endRecord();
    GenericRecord value = new GenericData.Record(unknown);
    value.put("runId", "x");
    byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(value));

    assertThatThrownBy(() -> codec.readAggregated(bytes, new Recording()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RequestSample")
        .hasMessageContaining(String.format("%016x", SingleObjectCodec.fingerprint(unknown)))
        .hasMessageContaining("neither the current schema nor in its history");
  }

  @Test
  void rejectsATruncatedBodyOnTheFastPath() {
    byte[] whole = codec.encode(variedSamples().getFirst());
    byte[] truncated = Arrays.copyOf(whole, 20);

    assertThatThrownBy(() -> codec.readAggregated(truncated, new Recording()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cannot decode RequestSample (20 bytes)");
    assertThatThrownBy(() -> codec.decode(truncated))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cannot decode RequestSample (20 bytes)");
  }

  /** Nulls, tags, unicode, extreme and negative numbers, and every error kind. */
  static List<RequestSample> variedSamples() {
    List<RequestSample> samples = new ArrayList<>(List.of(
        new RequestSample("run-1", "gen", "browse", "GET /api/x/{id}", "GET", 200, ErrorKind.NONE,
            1_700_000_000_000_000L, 1_700_000_000_000_100L, 1_234L, 1_134L, 87L, 5_000L, 0L,
            Map.of("group", "insight"), "perfplane"),
        new RequestSample("run-1", "gen", "browse", "POST /login", "POST", 0, ErrorKind.TIMEOUT, -1L, 0L,
            Long.MAX_VALUE, 30_000_000L, null, 0L, 42L, Map.of("group", "auth", "check", "status in [200]"), "k6"),
        new RequestSample("ü-run-日本", "gén", "s", "GET /ünïcode/😀", "HEAD", 599, ErrorKind.CHECK_FAILED,
            Long.MIN_VALUE, 0L, 0L, -7L, Long.MIN_VALUE, Long.MAX_VALUE, 0L, Map.of("ключ", "значение"), "gatling"),
        new RequestSample("", "", "", "", "", Integer.MIN_VALUE, ErrorKind.OTHER, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
            Map.of(), "")));
    for (ErrorKind kind : ErrorKind.values()) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (int i = 0; i < kind.ordinal() * 3; i++) {
        tags.put("tag-" + i, "v".repeat(i * 20));
      }
      samples.add(new RequestSample("run-" + kind, "gen-" + kind.ordinal(), "scenario", "GET /" + kind, "GET",
          kind == ErrorKind.NONE ? 204 : 500, kind, 1_000_000L * kind.ordinal(), 1_000_001L * kind.ordinal(),
          64L << (kind.ordinal() * 8), 63L, kind.ordinal() % 2 == 0 ? null : (long) kind.ordinal(), 1L, 2L, tags,
          "perfplane"));
    }
    return samples;
  }

  /** {@code sample} as a generic record of {@code writer}, which may lack some of its fields. */
  private static GenericRecord generic(Schema writer, RequestSample sample) {
    GenericRecord record = new GenericData.Record(writer);
    for (Schema.Field field : writer.getFields()) {
      Object value = sample.get(field.name());
      record.put(field.name(), value instanceof ErrorKind kind
          ? new GenericData.EnumSymbol(field.schema(), kind.name()) : value);
    }
    return record;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
