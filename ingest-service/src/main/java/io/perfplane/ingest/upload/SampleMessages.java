package io.perfplane.ingest.upload;

import io.perfplane.contracts.RequestSample;
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
        .build();
  }
}
