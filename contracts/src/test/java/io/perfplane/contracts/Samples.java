package io.perfplane.contracts;

import java.util.Map;

/** Test fixtures for contract records. */
final class Samples {

  private Samples() {
  }

  static RequestSample requestSample(long latencyUs) {
    return RequestSample.newBuilder()
        .setRunId("run-1")
        .setGeneratorId("gen-a")
        .setScenario("browse")
        .setEndpoint("GET /api/dashboards/{slug}")
        .setMethod("GET")
        .setStatus(200)
        .setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(1_700_000_000_000_000L)
        .setActualStartUs(1_700_000_000_000_250L)
        .setLatencyUs(latencyUs)
        .setServiceTimeUs(latencyUs - 250)
        .setTtfbUs(latencyUs / 2)
        .setBytesIn(512)
        .setBytesOut(0)
        .setTags(Map.of("group", "overview"))
        .build();
  }
}
