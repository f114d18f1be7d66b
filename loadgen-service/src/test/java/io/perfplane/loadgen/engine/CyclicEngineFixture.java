package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.kafka.KafkaSamplePublisher;

/**
 * Closes a cycle engine → kafka → engine on purpose (ArchitectureTest shows the cycle rule catches it); never used.
 */
public final class CyclicEngineFixture {

  KafkaSamplePublisher publisher;
}
