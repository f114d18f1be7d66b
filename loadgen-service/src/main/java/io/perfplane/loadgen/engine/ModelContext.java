package io.perfplane.loadgen.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What the workload models of one run share: the run's monotonic ticker, its count of busy users (closed virtual
 * users plus open iterations in flight), virtual-user ids unique across its scenarios, the generator's meters, and
 * the signal that the load stopped, on which thinking iterations wake up.
 */
final class ModelContext {

  private final String runId;
  private final LongSupplier ticker;
  private final LoadgenMetrics metrics;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger nextVuId = new AtomicInteger();
  private final CountDownLatch loadStopped = new CountDownLatch(1);

  ModelContext(String runId, LongSupplier ticker, LoadgenMetrics metrics) {
    this.runId = runId;
    this.ticker = ticker;
    this.metrics = metrics;
  }

  String runId() {
    return runId;
  }

  /** Names the run's threads {@code loadgen-<runId>-<role>}, so a thread dump shows whose load it is. */
  String threadName(String role) {
    return "loadgen-" + runId + "-" + role;
  }

  /** The run's ticker (ns, arbitrary origin). */
  long nanoTime() {
    return ticker.getAsLong();
  }

  int nextVuId() {
    return nextVuId.getAndIncrement();
  }

  /** Virtual users running plus open iterations in flight, all scenarios. */
  int active() {
    return active.get();
  }

  void vuStarted() {
    active.incrementAndGet();
    metrics.vuStarted();
  }

  void vuStopped() {
    active.decrementAndGet();
    metrics.vuStopped();
  }

  void iterationStarted() {
    active.incrementAndGet();
  }

  void iterationEnded() {
    active.decrementAndGet();
  }

  /** The load stops (end of schedule or abort): iterations waiting in {@link #awaitLoadStop} return. */
  void stopLoad() {
    loadStopped.countDown();
  }

  /** Waits up to {@code millis}; answers whether the load stopped meanwhile. */
  boolean awaitLoadStop(long millis) throws InterruptedException {
    return loadStopped.await(millis, TimeUnit.MILLISECONDS);
  }
}
