package io.perfplane.analyzer.stream;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died of an unexpected exception instead of shutting the whole client down (Kafka
 * Streams' default). Under exactly-once the dead thread's open transaction is aborted, so its replacement restores
 * the tasks from the changelogs and reprocesses from the last committed offsets: nothing is lost or counted twice.
 * Without it, one transient failure (a transaction timing out on a starved machine, a broker briefly away) would leave
 * the analyzer in ERROR for good, its runs never finalized.
 */
public final class ReplaceFailedThread implements StreamsUncaughtExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ReplaceFailedThread.class);

  private final AtomicLong replaced = new AtomicLong();

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    log.error("stream thread failed; replacing it (replacement #{}); its tasks restore from their changelogs",
        replaced.incrementAndGet(), exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Threads replaced so far. */
  public long replaced() {
    return replaced.get();
  }
}
