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

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
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

  /** A named-fields sink collecting what it is handed, in order. */
  static final class Named implements RequestSampleCodec.NamedFields {
    final List<Measurement> measurements = new ArrayList<>();
    final List<CheckOutcome> checks = new ArrayList<>();

    @Override
    public void measurement(String name, MeasurementKind kind, double value) {
      measurements.add(new Measurement(name, value, kind));
    }

    @Override
    public void check(String name, int passed, int failed) {
      checks.add(new CheckOutcome(name, passed, failed));
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

  @Test
  void anEmptyMeasurementsAndChecksCostOneByteEach() throws IOException {
    RequestSample without = variedSamples().getFirst();
    assertThat(without.getMeasurements()).isEmpty();
    Schema v2 = SchemaHistory.olderVersionsOf(RequestSample.getClassSchema()).get(1);
    byte[] asV2 = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(generic(v2, without)));

    byte[] v3 = codec.encode(without);

    assertThat(v3.length).isEqualTo(asV2.length + 2);
    assertThat(Arrays.copyOfRange(v3, SingleObjectCodec.HEADER_BYTES, asV2.length))
        .isEqualTo(Arrays.copyOfRange(asV2, SingleObjectCodec.HEADER_BYTES, asV2.length));
    assertThat(Arrays.copyOfRange(v3, v3.length - 2, v3.length)).containsExactly(0, 0);
  }

  @Test
  void readsTheNamedMeasurementsAndChecksOfEveryVariedSampleAsTheWholeDecoderDoes() {
    for (RequestSample sample : variedSamples()) {
      byte[] bytes = codec.encode(sample);
      Recording sink = new Recording();
      Named named = new Named();

      assertThat(codec.readAggregated(bytes, sink, named)).isEqualTo(Fields.of(sample));

      assertThat(bits(named.measurements)).isEqualTo(bits(sample.getMeasurements()));
      assertThat(named.checks).isEqualTo(sample.getChecks());
      List<String> names = new ArrayList<>(List.of(sample.getRunId(), sample.getEndpoint()));
      sample.getMeasurements().forEach(m -> names.add(m.getName()));
      sample.getChecks().forEach(c -> names.add(c.getName()));
      assertThat(sink.strings).as("names go through the sink's string(), so they can be interned")
          .isEqualTo(names);
    }
  }

  @Test
  void anOlderVersionSampleHasNoMeasurementsOrChecks() throws IOException {
    for (Schema old : SchemaHistory.olderVersionsOf(RequestSample.getClassSchema())) {
      assertThat(old.getField("measurements")).isNull();
      RequestSample sample = variedSamples().get(2);
      assertThat(sample.getMeasurements()).isNotEmpty();
      byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old)
          .encode(generic(old, sample)));
      Named named = new Named();

      assertThat(codec.readAggregated(bytes, new Recording(), named)).isEqualTo(Fields.of(sample));

      assertThat(named.measurements).isEmpty();
      assertThat(named.checks).isEmpty();
      assertThat(codec.decode(bytes).getMeasurements()).isEmpty();
      assertThat(codec.decode(bytes).getChecks()).isEmpty();
    }
  }

  @Test
  void readsArraysAndMapsWrittenInBlocksWithByteSizes() throws IOException {
    // Avro's blocking encoder writes each block as a negative count and a byte size: legal Avro our writer never
    // produces, which another writer may.
    RequestSample sample = variedSamples().getLast();
    assertThat(sample.getMeasurements()).hasSizeGreaterThan(100);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(codec.encode(sample), 0, SingleObjectCodec.HEADER_BYTES);
    org.apache.avro.io.BinaryEncoder encoder = new org.apache.avro.io.EncoderFactory()
        .configureBlockSize(256).blockingBinaryEncoder(out, null);
    new SpecificDatumWriter<>(RequestSample.class).write(sample, encoder);
    encoder.flush();
    byte[] blocked = out.toByteArray();
    assertThat(blocked).as("the blocked form differs").isNotEqualTo(codec.encode(sample));
    Named named = new Named();

    assertThat(codec.readAggregated(blocked, new Recording(), named)).isEqualTo(Fields.of(sample));

    assertThat(bits(named.measurements)).isEqualTo(bits(sample.getMeasurements()));
    assertThat(named.checks).isEqualTo(sample.getChecks());
    assertThat(codec.decode(blocked)).isEqualTo(sample);
  }

  @Test
  void rejectsATruncatedMeasurementWhenAskedForThemAndIgnoresItOtherwise() {
    RequestSample sample = variedSamples().get(2);
    byte[] whole = codec.encode(sample);
    byte[] truncated = Arrays.copyOf(whole, whole.length - 12); // inside the last measurement or the checks

    assertThat(codec.readAggregated(truncated, new Recording())).isEqualTo(Fields.of(sample));
    assertThatThrownBy(() -> codec.readAggregated(truncated, new Recording(), new Named()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot decode RequestSample (" + truncated.length + " bytes)");
  }

  @Test
  void aReusedReaderGivesTheSameResultsAsTheThreadSafeReadEvenAfterAFailure() {
    RequestSampleCodec.Reader reader = codec.newReader();
    byte[] truncated = Arrays.copyOf(codec.encode(variedSamples().getFirst()), 20);

    for (int round = 0; round < 2; round++) {
      for (RequestSample sample : variedSamples()) {
        byte[] bytes = codec.encode(sample);
        Named viaReader = new Named();
        Named viaCodec = new Named();

        assertThat(reader.readAggregated(bytes, new Recording())).isEqualTo(codec.readAggregated(bytes,
            new Recording()));
        assertThat(reader.readAggregated(bytes, new Recording(), viaReader))
            .isEqualTo(codec.readAggregated(bytes, new Recording(), viaCodec)).isEqualTo(Fields.of(sample));
        assertThat(bits(viaReader.measurements)).isEqualTo(bits(viaCodec.measurements));
        assertThat(viaReader.checks).isEqualTo(viaCodec.checks);
        assertThatThrownBy(() -> reader.readAggregated(truncated, new Recording()))
            .isInstanceOf(SerializationException.class);
      }
    }
  }

  @Test
  void aReaderThatKnowsOnlyV2RejectsAV3SampleEvenWithoutMeasurements() {
    // What ADR 7 states: the header carries the schema's fingerprint, not the content's, so readers upgrade first.
    Schema v2 = SchemaHistory.olderVersionsOf(RequestSample.getClassSchema()).get(1);
    org.apache.avro.message.BinaryMessageDecoder<GenericRecord> v2Reader =
        new org.apache.avro.message.BinaryMessageDecoder<>(GenericData.get(), v2);
    RequestSample empty = variedSamples().getFirst();
    assertThat(empty.getMeasurements()).isEmpty();
    assertThat(empty.getChecks()).isEmpty();

    assertThatThrownBy(() -> v2Reader.decode(codec.encode(empty)))
        .isInstanceOf(org.apache.avro.message.MissingSchemaException.class);
  }

  @Test
  void aReusedReaderAllocatesNothingPerRecord() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    RequestSampleCodec.Reader reader = codec.newReader();
    byte[] bytes = codec.encode(variedSamples().get(2));
    long[] sum = new long[1];
    RequestSampleCodec.AggregatedFields<Long> sink = new RequestSampleCodec.AggregatedFields<>() {
      @Override
      public String string(byte[] utf8, int offset, int length) {
        return "interned";
      }

      @Override
      public Long fields(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
          long actualStartUs, long latencyUs, long serviceTimeUs, long ttfbUs) {
        sum[0] += latencyUs;
        return 0L; // a cached Long: the sink allocates nothing either
      }
    };
    RequestSampleCodec.NamedFields named = new RequestSampleCodec.NamedFields() {
      @Override
      public void measurement(String name, MeasurementKind kind, double value) {
        sum[0] += (long) value;
      }

      @Override
      public void check(String name, int passed, int failed) {
        sum[0] += passed;
      }
    };
    for (int i = 0; i < 20_000; i++) {
      reader.readAggregated(bytes, sink, named);
    }

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      reader.readAggregated(bytes, sink, named);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sum[0]).isNotZero();
    assertThat(allocated).as("bytes allocated over 100,000 records").isLessThan(100_000);
  }

  /** Nulls, tags, unicode, extreme and negative numbers, and every error kind. */
  static List<RequestSample> variedSamples() {
    List<RequestSample> samples = new ArrayList<>(List.of(
        new RequestSample("run-1", "gen", "browse", "GET /api/x/{id}", "GET", 200, ErrorKind.NONE,
            1_700_000_000_000_000L, 1_700_000_000_000_100L, 1_234L, 1_134L, 87L, 5_000L, 0L,
            Map.of("group", "insight"), "perfplane", List.of(), List.of()),
        new RequestSample("run-1", "gen", "browse", "POST /login", "POST", 0, ErrorKind.TIMEOUT, -1L, 0L,
            Long.MAX_VALUE, 30_000_000L, null, 0L, 42L, Map.of("group", "auth", "check", "status in [200]"), "k6",
            List.of(new Measurement("custom.waiting_db", 0.0, MeasurementKind.DURATION_US)),
            List.of(new CheckOutcome("status is 200", 0, 1), new CheckOutcome("body has id", 3, 2))),
        new RequestSample("ü-run-日本", "gén", "s", "GET /ünïcode/😀", "HEAD", 599, ErrorKind.CHECK_FAILED,
            Long.MIN_VALUE, 0L, 0L, -7L, Long.MIN_VALUE, Long.MAX_VALUE, 0L, Map.of("ключ", "значение"), "gatling",
            List.of(new Measurement("web_vital.cls", 0.125, MeasurementKind.SCORE),
                new Measurement("web_vital.lcp", 2_512_345.5, MeasurementKind.DURATION_US),
                new Measurement("server_timing.ünï", -0.0, MeasurementKind.OTHER),
                new Measurement("custom.huge", Double.MAX_VALUE, MeasurementKind.DURATION_US),
                new Measurement("custom.nan", Double.NaN, MeasurementKind.SCORE)),
            List.of(new CheckOutcome("", Integer.MAX_VALUE, 0))),
        new RequestSample("", "", "", "", "", Integer.MIN_VALUE, ErrorKind.OTHER, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
            Map.of(), "", List.of(), List.of())));
    for (ErrorKind kind : ErrorKind.values()) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (int i = 0; i < kind.ordinal() * 3; i++) {
        tags.put("tag-" + i, "v".repeat(i * 20));
      }
      samples.add(new RequestSample("run-" + kind, "gen-" + kind.ordinal(), "scenario", "GET /" + kind, "GET",
          kind == ErrorKind.NONE ? 204 : 500, kind, 1_000_000L * kind.ordinal(), 1_000_001L * kind.ordinal(),
          64L << (kind.ordinal() * 8), 63L, kind.ordinal() % 2 == 0 ? null : (long) kind.ordinal(), 1L, 2L, tags,
          "perfplane", measurements(kind.ordinal() * 40), checks(kind.ordinal() * 7)));
    }
    return samples;
  }

  /** {@code count} distinct server timings, more than one block's worth for the larger counts. */
  static List<Measurement> measurements(int count) {
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      measurements.add(new Measurement("server_timing.stage-" + i, i * 1_000.25, MeasurementKind.DURATION_US));
    }
    return measurements;
  }

  /** Measurements as text with their values' exact bits: NaN and -0.0 compare as written. */
  static List<String> bits(List<Measurement> measurements) {
    return measurements.stream()
        .map(m -> m.getName() + "|" + Long.toHexString(Double.doubleToRawLongBits(m.getValue())) + "|" + m.getKind())
        .toList();
  }

  static List<CheckOutcome> checks(int count) {
    List<CheckOutcome> checks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      checks.add(new CheckOutcome("check " + i, i, count - i));
    }
    return checks;
  }

  /** {@code sample} as a generic record of {@code writer}, which may lack some of its fields. */
  private static GenericRecord generic(Schema writer, RequestSample sample) {
    GenericRecord record = new GenericData.Record(writer);
    for (Schema.Field field : writer.getFields()) {
      Object value = sample.get(field.name());
      record.put(field.name(), value instanceof ErrorKind kind
          ? new GenericData.EnumSymbol(field.schema(), kind.name()) : value instanceof List<?> list
          ? genericArray(field.schema(), list) : value);
    }
    return record;
  }

  /** Measurements or check outcomes as generic records, their enums as generic symbols. */
  private static GenericData.Array<GenericRecord> genericArray(Schema arraySchema, List<?> items) {
    Schema itemSchema = arraySchema.getElementType();
    GenericData.Array<GenericRecord> array = new GenericData.Array<>(items.size(), arraySchema);
    for (Object item : items) {
      SpecificRecord specific = (SpecificRecord) item;
      GenericRecord record = new GenericData.Record(itemSchema);
      for (Schema.Field field : itemSchema.getFields()) {
        Object value = specific.get(field.pos());
        record.put(field.name(), value instanceof MeasurementKind kind
            ? new GenericData.EnumSymbol(field.schema(), kind.name()) : value);
      }
      array.add(record);
    }
    return array;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
