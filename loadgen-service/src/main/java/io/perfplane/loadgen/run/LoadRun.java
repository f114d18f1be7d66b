package io.perfplane.loadgen.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.perfplane.contracts.RunEvent;
import io.perfplane.loadgen.plan.ArrivalPacer;
import io.perfplane.loadgen.plan.LoadShape;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.loadgen.plan.StageSchedule;
import io.perfplane.loadgen.plan.ThresholdEvaluator;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.loadgen.plan.Workload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executing run. Each scenario runs under its workload model, all concurrently:
 * <ul>
 *   <li>closed ({@code ramping-vus}): each virtual user (a virtual thread) runs iterations back to back; the
 *   controller moves the number of users to the {@link StageSchedule} target every control interval;</li>
 *   <li>open (arrival rate): a pacer thread releases iterations at their intended times ({@link ArrivalPacer}),
 *   each on its own virtual thread, at most {@code maxConcurrency} in flight; a due iteration finding no free slot is
 *   dropped and counted, never delayed.</li>
 * </ul>
 * The controller also announces stages, evaluates thresholds once a second (aborting on a failed
 * {@code abortOnFail} one) and, at the end, stops the load, waits for in-flight requests, flushes the samples and
 * only then publishes FINISHED or ABORTED, so the totals in that event are final.
 */
final class LoadRun {

