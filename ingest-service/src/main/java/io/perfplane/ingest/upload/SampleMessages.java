package io.perfplane.ingest.upload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.RequestSample;
import io.perfplane.ingest.format.CheckCount;
import io.perfplane.ingest.format.NativeSample;

/** Maps a validated sample of any format to the {@link RequestSample} contract. */
final class SampleMessages {

  static final String GENERATOR_ID = "ingest";

  private SampleMessages() {
  }

  /**
   * Imported results record when a request was sent, not when a schedule intended it, so intended and actual
   * start coincide and latency equals service time (no coordinated-omission correction is possible).
   *
   * @param source the tool recorded in {@code source}: native, k6, jmeter, gatling
   */
  static RequestSample toRequestSample(String runId, String source, NativeSample sample) {
    return RequestSample.newBuilder()
        .setRunId(runId)
        .setGeneratorId(GENERATOR_ID)
        .setScenario(sample.scenario())
        .setEndpoint(sample.endpoint())
        .setMethod(sample.method())
        .setStatus(sample.status())
        .setErrorKind(sample.errorKind())
        .setIntendedStartUs(sample.startUs())
        .setActualStartUs(sample.startUs())
        .setLatencyUs(sample.latencyUs())
        .setServiceTimeUs(sample.latencyUs())
        .setTtfbUs(sample.ttfbUs())
        .setBytesIn(sample.bytesIn())
        .setBytesOut(sample.bytesOut())
        .setTags(sample.tags())
        .setSource(source)
        .setMeasurements(measurements(sample))
        .setChecks(checks(sample))
        .build();
  }

  private static List<Measurement> measurements(NativeSample sample) {
    if (sample.measurements().isEmpty()) {
      return Collections.emptyList();
    }
    List<Measurement> out = new ArrayList<>(sample.measurements().size());
    for (io.perfplane.ingest.format.Measurement measurement : sample.measurements()) {
      out.add(new Measurement(measurement.name(), measurement.value(), measurement.kind()));
    }
    return out;
  }

  private static List<CheckOutcome> checks(NativeSample sample) {
    if (sample.checks().isEmpty()) {
      return Collections.emptyList();
    }
    List<CheckOutcome> out = new ArrayList<>(sample.checks().size());
    for (CheckCount check : sample.checks()) {
      out.add(new CheckOutcome(check.name(), check.passed(), check.failed()));
    }
    return out;
  }
}
