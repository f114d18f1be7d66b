package io.perfplane.ingest.upload;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Counts the sends of one upload still awaiting Kafka's acknowledgement. A counter rather than a list of futures,
 * so a long upload holds no per-record state once a record is acknowledged.
 */
final class AckTracker {

  private long pending;
  private long acknowledged;
  private @Nullable Throwable failure;

  synchronized void sent() {
    pending++;
  }

  synchronized void completed(@Nullable Throwable error) {
    pending--;
    if (error == null) {
      acknowledged++;
    } else if (failure == null) {
      failure = error;
    }
    notifyAll();
  }

  synchronized @Nullable Throwable failure() {
    return failure;
  }

  synchronized long acknowledged() {
    return acknowledged;
  }

  /**
   * Waits until every send is acknowledged or one failed.
   *
   * @return {@code true} if every send was acknowledged in time
   */
  synchronized boolean awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending > 0 && failure == null) {
      long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMs <= 0) {
        return false;
      }
      wait(remainingMs);
    }
    return failure == null;
  }
}
