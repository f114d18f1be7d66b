package io.perfplane.loadgen.engine;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One closed-model virtual user: a virtual thread running iterations back to back until retired. */
final class VirtualUser implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(VirtualUser.class);

  private final int id;
  private final WorkloadModel.Iteration iteration;
  private final ModelContext context;
  /** The scenario's running users and started iterations, shared by its users. */
  private final AtomicInteger running;
  private final AtomicLong started;
  private final CountDownLatch retireSignal = new CountDownLatch(1);
  private volatile boolean retired;
  private @Nullable Thread thread;

  VirtualUser(int id, WorkloadModel.Iteration iteration, ModelContext context, AtomicInteger running,
      AtomicLong started) {
    this.id = id;
    this.iteration = iteration;
    this.context = context;
    this.running = running;
    this.started = started;
  }

  void start() {
    thread = Thread.ofVirtual().name(context.threadName("vu-" + id)).start(this);
  }

  /** Stops after the current request: a thinking user returns at once, a sending one when its response is in. */
  void retire() {
    retired = true;
    retireSignal.countDown();
  }

  boolean retired() {
    return retired;
  }

  boolean isAlive() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  void interrupt() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  boolean join(Duration timeout) throws InterruptedException {
    Thread t = thread;
    return t == null || t.join(timeout);
  }

  @Override
  public void run() {
    context.vuStarted();
    running.incrementAndGet();
    try {
      Iterations.Pause pause = thinkMs -> retired || (thinkMs > 0 && retireSignal.await(thinkMs, TimeUnit.MILLISECONDS));
      VuSession session = new VuSession(id); // variables and cookies live as long as the user
      for (long n = 0; !retired && !Thread.currentThread().isInterrupted(); n++) {
        started.incrementAndGet();
        if (!iteration.run(session, n, Iterations.UNSCHEDULED, pause)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      // Interrupted only when stuck past the stop deadline: the abandoned request yields no sample.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Run {}: virtual user {} died", context.runId(), id, e);
    } finally {
      context.vuStopped();
      running.decrementAndGet();
    }
  }
}
