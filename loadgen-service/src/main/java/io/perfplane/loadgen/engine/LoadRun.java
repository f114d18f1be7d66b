package io.perfplane.loadgen.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.perfplane.contracts.RunEvent;
import io.perfplane.loadgen.plan.LoadShape;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.loadgen.plan.ThresholdEvaluator;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.loadgen.plan.Workload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executing run. Each scenario runs under its {@link WorkloadModel} (closed: looping virtual users; open: an
 * arrival rate), all concurrently. The run's controller thread adjusts every model each control interval, announces
 * stages, evaluates thresholds once a second (aborting on a failed {@code abortOnFail} one) and, at the end, stops
 * the load, waits for in-flight requests, flushes the samples and only then publishes FINISHED or ABORTED, so the
 * totals in that event are final. Runs are started and found through {@link RunRegistry}.
 */
public final class LoadRun {

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
  public record Settings(Duration controlInterval, Duration drainTimeout) {
  }

  private final ValidPlan plan;
  private final String generatorId;
  private final @Nullable Shard shard;
  private final SamplePublisher samples;
  private final RunEventPublisher events;
  private final Settings settings;
  private final RunEvents runEvents;
  private final RunCounters counters = new RunCounters();
  private final LiveStats stats = new LiveStats(ROLLING_WINDOW_NANOS);
  private final AtomicReference<@Nullable String> abortReason = new AtomicReference<>();
  private final CountDownLatch abortSignal = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final EpochMicros timebase;
  private final HttpTransport http;
  private final ModelContext models;
  private final List<ScenarioRun> scenarios;
  private final LoadgenMetrics metrics;
  private final List<Iterations.Script> scripts;

  private volatile RunState state = RunState.RUNNING;
  private volatile @Nullable String reason;
  private volatile long loadStartNanos = Long.MIN_VALUE;
  private volatile long loadEndNanos = Long.MIN_VALUE;
  private volatile List<ThresholdEvaluator.Result> thresholdResults;

  LoadRun(ValidPlan plan, String generatorId, Clock clock, SamplePublisher samples, RunEventPublisher events,
      HttpTransport.Factory transports, LoadgenMetrics metrics, Settings settings) {
    this(plan, generatorId, null, clock, samples, events, transports, metrics, settings);
  }

  /** A run, or with {@code shard} one shard of a distributed run ({@code plan} is then already the shard's share). */
  LoadRun(ValidPlan plan, String generatorId, @Nullable Shard shard, Clock clock, SamplePublisher samples,
      RunEventPublisher events, HttpTransport.Factory transports, LoadgenMetrics metrics, Settings settings) {
    this.plan = plan;
    this.generatorId = generatorId;
    this.shard = shard;
    this.samples = samples;
    this.events = events;
    this.settings = settings;
    this.runEvents = new RunEvents(plan, generatorId, shard);
    this.timebase = EpochMicros.anchoredAt(clock);
    // One client per run: its connection pool (one keep-alive connection per concurrent user) dies with the run.
    this.http = transports.open(plan.targetBaseUrl(), plan.requestTimeout(), plan.http());
    this.metrics = metrics;
    this.models = new ModelContext(plan.runId(), timebase::nanoTime, metrics);
    Iterations iterations = new Iterations(plan, generatorId, timebase, http, samples, counters, stats, metrics,
        clock);
    List<ScenarioRun> runs = new ArrayList<>();
    List<Iterations.Script> built = new ArrayList<>();
    for (ValidPlan.Scenario scenario : plan.scenarios()) {
      Iterations.Script script = iterations.script(scenario);
      built.add(script);
      runs.add(new ScenarioRun(scenario, WorkloadModel.of(scenario.name(), scenario.workload(), script::iterate,
          models)));
    }
    this.scenarios = List.copyOf(runs);
    this.scripts = List.copyOf(built);
    this.thresholdResults = ThresholdEvaluator.evaluate(plan.thresholds(), stats::measurement);
  }

  public String runId() {
    return plan.runId();
  }

  @Nullable Shard shard() {
    return shard;
  }

  /** Starts the controller; returns immediately. */
  public void start() {
    Thread.ofVirtual().name("loadgen-" + plan.runId() + "-controller").start(this::control);
  }

