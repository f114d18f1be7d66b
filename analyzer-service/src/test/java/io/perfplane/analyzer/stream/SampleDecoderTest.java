package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's adapter over contracts' {@code RequestSampleCodec} (whose own tests cover the format, the schema
 * history and which writer schemas take the fast path).
 */
class SampleDecoderTest {

  private final SampleDecoder decoder = new SampleDecoder();

  @Test
  void readsTheAggregatedFieldsOfTheCurrentSchema() {
    RequestSample sample = sample("run-7", "GET /ü/{id}", 503, ErrorKind.HTTP_STATUS, -5);
    byte[] bytes = Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize("request-samples", sample);

    assertThat(decoder.deserialize("request-samples", bytes)).isEqualTo(new Sample("run-7", "GET /ü/{id}", 503,
        ErrorKind.HTTP_STATUS, 1_700_000_000_123_456L, -5, 1_700_000_000_123_999L, 10, Sample.NO_TTFB));
  }

  @Test
  void readsTheTimeToFirstByteWhenTheSampleHasOne() {
    RequestSample sample = sample("run-7", "GET /a", 200, ErrorKind.NONE, 900);
    sample.setTtfbUs(7L);
    byte[] bytes = Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize("request-samples", sample);

    Sample decoded = (Sample) decoder.deserialize("request-samples", bytes);
    assertThat(decoded.ttfbUs()).isEqualTo(7);
    assertThat(decoded.serviceTimeUs()).isEqualTo(10);
    assertThat(decoded).isEqualTo(Sample.of(sample));
  }

  @Test
  void internsRunIdsAndEndpointsPerThread() {
    byte[] bytes = Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize("request-samples",
        sample("run-1", "GET /a", 200, ErrorKind.NONE, 1234));

    Sample first = (Sample) decoder.deserialize("request-samples", bytes);
    Sample second = (Sample) decoder.deserialize("request-samples", bytes.clone());

    assertThat(second.runId()).isSameAs(first.runId());
    assertThat(second.endpoint()).isSameAs(first.endpoint());
  }

  @Test
  void keysAreTheRunIdsInterned() {
    SampleDecoder.Keys keys = new SampleDecoder.Keys();
    byte[] key = Topics.REQUEST_SAMPLES.keySerde().serializer().serialize("request-samples", "run-é-1");

    String first = keys.deserialize("request-samples", key);
    String second = keys.deserialize("request-samples", key.clone());

    assertThat(first).isEqualTo("run-é-1").isEqualTo(
        Topics.REQUEST_SAMPLES.keySerde().deserializer().deserialize("request-samples", key));
    assertThat(second).isSameAs(first);
    assertThat(keys.deserialize("request-samples", "run-2".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("run-2");
    assertThat(keys.deserialize("request-samples", null)).isNull();
  }

  @Test
  void readsARecordOfTheV1WriterSchema() throws Exception {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/io/perfplane/contracts/history/RequestSample-v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v1);
    old.put("runId", "old-run");
    old.put("generatorId", "g");
    old.put("scenario", "s");
    old.put("endpoint", "GET /old");
    old.put("method", "GET");
    old.put("status", 0);
    old.put("errorKind", new GenericData.EnumSymbol(v1.getField("errorKind").schema(), "TIMEOUT"));
    old.put("intendedStartUs", 42L);
    old.put("actualStartUs", 43L);
    old.put("latencyUs", 30_000_000L);
    old.put("serviceTimeUs", 1L);
    old.put("ttfbUs", null);
    old.put("bytesIn", 0L);
    old.put("bytesOut", 0L);
    old.put("tags", Map.of());
    ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    assertThat(decoder.deserialize("request-samples", bytes))
        .isEqualTo(new Sample("old-run", "GET /old", 0, ErrorKind.TIMEOUT, 42, 30_000_000L, 43, 1, Sample.NO_TTFB));
  }

  @Test
  void anUnknownWriterSchemaIsRejectedNotMisread() {
    Schema unknown = SchemaBuilder.record("RequestSample").namespace("io.perfplane.contracts").fields()
        .requiredString("runId").endRecord();
    GenericRecord value = new GenericData.Record(unknown);
    value.put("runId", "x");
    ByteBuffer encoded;
    try {
      encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(value);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    assertThatThrownBy(() -> decoder.deserialize("request-samples", bytes))
        .isInstanceOf(SerializationException.class);
  }

  private static RequestSample sample(String runId, String endpoint, int status, ErrorKind kind, long latencyUs) {
    return RequestSample.newBuilder().setRunId(runId).setGeneratorId("gen").setScenario("default")
        .setEndpoint(endpoint).setMethod("GET").setStatus(status).setErrorKind(kind)
        .setIntendedStartUs(1_700_000_000_123_456L).setActualStartUs(1_700_000_000_123_999L)
        .setLatencyUs(latencyUs).setServiceTimeUs(10).setTags(Map.of("k", "v")).build();
  }
}
