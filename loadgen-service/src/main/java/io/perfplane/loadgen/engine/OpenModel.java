package io.perfplane.loadgen.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.perfplane.loadgen.plan.ArrivalPacer;
import io.perfplane.loadgen.plan.LoadShape;
import io.perfplane.loadgen.plan.Workload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open model (arrival rate): a pacer thread releases iterations at their intended times ({@link ArrivalPacer}), each
 * on its own virtual thread, at most {@code maxConcurrency} in flight. A due iteration finding no free slot is
 * dropped and counted, never delayed: delaying it would hide the target's slowness (coordinated omission).
 */
final class OpenModel implements WorkloadModel {

  private static final Logger log = LoggerFactory.getLogger(OpenModel.class);

  private final String scenario;
  private final Workload.ArrivalRate workload;
  private final LoadShape shape;
  private final WorkloadModel.Iteration iteration;
  private final ModelContext context;
  private final Semaphore slots;
  private final Set<Thread> inFlight = ConcurrentHashMap.newKeySet();
  /** Arrivals so far, started or dropped. */
  private final AtomicLong arrivals = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean stopping;
  private volatile double targetRate;
  private volatile @Nullable Thread pacerThread;

  OpenModel(String scenario, Workload.ArrivalRate workload, WorkloadModel.Iteration iteration, ModelContext context) {
    this.scenario = scenario;
    this.workload = workload;
    this.shape = workload.shape();
    this.iteration = iteration;
    this.context = context;
    this.slots = new Semaphore(workload.maxConcurrency());
  }

  @Override
  public void begin(long startNanos) {
    // A platform thread: parking a virtual thread adds scheduler latency to every arrival.
    pacerThread = Thread.ofPlatform().daemon().name(context.threadName("pacer-" + scenario))
        .start(() -> pace(startNanos));
  }

  private void pace(long startNanos) {
    ArrivalPacer pacer = new ArrivalPacer(workload.schedule());
    while (!stopping && !pacer.exhausted()) {
      long wait = startNanos + pacer.nextOffsetNanos() - context.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      pacer.releaseDue(context.nanoTime() - startNanos, offset -> arrive(startNanos + offset));
    }
  }

  private void arrive(long intendedNanos) {
    long n = arrivals.getAndIncrement();
    if (stopping || !slots.tryAcquire()) {
      dropped.incrementAndGet();
      return;
    }
    Thread.ofVirtual().name(context.threadName("it-" + n)).start(() -> {
      inFlight.add(Thread.currentThread());
      context.iterationStarted();
      try {
        // An arrival is a new user: its variables and cookies live for this iteration only.
        iteration.run(new VuSession((int) (n % Integer.MAX_VALUE)), n, intendedNanos,
            thinkMs -> thinkMs > 0 && context.awaitLoadStop(thinkMs) || stopping);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.error("Run {}: iteration {} failed", context.runId(), n, e);
      } finally {
        context.iterationEnded();
        inFlight.remove(Thread.currentThread());
        slots.release();
      }
    });
  }

  @Override
  public void adjust(long elapsedMs) {
    targetRate = elapsedMs >= shape.totalDurationMs() ? 0 : shape.levelAt(elapsedMs);
  }

  @Override
  public void stop() {
    stopping = true;
    targetRate = 0;
    Thread pacer = pacerThread;
    if (pacer != null) {
      LockSupport.unpark(pacer);
    }
  }

  @Override
  public void awaitQuiet(long deadlineNanos) throws InterruptedException {
    Thread pacer = pacerThread;
    if (pacer != null) {
      pacer.join(Duration.ofSeconds(1));
    }
    long left = deadlineNanos - System.nanoTime();
    if (slots.tryAcquire(workload.maxConcurrency(), Math.max(0, left), TimeUnit.NANOSECONDS)) {
      slots.release(workload.maxConcurrency());
      return;
    }
    interruptAll();
    slots.tryAcquire(workload.maxConcurrency(), 1, TimeUnit.SECONDS);
  }

  @Override
  public void interruptAll() {
    inFlight.forEach(Thread::interrupt);
  }

  @Override
  public long started() {
    return arrivals.get() - dropped.get();
  }

  @Override
  public long dropped() {
    return dropped.get();
  }

  @Override
  public int targetVus() {
    return 0;
  }

  @Override
  public double targetRate() {
    return targetRate;
  }

  @Override
  public RunStatus.ScenarioStatus status(int stageIndex) {
    return new RunStatus.ScenarioStatus(scenario, workload.executor(), stageIndex, shape.stageCount(),
        workload.maxConcurrency() - slots.availablePermits(), 0, Math.round(targetRate * 10) / 10.0, started(),
        dropped());
  }
}
