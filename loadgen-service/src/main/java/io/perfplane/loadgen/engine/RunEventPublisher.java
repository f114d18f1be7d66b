package io.perfplane.loadgen.engine;

import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;

/**
 * Publishes what a run tells the others, keyed by run id so a run's records stay in order: facts about it on
 * {@code run-events}, requests to stop it on {@code abort-requests} (commands apart from facts, ADR 6).
 */
public interface RunEventPublisher {

  /** Sends a lifecycle fact asynchronously; the future completes when the broker acknowledged it. */
  CompletableFuture<?> publish(RunEvent event);

  /** Asks every generator of the run to stop it; the future completes when the broker acknowledged the request. */
  CompletableFuture<?> requestAbort(AbortRequest request);
}
