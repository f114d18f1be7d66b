package io.perfplane.loadgen.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-run tallies, updated by virtual users (requests) and by the sample publisher (sample fates). Every recorded
 * request yields exactly one sample, and every sample ends up published, failed or dropped: once the publisher has
 * settled, {@code requests == published + failed + dropped}.
 */
public final class RunCounters {

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final LongAdder serverTimingsSkipped = new LongAdder();

  /** A request completed; its sample is on its way to a publisher. */
  public void request(boolean error) {
    requests.incrementAndGet();
    if (error) {
      errors.incrementAndGet();
    }
  }

  public void published() {
    published.incrementAndGet();
  }

  public void failed() {
    failed.incrementAndGet();
  }

  public void dropped() {
    dropped.incrementAndGet();
  }

  /** {@code count} server-timing entries or header values of one response were skipped (malformed, no duration). */
  public void serverTimingsSkipped(int count) {
    serverTimingsSkipped.add(count);
  }

  /** Server-timing entries and header values skipped so far: without a duration, malformed or unparsable. */
  public long serverTimingsSkipped() {
    return serverTimingsSkipped.sum();
  }

  /** Whether every sample recorded so far has its fate decided. */
  public boolean settled() {
    return published.get() + failed.get() + dropped.get() >= requests.get();
  }

  public Snapshot snapshot() {
    // Read the fates before the requests so a snapshot never shows more fates than requests.
    long p = published.get();
    long f = failed.get();
    long d = dropped.get();
    long e = errors.get();
    return new Snapshot(requests.get(), e, p, d, f);
  }

  /**
   * Counts at one moment.
   *
   * @param requests requests completed (with or without a response)
   * @param errors requests whose sample has an error kind other than NONE
   * @param samplesPublished samples acknowledged by Kafka
   * @param samplesDropped samples discarded because the publish buffer was full
   * @param samplesFailed samples Kafka refused or could not take
   */
  public record Snapshot(long requests, long errors, long samplesPublished, long samplesDropped, long samplesFailed) {
  }
}
