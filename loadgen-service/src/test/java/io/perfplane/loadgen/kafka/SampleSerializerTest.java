package io.perfplane.loadgen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import org.junit.jupiter.api.Test;

/** The fast sample serializer must be indistinguishable from the contracts' serde on the wire. */
class SampleSerializerTest {

  @Test
  void writesExactlyWhatTheContractSerdeWritesAndReadsBack() {
    SampleSerializer fast = new SampleSerializer();
    List<RequestSample> samples = List.of(
        new RequestSample("run-1", "gen", "browse", "GET /api/x/{id}", "GET", 200, ErrorKind.NONE, 1_700_000_000_000_000L,
            1_700_000_000_000_100L, 1_234L, 1_134L, 87L, 5_000L, 0L, Map.of("group", "insight"), "perfplane",
            List.of(new Measurement("server_timing.db", 12_500.0, MeasurementKind.DURATION_US)),
            List.of(new CheckOutcome("status is 200", 1, 0))),
        new RequestSample("run-1", "gen", "browse", "POST /login", "POST", 0, ErrorKind.TIMEOUT, -1L, 0L,
            Long.MAX_VALUE, 30_000_000L, null, 0L, 42L, Map.of("group", "auth", "check", "status in [200]"), "perfplane",
            List.of(), List.of()),
        new RequestSample("ü-run", "gen", "s", "GET /ünïcode", "HEAD", 599, ErrorKind.CHECK_FAILED, 0L, 0L, 0L, 0L, 0L,
            0L, 0L, Map.of(), "perfplane", List.of(), List.of()));
    for (RequestSample sample : samples) {
      byte[] reference = Topics.REQUEST_SAMPLES.valueSerde().serializer().serialize("t", sample);
      byte[] bytes = fast.serialize("t", sample);

      assertThat(bytes).isEqualTo(reference);
      assertThat(Topics.REQUEST_SAMPLES.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(sample);
    }
    assertThat(fast.serialize("t", null)).isNull();
  }
}
