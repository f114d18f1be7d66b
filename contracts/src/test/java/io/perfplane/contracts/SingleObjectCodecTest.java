package io.perfplane.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

import io.perfplane.contracts.kafka.SingleObjectCodec;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The codec writes what Avro's own message encoder writes, with and without a generated field-by-field encoder. */
class SingleObjectCodecTest {

  @Test
  void aRecordWithDecimalsHasNoFieldByFieldEncoderAndIsWrittenAsAvroWritesIt() throws IOException {
    CostEstimate estimate = Samples.costEstimate();

    assertWrittenAsAvroWritesIt(CostEstimate.class, estimate);
  }

  @Test
  void aRecordWithAFieldByFieldEncoderIsWrittenAsAvroWritesIt() throws IOException {
    RunEvent event = RunEvent.newBuilder().setRunId("run-ü").setType(RunEventType.STAGE_CHANGED).setAtUs(-3)
        .setGeneratorId("g").setStageIndex(2).setTargetRatePerSecond(12.5).setAttributes(Map.of("a", "b")).build();

    assertWrittenAsAvroWritesIt(RunEvent.class, event);
  }

  private static <T extends SpecificRecord> void assertWrittenAsAvroWritesIt(Class<T> type, T value)
      throws IOException {
    SingleObjectCodec<T> codec = SingleObjectCodec.of(type);
    ByteBuffer buffer = new BinaryMessageEncoder<T>(SpecificData.getForClass(type), value.getSchema()).encode(value);
    byte[] reference = new byte[buffer.remaining()];
    buffer.get(reference);

    assertThat(codec.encode(value)).isEqualTo(reference);
    assertThat(codec.newWriter().encode(value)).isEqualTo(reference);
    assertThat(codec.decode(reference)).isEqualTo(value);
  }
}
