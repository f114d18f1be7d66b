package io.perfplane.loadgen.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;

/** A run-event publisher that acknowledges at once and keeps what it was given, facts and requests apart. */
final class InMemoryRunEvents implements RunEventPublisher {

  /** Lifecycle facts, in publishing order. */
  final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
  /** Abort requests, in publishing order. */
  final List<AbortRequest> abortRequests = Collections.synchronizedList(new ArrayList<>());

  @Override
  public CompletableFuture<?> publish(RunEvent event) {
    events.add(event);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<?> requestAbort(AbortRequest request) {
    abortRequests.add(request);
    return CompletableFuture.completedFuture(null);
  }
}
