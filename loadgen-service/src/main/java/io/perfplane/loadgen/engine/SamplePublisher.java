package io.perfplane.loadgen.engine;

import java.time.Duration;

import io.perfplane.contracts.RequestSample;

/** Where virtual users hand their samples: must never block them. */
public interface SamplePublisher {

  /**
   * Hands one sample over without blocking. Its fate (published, failed or dropped) is counted on {@code counters}
   * later, or immediately (dropped) when the publisher's buffer is full.
   */
  void offer(RequestSample sample, RunCounters counters);

  /**
   * Waits until every sample offered for {@code counters} has its fate decided, pushing buffered samples out.
   *
   * @return whether all were settled within {@code timeout}
   */
  boolean flush(RunCounters counters, Duration timeout) throws InterruptedException;
}
