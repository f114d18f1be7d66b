package io.perfplane.ingest.jmeter;

import static io.perfplane.ingest.format.CollectingSink.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.ingest.format.CollectingSink;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.UnreadableUploadException;
import org.junit.jupiter.api.Test;

class JtlCsvReaderTest {

  private static final long T0_MS = 1_795_168_800_000L;

  private final JtlCsvReader reader = new JtlCsvReader(65_536);

  @Test
  void defaultColumnsFixture() {
    CollectingSink sink = CollectingSink.read(reader, fixture("jmeter-results.jtl"));

    assertThat(sink.errors).isEmpty();
    // The header and the Transaction Controller row.
    assertThat(sink.ignored).isEqualTo(2);
    List<NativeSample> samples = sink.sampleList();
    assertThat(samples).extracting(NativeSample::endpoint)
        .containsExactly("GET /items/{id}", "POST /cart", "GET /slow", "Search \"a,b\"");
    NativeSample items = samples.get(0);
    assertThat(items.startUs()).isEqualTo((T0_MS + 123) * 1000);
    assertThat(items.latencyUs()).isEqualTo(245_000);
    assertThat(items.ttfbUs()).isEqualTo(230_000L);
    assertThat(items.method()).isEqualTo("GET");
    assertThat(items.status()).isEqualTo(200);
    assertThat(items.bytesIn()).isEqualTo(1532);
    assertThat(items.bytesOut()).isEqualTo(187);
    assertThat(items.scenario()).isEqualTo("Browse");
    assertThat(items.errorKind()).isEqualTo(ErrorKind.NONE);
    // Connect (ms) is the client.connect measurement in µs; 0 (a reused connection) is a real 0, kept.
    assertThat(items.measurements()).containsExactly(
        new Measurement("client.connect", 12_000, MeasurementKind.DURATION_US));
    assertThat(samples.get(1).measurements()).containsExactly(
        new Measurement("client.connect", 0, MeasurementKind.DURATION_US));
    assertThat(items.checks()).isEmpty();
    assertThat(samples.get(1).errorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(samples.get(1).scenario()).isEqualTo("Checkout");
    assertThat(samples.get(2).status()).isZero();
    assertThat(samples.get(2).errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    // A failed assertion on a 200, in a quoted multi-line row.
    assertThat(samples.get(3).errorKind()).isEqualTo(ErrorKind.CHECK_FAILED);
    assertThat(samples.get(3).method()).isEqualTo("UNKNOWN");
    assertThat(sink.samples.get(3).line()).isEqualTo(5);
  }

  @Test
  void columnsAreFoundByTheHeaderInAnyOrderAndTabsWork() {
    String jtl = "label\tresponseCode\telapsed\ttimeStamp\nGET /a\t204\t7\t" + T0_MS + "\n";

    CollectingSink sink = CollectingSink.read(reader, jtl);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).singleElement().satisfies(sample -> {
      assertThat(sample.latencyUs()).isEqualTo(7000);
      assertThat(sample.status()).isEqualTo(204);
      assertThat(sample.measurements()).as("no Connect column, no measurement").isEmpty();
      assertThat(sample.startUs()).isEqualTo(T0_MS * 1000);
    });
  }

  @Test
  void aJtlWithoutHeaderIsRefusedAsAWhole() {
    assertThatThrownBy(() -> CollectingSink.read(reader, T0_MS + ",245,GET /a,200,OK\n"))
        .isInstanceOf(UnreadableUploadException.class).hasMessageContaining("header");
  }

  @Test
  void scenarioIsTheThreadGroup() {
    assertThat(JtlCsvReader.scenario("Thread Group 1-12")).isEqualTo("Thread Group");
    assertThat(JtlCsvReader.scenario("worker")).isEqualTo("worker");
    assertThat(JtlCsvReader.scenario(null)).isEqualTo("default");
  }
}
