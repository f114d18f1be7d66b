package io.perfplane.loadgen.engine;

import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.RunEvent;

/** Publishes run lifecycle events, keyed by run id so a run's events stay in order. */
public interface RunEventPublisher {

  /** Sends asynchronously; the future completes when the broker acknowledged the event. */
  CompletableFuture<?> publish(RunEvent event);
}
