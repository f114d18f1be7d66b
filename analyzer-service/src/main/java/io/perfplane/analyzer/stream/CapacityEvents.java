package io.perfplane.analyzer.stream;

import io.perfplane.analyzer.capacity.CapacityEstimate;
import io.perfplane.analyzer.capacity.UslModel;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.UslFit;

/** The wire form of a capacity estimate. */
final class CapacityEvents {

  private CapacityEvents() {
  }

  /**
   * @param targetService the system under test, as the run named it
   * @param atUs event time of the estimate (µs epoch): the end of the run's last sample
   */
  static CapacityEvent of(String runId, String targetService, long atUs, CapacityEstimate estimate) {
    UslModel usl = estimate.usl();
    return CapacityEvent.newBuilder()
        .setRunId(runId)
        .setTargetService(targetService)
        .setAtUs(atUs)
        .setSloHeld(estimate.sloHeld())
        .setMaxSustainedRps(estimate.maxSustainedRps())
        .setConcurrencyAtSlo(estimate.concurrencyAtSlo())
        .setBreakingRps(estimate.breakingRps())
        .setReplicas(1)
        .setCpuPerReplica(null)
        .setRpsPerReplica(estimate.maxSustainedRps())
        .setP95AtCapacityMs(estimate.p95AtCapacityMs())
        .setConfidence(estimate.confidence())
        .setKind(io.perfplane.contracts.CapacityKind.valueOf(estimate.kind().name()))
        .setKneeReached(estimate.kneeReached())
        .setLowRps(estimate.lowRps())
        .setHighRps(estimate.highRps())
        .setMethod(estimate.method())
        .setEvidence(estimate.evidence())
        .setUsl(usl == null ? null : UslFit.newBuilder()
            .setSigma(usl.sigma())
            .setKappa(usl.kappa())
            .setLambda(usl.lambda())
            .setPeakConcurrency(usl.peakConcurrency())
            .setPeakRps(usl.peakRps())
            .setRSquared(usl.rSquared())
            .setPoints(usl.points())
            .build())
        .build();
  }
}