  /**
   * Asks the run to stop early; it ends ABORTED with {@code why} once its samples are flushed.
   *
   * @return false when the run had already ended or was already stopping
   */
  public boolean abort(String why) {
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

  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Upper bound of how long an abort takes to end the run: last requests, sample flush, ABORTED event. */
  public Duration stopBudget() {
    return plan.requestTimeout().plus(STOP_GRACE).plus(settings.drainTimeout()).plus(EVENT_TIMEOUT);
  }

  public RunState state() {
    return state;
  }

  public RunStatus status() {
    RunState current = state;
    RunCounters.Snapshot totals = counters.snapshot();
    long elapsed = elapsedMs();
    List<RunStatus.ScenarioStatus> scenarioStatuses = scenarios.stream().map(ScenarioRun::status).toList();
    LiveStats.Rolling rolling = stats.rolling();
    List<ThresholdEvaluator.Result> results = thresholdResults;
    long dropped = scenarioStatuses.stream().mapToLong(RunStatus.ScenarioStatus::droppedIterations).sum();
    List<RunStatus.SkippedStep> skipped = skippedSteps();
    return new RunStatus(plan.runId(), plan.name(), current, scenarios.getFirst().stageIndex(), models.active(),
        scenarios.stream().mapToInt(s -> s.model().targetVus()).sum(), elapsed, plan.plannedDurationMs(), totals.requests(),
        totals.errors(), totals.samplesPublished(), totals.samplesDropped(), totals.samplesFailed(), reason,
        scenarioStatuses, Math.max(0, plan.plannedDurationMs() - elapsed), round1(rolling.requestsPerSecond()),
        round1(rolling.p95Us() / 1_000.0), totals.requests() == 0 ? 0 : (double) totals.errors() / totals.requests(),
        dropped, results.stream().map(RunStatus.ThresholdStatus::of).toList(),
        results.stream().allMatch(ThresholdEvaluator.Result::passed), generatorId,
        shard == null ? null : shard.index(), shard == null ? null : shard.count(),
        RunStatus.Cumulative.of(null, stats.measurement(null)),
        stats.endpointMeasurements().entrySet().stream()
            .map(e -> RunStatus.Cumulative.of(e.getKey(), e.getValue())).toList(),
        skipped.stream().mapToLong(RunStatus.SkippedStep::count).sum(), skipped, counters.serverTimingsSkipped());
  }

  private List<RunStatus.SkippedStep> skippedSteps() {
    return scripts.stream().flatMap(s -> s.skipped().stream()).toList();
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
    LoadgenMetrics.RunMeters meters = metrics.registerRun(plan.runId(), this);
    try {
      awaitAck(events.publish(runEvents.started(timebase.nowEpochUs())), "STARTED");
      loadStartNanos = timebase.nanoTime();
      scenarios.forEach(s -> s.model().begin(loadStartNanos));
      drive();
      stopLoad();
      updateThresholds();
      if (!samples.flush(counters, settings.drainTimeout())) {
        log.warn("Run {}: not every sample was acknowledged within {}", plan.runId(), settings.drainTimeout());
      }
      String aborted = abortReason.get();
      RunEvent end = runEvents.ended(counters.snapshot(), elapsedMs(), aborted, timebase.nowEpochUs(),
          droppedIterations(), thresholdResults, skippedSteps().stream().mapToLong(RunStatus.SkippedStep::count).sum(),
          counters.serverTimingsSkipped());
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
      meters.remove();
      done.countDown();
    }
  }

  long droppedIterations() {
    return scenarios.stream().mapToLong(s -> s.model().dropped()).sum();
  }

  /** Virtual users running plus open iterations in flight. */
  int activeUsers() {
    return models.active();
  }

  int targetVus() {
    return scenarios.stream().mapToInt(s -> s.model().targetVus()).sum();
  }

  /** Target arrival rate of the open scenarios (iterations/s). */
  double targetRate() {
    return scenarios.stream().mapToDouble(s -> s.model().targetRate()).sum();
  }

  RunCounters.Snapshot totals() {
    return counters.snapshot();
  }

  private void drive() throws InterruptedException {
    long total = plan.plannedDurationMs();
    long nextStats = loadStartNanos + STATS_INTERVAL_NANOS;
    while (abortReason.get() == null) {
      long elapsed = elapsedMs();
      for (ScenarioRun scenario : scenarios) {
        scenario.announceStages(elapsed, this::announce);
        scenario.model().adjust(elapsed);
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
    models.stopLoad();
    scenarios.forEach(s -> s.model().stop());
    long deadline = System.nanoTime() + plan.requestTimeout().plus(STOP_GRACE).toNanos();
    for (ScenarioRun scenario : scenarios) {
      scenario.model().awaitQuiet(deadline);
    }
  }

  private void stopQuietly() {
    try {
      stopLoad();
    } catch (InterruptedException e) {
      scenarios.forEach(s -> s.model().interruptAll());
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
      LoadShape shape = s.shape();
      double target = shape.stageTarget(shape.stageIndexAt(elapsedMs));
      if (s.scenario().workload() instanceof Workload.RampingVus) {
        concurrency = (concurrency == null ? 0 : concurrency) + (int) target;
      } else {
        rate = (rate == null ? 0 : rate) + target;
      }
    }
    return new RunEvents.Level(concurrency, rate);
  }

  /** Publishes STAGE_CHANGED for stage {@code index} of {@code scenario}; a lost one is logged, not fatal. */
  private void announce(ScenarioRun scenario, int index) {
    RunEvent event = runEvents.stageChanged(scenario.scenario(), plan.scenarios().size() > 1, index,
        levelAt(scenario.stageStartMs(index)), timebase.nowEpochUs());
    events.publish(event).whenComplete((ok, failure) -> {
      if (failure != null) {
        log.warn("Run {}: could not publish STAGE_CHANGED {}: {}", plan.runId(), index, failure.toString());
      }
    });
  }
}
