package io.perfplane.loadgen.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.loadgen.engine.LoadgenMetrics;
import io.perfplane.loadgen.engine.RunCounters;
import io.perfplane.loadgen.engine.SamplePublisher;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes samples to {@code request-samples} off the request path. Virtual users only {@link #offer} into a
 * bounded queue (never blocking: a full queue drops the sample); one drainer thread feeds the Kafka producer, which
 * may block (metadata, full buffer) without slowing the load down. Every sample's fate is counted on its run.
 */
public final class KafkaSamplePublisher implements SamplePublisher, SmartLifecycle {

  /** Stops after the run registry (which aborts runs and flushes through this publisher) and the web server. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private static final Logger log = LoggerFactory.getLogger(KafkaSamplePublisher.class);
  private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Drained per wake-up: one queue lock round trip per batch instead of per sample. */
  private static final int DRAIN_BATCH = 512;

  /** A queued sample; it is also its own send callback, so a sample costs one object on its way through. */
  private final class Pending implements Callback {

    final RequestSample sample;
    final RunCounters counters;

    Pending(RequestSample sample, RunCounters counters) {
      this.sample = sample;
      this.counters = counters;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception == null) {
        counters.published();
        metrics.samplePublished();
      } else if (exception instanceof BufferExhaustedException) {
        dropped(counters, "producer buffer full");
      } else {
        failed(counters, exception);
      }
    }
  }

  private final Producer<String, RequestSample> producer;
  private final LoadgenMetrics metrics;
  private final BlockingQueue<Pending> queue;
  private final AtomicLong nextDropWarnNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong dropsSinceWarn = new AtomicLong();
  private final AtomicLong nextFailWarnNanos = new AtomicLong(System.nanoTime());
  private volatile boolean running;
  private @Nullable Thread drainer;

  /**
   * Producer settings for samples, on top of idempotence and acks=all: lz4-compressed batches (samples compress
   * well and the broker's work is per batch, so large batches are what keeps an in-process broker from eating the
   * generator's CPU), a short linger, and bounded blocking.
   */
  public static void tune(java.util.Map<String, Object> config) {
    config.put(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 50);
    config.put(org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(org.apache.kafka.clients.producer.ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    // Only the publisher thread ever blocks on the producer; bounding it keeps the sample queue moving, and a full
    // buffer then surfaces as dropped samples instead of a stall.
    config.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    config.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    config.put(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
  }

  public KafkaSamplePublisher(Producer<String, RequestSample> producer, LoadgenMetrics metrics, int capacity) {
    this.producer = producer;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public void offer(RequestSample sample, RunCounters counters) {
    if (!running || !queue.offer(new Pending(sample, counters))) {
      dropped(counters, "publish queue full");
    }
  }

  @Override
  public boolean flush(RunCounters counters, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!counters.settled()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      if (queue.isEmpty()) {
        // Bounded by the producer's delivery.timeout.ms; waits for the callbacks of everything sent so far.
        producer.flush();
      }
      if (!counters.settled()) {
        Thread.sleep(5);
      }
    }
    return true;
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>(DRAIN_BATCH);
    while (running || !queue.isEmpty()) {
      if (queue.drainTo(batch, DRAIN_BATCH) == 0) {
        Pending pending;
        try {
          pending = queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (pending == null) {
          continue;
        }
        batch.add(pending);
      }
      for (Pending pending : batch) {
        send(pending);
      }
      batch.clear();
    }
  }

  private void send(Pending pending) {
    try {
      producer.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), pending.sample.getRunId(), pending.sample),
          pending);
    } catch (RuntimeException e) {
      // Serialization errors and a closed producer are thrown rather than passed to the callback.
      failed(pending.counters, e);
    }
  }

  private void dropped(RunCounters counters, String why) {
    counters.dropped();
    metrics.sampleDropped();
    long drops = dropsSinceWarn.incrementAndGet();
    long next = nextDropWarnNanos.get();
    if (System.nanoTime() - next >= 0 && nextDropWarnNanos.compareAndSet(next, System.nanoTime() + WARN_INTERVAL_NANOS)) {
      dropsSinceWarn.addAndGet(-drops);
      log.warn("Dropped {} request sample(s) in the last interval: {} (Kafka too slow or unreachable?)", drops, why);
    }
  }

  private void failed(RunCounters counters, Exception exception) {
    counters.failed();
    metrics.sampleFailed();
    long next = nextFailWarnNanos.get();
    if (System.nanoTime() - next >= 0 && nextFailWarnNanos.compareAndSet(next, System.nanoTime() + WARN_INTERVAL_NANOS)) {
      log.warn("Publishing request samples fails: {}", exception.toString());
    }
  }

  @Override
  public void start() {
    running = true;
    drainer = Thread.ofPlatform().name("loadgen-sample-publisher").daemon().start(this::drain);
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = drainer;
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
