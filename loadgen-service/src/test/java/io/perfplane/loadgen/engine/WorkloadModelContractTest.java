package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkloadModel} must honour, written once and run against each model by a subclass (as
 * Hyperfoil's rate-generator tests are): nothing before the load begins, every started iteration counted, never more
 * iterations in flight than the model's bound, nothing new after a stop or past the schedule's end, thinking
 * iterations woken by a stop, stuck ones interrupted at the deadline, and the busy count back to zero. The models
 * run on real threads against a recording iteration, driven the way the run's controller drives them.
 */
abstract class WorkloadModelContractTest {

  private static final long CONTROL_INTERVAL_MS = 10;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ModelContext context = new ModelContext("contract", System::nanoTime, new LoadgenMetrics(meters));
  private WorkloadModel running;

  /** The model under test over a schedule of {@link #durationMs()}. */
  abstract WorkloadModel model(WorkloadModel.Iteration iteration, ModelContext context);

  /** Length of the model's schedule (ms). */
  abstract long durationMs();

  /** Most iterations the model may have in flight at once. */
  abstract int bound();

  /** Fewest iterations the whole schedule must start when each takes about {@code iterationMs}. */
  abstract long minimumIterations(long iterationMs);

  /** An iteration that records itself, holds a request for {@code busyMs} and then thinks for {@code thinkMs}. */
  static final class Recorder implements WorkloadModel.Iteration {

    final AtomicLong calls = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peakInFlight = new AtomicInteger();
    final AtomicLong stoppedByPause = new AtomicLong();
    final AtomicLong interrupted = new AtomicLong();
    private final long busyMs;
    private final long thinkMs;

    Recorder(long busyMs, long thinkMs) {
      this.busyMs = busyMs;
      this.thinkMs = thinkMs;
    }

    @Override
    public boolean run(VuSession user, long iteration, long intendedStartNanos, Iterations.Pause pause)
        throws InterruptedException {
      calls.incrementAndGet();
      peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(busyMs); // stands in for a request: not woken by a stop, only by an interrupt
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      } finally {
        inFlight.decrementAndGet();
      }
      if (pause.stopAfter(thinkMs)) {
        stoppedByPause.incrementAndGet();
        return false;
      }
      return true;
    }
  }

  /** Begins the load and adjusts it every control interval, as the controller does, until {@code untilMs}. */
  private long drive(WorkloadModel model, long untilMs) throws InterruptedException {
    running = model;
    long start = System.nanoTime();
    model.begin(start);
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      model.adjust(elapsed);
      if (elapsed >= untilMs) {
        return start;
      }
      Thread.sleep(Math.min(CONTROL_INTERVAL_MS, untilMs - elapsed));
    }
  }

  /** Stops the load as the controller does and answers how long waiting for quiet took (ms). */
  private long stop(WorkloadModel model, Duration grace) throws InterruptedException {
    long begin = System.nanoTime();
    context.stopLoad();
    model.stop();
    model.awaitQuiet(System.nanoTime() + grace.toNanos());
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
  }

  @AfterEach
  void interruptLeftovers() {
    if (running != null) {
      running.stop();
      running.interruptAll();
    }
  }

  @Test
  void startsNothingBeforeTheLoadBegins() throws InterruptedException {
    Recorder recorder = new Recorder(1, 0);
    WorkloadModel model = model(recorder, context);
    Thread.sleep(100);

    assertThat(recorder.calls).hasValue(0);
    assertThat(model.started()).isZero();
    assertThat(context.active()).isZero();
  }

  @Test
  void runsTheScheduleAndCountsEveryIterationItStarted() throws InterruptedException {
    Recorder recorder = new Recorder(5, 0);
    WorkloadModel model = model(recorder, context);
    drive(model, durationMs());
    stop(model, Duration.ofSeconds(2));

    assertThat(recorder.calls.get()).isGreaterThanOrEqualTo(minimumIterations(5));
    assertThat(model.started()).isEqualTo(recorder.calls.get());
    assertThat(model.status(0).iterations()).isEqualTo(model.started());
    assertThat(model.status(0).droppedIterations()).isEqualTo(model.dropped());
    assertThat(recorder.interrupted).hasValue(0);
    assertThat(context.active()).isZero();
    assertThat(meters.get("perfplane.loadgen.vus.active").gauge().value()).isZero();
  }

  @Test
  void neverHasMoreIterationsInFlightThanItsBoundAndReachesIt() throws InterruptedException {
    Recorder recorder = new Recorder(50, 0);
    WorkloadModel model = model(recorder, context);
    drive(model, durationMs());
    stop(model, Duration.ofSeconds(2));

    assertThat(recorder.peakInFlight).hasValue(bound());
  }

  @Test
  void startsNoIterationAfterAStop() throws InterruptedException {
    Recorder recorder = new Recorder(2, 1);
    WorkloadModel model = model(recorder, context);
    drive(model, durationMs() / 2);
    stop(model, Duration.ofSeconds(2));
    long atStop = recorder.calls.get();
    long startedAtStop = model.started();
    Thread.sleep(200);

    assertThat(atStop).isPositive();
    assertThat(recorder.calls).hasValue(atStop);
    assertThat(model.started()).isEqualTo(startedAtStop).isEqualTo(atStop);
    assertThat(recorder.inFlight).hasValue(0);
    assertThat(context.active()).isZero();
    assertThat(model.targetVus()).isZero();
  }

  @Test
  void aStopWakesThinkingIterationsAtOnce() throws InterruptedException {
    Recorder recorder = new Recorder(0, 60_000);
    WorkloadModel model = model(recorder, context);
    drive(model, Math.min(200, durationMs() / 2));
    long thinking = recorder.calls.get();
    long quietAfterMs = stop(model, Duration.ofSeconds(10));

    assertThat(thinking).isPositive();
    assertThat(quietAfterMs).isLessThan(2_000);
    assertThat(recorder.stoppedByPause).hasValue(recorder.calls.get());
    assertThat(recorder.interrupted).hasValue(0);
    assertThat(context.active()).isZero();
  }

  @Test
  void iterationsStuckPastTheStopDeadlineAreInterrupted() throws InterruptedException {
    Recorder recorder = new Recorder(60_000, 0);
    WorkloadModel model = model(recorder, context);
    drive(model, Math.min(200, durationMs() / 2));
    long quietAfterMs = stop(model, Duration.ofMillis(200));

    assertThat(recorder.calls.get()).isPositive();
    assertThat(quietAfterMs).isBetween(150L, 3_000L);
    assertThat(recorder.interrupted).hasValue(recorder.calls.get());
    assertThat(recorder.inFlight).hasValue(0);
    assertThat(context.active()).isZero();
  }

  @Test
  void startsNothingNewPastTheEndOfItsSchedule() throws InterruptedException {
    Recorder recorder = new Recorder(2, 1);
    WorkloadModel model = model(recorder, context);
    long start = drive(model, durationMs() + 100);
    long afterEnd = recorder.calls.get();
    // Still driven, as a controller waiting for a longer scenario would: the schedule alone ends the load.
    while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(durationMs() + 400)) {
      model.adjust(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      Thread.sleep(CONTROL_INTERVAL_MS);
    }

    assertThat(afterEnd).isPositive();
    assertThat(recorder.calls).hasValue(afterEnd);
    assertThat(recorder.inFlight).hasValue(0);
    assertThat(model.targetVus()).isZero();
    assertThat(context.active()).isZero();
  }
}