  private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);
  /** Grace on top of the request timeout for iterations to finish their last request. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);
  private static final long STATS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long ROLLING_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * Engine settings.
   *
   * @param controlInterval how often the controller adjusts the virtual users
   * @param drainTimeout how long the end of a run waits for samples to be acknowledged
   */
  record Settings(Duration controlInterval, Duration drainTimeout) {
  }

  private final ValidPlan plan;
  private final String generatorId;
  private final @Nullable Shard shard;
  private final SamplePublisher samples;
  private final RunEventPublisher events;
  private final LoadgenMetrics metrics;
  private final Settings settings;
  private final RunEvents runEvents;
  private final RunCounters counters = new RunCounters();
  private final LiveStats stats = new LiveStats(ROLLING_WINDOW_NANOS);
  private final AtomicInteger activeVus = new AtomicInteger();
  private final AtomicInteger nextVuId = new AtomicInteger();
  private final AtomicReference<@Nullable String> abortReason = new AtomicReference<>();
  private final CountDownLatch abortSignal = new CountDownLatch(1);
  /** Counted down when the load stops (end of schedule or abort): open iterations stop thinking. */
  private final CountDownLatch loadStopped = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final EpochMicros timebase;
  private final Http1Client http;
  private final List<ScenarioRun> scenarios;

  private volatile RunState state = RunState.RUNNING;
  private volatile @Nullable String reason;
  private volatile long loadStartNanos = Long.MIN_VALUE;
  private volatile long loadEndNanos = Long.MIN_VALUE;
  private volatile List<ThresholdEvaluator.Result> thresholdResults;

  LoadRun(ValidPlan plan, String generatorId, Clock clock, SamplePublisher samples, RunEventPublisher events,
      LoadgenMetrics metrics, Settings settings) {
    this(plan, generatorId, null, clock, samples, events, metrics, settings);
  }

  /** A run, or with {@code shard} one shard of a distributed run ({@code plan} is then already the shard's share). */
  LoadRun(ValidPlan plan, String generatorId, @Nullable Shard shard, Clock clock, SamplePublisher samples,
      RunEventPublisher events, LoadgenMetrics metrics, Settings settings) {
    this.plan = plan;
    this.generatorId = generatorId;
    this.shard = shard;
    this.samples = samples;
    this.events = events;
    this.metrics = metrics;
    this.settings = settings;
    this.runEvents = new RunEvents(plan, generatorId, shard);
    this.timebase = EpochMicros.anchoredAt(clock);
    // One client per run: its connection pool (one keep-alive connection per concurrent user) dies with the run.
    this.http = new Http1Client(plan.targetBaseUrl(), plan.requestTimeout());
    Iterations iterations = new Iterations(plan, generatorId, timebase, http, samples, counters, stats, metrics);
    List<ScenarioRun> runs = new ArrayList<>();
    for (int i = 0; i < plan.scenarios().size(); i++) {
      ValidPlan.Scenario scenario = plan.scenarios().get(i);
      Iterations.Script script = iterations.script(scenario);
      runs.add(switch (scenario.workload()) {
        case Workload.RampingVus closed -> new ClosedScenario(i, script, closed);
        case Workload.ArrivalRate open -> new OpenScenario(i, script, open);
      });
    }
    this.scenarios = List.copyOf(runs);
    this.thresholdResults = ThresholdEvaluator.evaluate(plan.thresholds(), stats::measurement);
  }

  String runId() {
    return plan.runId();
  }

  @Nullable Shard shard() {
    return shard;
  }

  /** Starts the controller; returns immediately. */
  void start() {
    Thread.ofVirtual().name("loadgen-" + plan.runId() + "-controller").start(this::control);
  }

  /**
   * Asks the run to stop early; it ends ABORTED with {@code why} once its samples are flushed.
   *
   * @return false when the run had already ended or was already stopping
   */
  boolean abort(String why) {
    boolean first = !state.terminal() && abortReason.compareAndSet(null, why);
    abortSignal.countDown();
    return first;
  }

  /** A shard's threshold judges its share of the run; abortOnFail means the whole run, so every shard stops. */
  private void requestRunAbort(String reason) {
    events.requestAbort(runEvents.abortRequest(reason, timebase.nowEpochUs())).whenComplete((ok, failure) -> {
      if (failure != null) {
        log.warn("Run {} shard {}: abort request for the other shards not acknowledged: {}", plan.runId(),
            shard, failure.toString());
      }
    });
  }

  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Upper bound of how long an abort takes to end the run: last requests, sample flush, ABORTED event. */
  Duration stopBudget() {
    return plan.requestTimeout().plus(STOP_GRACE).plus(settings.drainTimeout()).plus(EVENT_TIMEOUT);
  }

  RunState state() {
    return state;
  }

  RunStatus status() {
    RunState current = state;
    RunCounters.Snapshot totals = counters.snapshot();
    long elapsed = elapsedMs();
    List<RunStatus.ScenarioStatus> scenarioStatuses = scenarios.stream().map(ScenarioRun::status).toList();
    LiveStats.Rolling rolling = stats.rolling();
    List<ThresholdEvaluator.Result> results = thresholdResults;
    long dropped = scenarioStatuses.stream().mapToLong(RunStatus.ScenarioStatus::droppedIterations).sum();
    return new RunStatus(plan.runId(), plan.name(), current, scenarios.getFirst().stageIndex, activeVus.get(),
        scenarios.stream().mapToInt(s -> s.targetVus).sum(), elapsed, plan.plannedDurationMs(), totals.requests(),
        totals.errors(), totals.samplesPublished(), totals.samplesDropped(), totals.samplesFailed(), reason,
        scenarioStatuses, Math.max(0, plan.plannedDurationMs() - elapsed), round1(rolling.requestsPerSecond()),
        round1(rolling.p95Us() / 1_000.0), totals.requests() == 0 ? 0 : (double) totals.errors() / totals.requests(),
        dropped, results.stream().map(RunStatus.ThresholdStatus::of).toList(),
        results.stream().allMatch(ThresholdEvaluator.Result::passed), generatorId,
        shard == null ? null : shard.index(), shard == null ? null : shard.count(),
        RunStatus.Cumulative.of(null, stats.measurement(null)),
        stats.endpointMeasurements().entrySet().stream()
            .map(e -> RunStatus.Cumulative.of(e.getKey(), e.getValue())).toList());
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private long elapsedMs() {
    long start = loadStartNanos;
    if (start == Long.MIN_VALUE) {
      return 0;
    }
    long end = loadEndNanos;
    return TimeUnit.NANOSECONDS.toMillis((end == Long.MIN_VALUE ? timebase.nanoTime() : end) - start);
  }

  private void control() {
    try {
      awaitAck(events.publish(runEvents.started(timebase.nowEpochUs())), "STARTED");
      loadStartNanos = timebase.nanoTime();
      scenarios.forEach(s -> s.begin(loadStartNanos));
      drive();
      stopLoad();
      updateThresholds();
      if (!samples.flush(counters, settings.drainTimeout())) {
        log.warn("Run {}: not every sample was acknowledged within {}", plan.runId(), settings.drainTimeout());
      }
      String aborted = abortReason.get();
      RunEvent end = runEvents.ended(counters.snapshot(), elapsedMs(), aborted, timebase.nowEpochUs(),
          droppedIterations(), thresholdResults);
      awaitAck(events.publish(end), end.getType().name());
      finish(aborted == null ? RunState.FINISHED : RunState.ABORTED, aborted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly();
      finish(RunState.FAILED, "interrupted");
    } catch (Exception e) {
      log.error("Run {} failed", plan.runId(), e);
      stopQuietly();
      finish(RunState.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } finally {
      // Every iteration has ended (or was interrupted): nothing left worth waiting for.
      http.close();
      done.countDown();
    }
  }

  private long droppedIterations() {
    return scenarios.stream().mapToLong(s -> s.dropped.get()).sum();
  }

  private void drive() throws InterruptedException {
    long total = plan.plannedDurationMs();
    long nextStats = loadStartNanos + STATS_INTERVAL_NANOS;
    while (abortReason.get() == null) {
      long elapsed = elapsedMs();
      for (ScenarioRun scenario : scenarios) {
        scenario.announceStages(elapsed);
        scenario.adjust(elapsed);
      }
      long now = timebase.nanoTime();
      if (now - nextStats >= 0) {
        nextStats = now + STATS_INTERVAL_NANOS;
        updateThresholds();
        Optional<ThresholdEvaluator.Result> failed = ThresholdEvaluator.abortCause(thresholdResults, elapsed);
        if (failed.isPresent()) {
          String reason = RunStatus.ThresholdStatus.of(failed.get()).describeFailure();
          abort(reason);
          if (shard != null) {
            requestRunAbort(reason);
          }
          break;
        }
      }
      if (elapsed >= total) {
        break;
      }
      long sleepMs = Math.min(settings.controlInterval().toMillis(), total - elapsed);
      abortSignal.await(Math.max(1, sleepMs), TimeUnit.MILLISECONDS);
    }
  }

  private void updateThresholds() {
    stats.tick(timebase.nanoTime());
    thresholdResults = ThresholdEvaluator.evaluate(plan.thresholds(), stats::measurement);
  }

  /** Stops every scenario and waits for in-flight requests; interrupts only iterations stuck past the timeout. */
  private void stopLoad() throws InterruptedException {
    loadEndNanos = timebase.nanoTime();
    loadStopped.countDown();
    scenarios.forEach(ScenarioRun::stop);
    long deadline = System.nanoTime() + plan.requestTimeout().plus(STOP_GRACE).toNanos();
    for (ScenarioRun scenario : scenarios) {
      scenario.awaitQuiet(deadline);
    }
  }

  private void stopQuietly() {
    try {
      stopLoad();
    } catch (InterruptedException e) {
      scenarios.forEach(ScenarioRun::interruptAll);
      Thread.currentThread().interrupt();
    }
  }

  private void finish(RunState terminal, @Nullable String why) {
    if (loadEndNanos == Long.MIN_VALUE) {
      loadEndNanos = timebase.nanoTime();
    }
    reason = why;
    state = terminal; // last: a reader that sees the terminal state sees the final counters and reason
    log.info("Run {} {}{}: {}", plan.runId(), terminal, why == null ? "" : " (" + why + ")", counters.snapshot());
  }

  private static void awaitAck(CompletableFuture<?> ack, String what) throws InterruptedException {
    try {
      ack.get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not publish " + what + " run event: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not publish " + what + " run event within " + EVENT_TIMEOUT, e);
    }
  }

  /** Run-level load target across scenarios at {@code elapsedMs}, for STAGE_CHANGED events. */
  private RunEvents.Level levelAt(long elapsedMs) {
    Integer concurrency = null;
    Double rate = null;
    for (ScenarioRun s : scenarios) {
      LoadShape shape = s.script.scenario().workload().shape();
      double target = shape.stageTarget(shape.stageIndexAt(elapsedMs));
      if (s instanceof ClosedScenario) {
        concurrency = (concurrency == null ? 0 : concurrency) + (int) target;
      } else {
        rate = (rate == null ? 0 : rate) + target;
      }
    }
    return new RunEvents.Level(concurrency, rate);
  }

  /** A scenario's share of the run. */
  private abstract sealed class ScenarioRun permits ClosedScenario, OpenScenario {

    final int index;
    final Iterations.Script script;
    final LoadShape shape;
    final AtomicLong iterations = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    volatile int stageIndex;
    volatile int targetVus;
    private int announced = -1;

    ScenarioRun(int index, Iterations.Script script) {
      this.index = index;
      this.script = script;
      this.shape = script.scenario().workload().shape();
    }

    void begin(long startNanos) {
    }

    /** Announces every stage entered since the last call, including stages shorter than a control interval. */
    final void announceStages(long elapsedMs) {
      int stage = elapsedMs >= shape.totalDurationMs() ? shape.stageCount() - 1 : shape.stageIndexAt(elapsedMs);
      while (announced < stage) {
        announced++;
        int i = announced;
        long stageStart = 0;
        for (int k = 0; k < i; k++) {
          stageStart += shape.stageDurationMs(k);
        }
        RunEvent event = runEvents.stageChanged(script.scenario(), plan.scenarios().size() > 1, i,
            levelAt(stageStart), timebase.nowEpochUs());
        events.publish(event).whenComplete((ok, failure) -> {
          if (failure != null) {
            log.warn("Run {}: could not publish STAGE_CHANGED {}: {}", plan.runId(), i, failure.toString());
          }
        });
      }
      stageIndex = stage;
    }

    abstract void adjust(long elapsedMs);

    abstract void stop();

    abstract void awaitQuiet(long deadlineNanos) throws InterruptedException;

    abstract void interruptAll();

    abstract RunStatus.ScenarioStatus status();
  }

  /** Closed model: a number of looping virtual users. */
  private final class ClosedScenario extends ScenarioRun {

    private final StageSchedule schedule;
    private final List<VirtualUser> active = new ArrayList<>();
    private final List<VirtualUser> all = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();

    ClosedScenario(int index, Iterations.Script script, Workload.RampingVus workload) {
      super(index, script);
      this.schedule = workload.schedule();
    }

    @Override
    void adjust(long elapsedMs) {
      if (elapsedMs >= schedule.totalDurationMs()) {
        targetVus = 0;
        while (!active.isEmpty()) {
          active.removeLast().retire();
        }
        return;
      }
      int target = schedule.targetVusAt(elapsedMs);
      targetVus = target;
      while (active.size() < target) {
        VirtualUser vu = new VirtualUser(this, nextVuId.getAndIncrement());
        active.add(vu);
        all.add(vu);
        vu.start();
      }
      while (active.size() > target) {
        active.removeLast().retire(); // finishes its current request first, like k6's graceful ramp-down
      }
      all.removeIf(vu -> !vu.isAlive() && vu.retired);
    }

    @Override
    void stop() {
      targetVus = 0;
      all.forEach(VirtualUser::retire);
    }

    @Override
    void awaitQuiet(long deadlineNanos) throws InterruptedException {
      for (VirtualUser vu : all) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !vu.join(Duration.ofNanos(left))) {
          vu.interrupt();
        }
      }
      for (VirtualUser vu : all) {
        vu.join(Duration.ofSeconds(1));
      }
    }

    @Override
    void interruptAll() {
      all.forEach(VirtualUser::interrupt);
    }

    @Override
    RunStatus.ScenarioStatus status() {
      return new RunStatus.ScenarioStatus(script.scenario().name(), "ramping-vus", stageIndex, shape.stageCount(),
          running.get(), targetVus, null, iterations.get(), 0);
    }
  }

  /** Open model: iterations arrive on schedule, each on its own virtual thread, up to the concurrency cap. */
  private final class OpenScenario extends ScenarioRun {

    private final Workload.ArrivalRate workload;
    private final Semaphore slots;
    private final java.util.Set<Thread> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile double targetRate;
    private @Nullable Thread pacerThread;

    OpenScenario(int index, Iterations.Script script, Workload.ArrivalRate workload) {
      super(index, script);
      this.workload = workload;
      this.slots = new Semaphore(workload.maxConcurrency());
    }

    @Override
    void begin(long startNanos) {
      // A platform thread: parking a virtual thread adds scheduler latency to every arrival.
      pacerThread = Thread.ofPlatform().daemon().name("loadgen-" + plan.runId() + "-pacer-" + index)
          .start(() -> pace(startNanos));
    }

    private void pace(long startNanos) {
      ArrivalPacer pacer = new ArrivalPacer(workload.schedule());
      while (!stopping && !pacer.exhausted()) {
        long wait = startNanos + pacer.nextOffsetNanos() - timebase.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        pacer.releaseDue(timebase.nanoTime() - startNanos, offset -> arrive(startNanos + offset));
      }
    }

    private void arrive(long intendedNanos) {
      long iteration = iterations.getAndIncrement();
      if (stopping || !slots.tryAcquire()) {
        dropped.incrementAndGet();
        return;
      }
      Thread.ofVirtual().name("loadgen-" + plan.runId() + "-it-" + iteration).start(() -> {
        inFlight.add(Thread.currentThread());
        activeVus.incrementAndGet();
        try {
          script.iterate((int) (iteration % Integer.MAX_VALUE), iteration, intendedNanos,
              thinkMs -> thinkMs > 0 && loadStopped.await(thinkMs, TimeUnit.MILLISECONDS) || stopping);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          log.error("Run {}: iteration {} failed", plan.runId(), iteration, e);
        } finally {
          activeVus.decrementAndGet();
          inFlight.remove(Thread.currentThread());
          slots.release();
        }
      });
    }

    @Override
    void adjust(long elapsedMs) {
      targetRate = elapsedMs >= shape.totalDurationMs() ? 0 : shape.levelAt(elapsedMs);
    }

    @Override
    void stop() {
      stopping = true;
      targetRate = 0;
      Thread pacer = pacerThread;
      if (pacer != null) {
        LockSupport.unpark(pacer);
      }
    }

    @Override
    void awaitQuiet(long deadlineNanos) throws InterruptedException {
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
    void interruptAll() {
      inFlight.forEach(Thread::interrupt);
    }

    @Override
    RunStatus.ScenarioStatus status() {
      return new RunStatus.ScenarioStatus(script.scenario().name(), workload.executor(), stageIndex,
          shape.stageCount(), workload.maxConcurrency() - slots.availablePermits(), 0,
          Math.round(targetRate * 10) / 10.0, iterations.get() - dropped.get(), dropped.get());
    }
  }

  /** One closed-model virtual user: run iterations back to back until retired. */
  private final class VirtualUser implements Runnable {

    private final ClosedScenario scenario;
    private final int id;
    private final CountDownLatch retireSignal = new CountDownLatch(1);
    private volatile boolean retired;
    private @Nullable Thread thread;

    VirtualUser(ClosedScenario scenario, int id) {
      this.scenario = scenario;
      this.id = id;
    }

    void start() {
      thread = Thread.ofVirtual().name("loadgen-" + plan.runId() + "-vu-" + id).start(this);
    }

    void retire() {
      retired = true;
      retireSignal.countDown();
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
      activeVus.incrementAndGet();
      scenario.running.incrementAndGet();
      metrics.vuStarted();
      try {
        Iterations.Pause pause = thinkMs -> retired || (thinkMs > 0 && retireSignal.await(thinkMs, TimeUnit.MILLISECONDS));
        for (long iteration = 0; !retired && !Thread.currentThread().isInterrupted(); iteration++) {
          scenario.iterations.incrementAndGet();
          if (!scenario.script.iterate(id, iteration, Iterations.UNSCHEDULED, pause)) {
            break;
          }
        }
      } catch (InterruptedException e) {
        // Interrupted only when stuck past the stop deadline: the abandoned request yields no sample.
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.error("Run {}: virtual user {} died", plan.runId(), id, e);
      } finally {
        activeVus.decrementAndGet();
        scenario.running.decrementAndGet();
        metrics.vuStopped();
      }
    }
  }
}
