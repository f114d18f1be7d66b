package io.perfplane.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.kafka.AvroSerde;
import io.perfplane.contracts.kafka.SchemaHistory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<RequestSample> serde = AvroSerde.of(RequestSample.class);

  @Test
  void roundTripsEveryField() {
    RequestSample sample = Samples.requestSample(12_345);

    RequestSample decoded = serde.decode(serde.encode(sample));

    assertThat(decoded).isEqualTo(sample);
    assertThat(decoded.getSource()).isEqualTo("perfplane");
  }

  @Test
  void writesSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = serde.encode(Samples.requestSample(1));

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(RequestSample.getClassSchema()));
  }

  @Test
  void decodesRecordsWrittenWithTheV1SchemaFillingDefaults() throws IOException {
    Schema v1 = SchemaHistory.olderVersionsOf(RequestSample.getClassSchema()).getFirst();
    assertThat(v1.getField("source")).isNull();
    GenericRecord old = new GenericData.Record(v1);
    old.put("runId", "old-run");
    old.put("generatorId", "g");
    old.put("scenario", "s");
    old.put("endpoint", "e");
    old.put("method", "GET");
    old.put("status", 503);
    old.put("errorKind", new GenericData.EnumSymbol(v1.getField("errorKind").schema(), "HTTP_STATUS"));
    old.put("intendedStartUs", 10L);
    old.put("actualStartUs", 11L);
    old.put("latencyUs", 900L);
    old.put("serviceTimeUs", 899L);
    old.put("ttfbUs", null);
    old.put("bytesIn", 3L);
    old.put("bytesOut", 4L);
    old.put("tags", Map.of());
    byte[] v1Bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

    RequestSample decoded = serde.decode(v1Bytes);

    assertThat(decoded.getRunId()).isEqualTo("old-run");
    assertThat(decoded.getStatus()).isEqualTo(503);
    assertThat(decoded.getErrorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(decoded.getLatencyUs()).isEqualTo(900L);
    assertThat(decoded.getSource()).isEqualTo("perfplane");
  }

  @Test
  void rejectsUnknownWriterSchemasWithAClearError() throws IOException {
    Schema foreign = new Schema.Parser().parse("""
        {"type":"record","name":"Foreign","fields":[{"name":"x","type":"int"}]}""");
    GenericRecord record = new GenericData.Record(foreign);
    record.put("x", 1);
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), foreign).encode(record).array();

    assertThatThrownBy(() -> serde.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RequestSample");
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> serde.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void tombstonesStayNull() {
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void costEstimateKeepsExactDecimalMoney() {
    CostEstimate estimate = Samples.costEstimate();
    AvroSerde<CostEstimate> costs = AvroSerde.of(CostEstimate.class);

    CostEstimate decoded = costs.decode(costs.encode(estimate));

    assertThat(decoded.getMonthlyUsd()).isEqualByComparingTo("123.456789");
    assertThat(decoded.getItems().getFirst().getUnitPriceUsd()).isEqualByComparingTo("0.0816");
  }

  @Test
  void plainAvroWithOnlyTheAvscFileDecodesWhatTheSerdeWrote() throws IOException {
    Schema fromFile;
    try (InputStream in = getClass().getResourceAsStream("/avro/RequestSample.avsc")) {
      fromFile = new Schema.Parser().parse(in);
    }
    byte[] wire = serde.encode(Samples.requestSample(777));

    GenericRecord generic = PlainAvro.decodeSingleObject(fromFile, wire);

    assertThat(generic.get("latencyUs")).isEqualTo(777L);
    assertThat(generic.get("endpoint").toString()).isEqualTo("GET /api/dashboards/{slug}");
  }

  @Test
  void plainAvroWrittenBytesDecodeWithTheSerde() throws IOException {
    Schema fromFile;
    try (InputStream in = getClass().getResourceAsStream("/avro/RunEvent.avsc")) {
      fromFile = new Schema.Parser().parse(in);
    }
    GenericRecord event = new GenericData.Record(fromFile);
    event.put("runId", "r-9");
    event.put("type", new GenericData.EnumSymbol(fromFile.getField("type").schema(), "FINISHED"));
    event.put("atUs", 5L);
    event.put("generatorId", "python-client");
    event.put("attributes", Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(SchemaNormalization.parsingFingerprint64(fromFile)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(fromFile).write(event, encoder);
    encoder.flush();

    RunEvent decoded = AvroSerde.of(RunEvent.class).decode(out.toByteArray());

    assertThat(decoded.getType()).isEqualTo(RunEventType.FINISHED);
    assertThat(decoded.getGeneratorId()).isEqualTo("python-client");
  }
}
