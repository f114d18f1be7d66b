package io.perfplane.loadgen.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.loadgen.plan.ValidPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The runs this generator executes or executed, in start order. Keeps the last {@value #RETAINED_ENDED_RUNS} ended
 * runs for status queries. On shutdown it aborts the runs still going, so each still publishes its ABORTED event.
 */
final class RunRegistry implements SmartLifecycle {

  static final int RETAINED_ENDED_RUNS = 200;
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(RunRegistry.class);

  private final Map<String, LoadRun> runs = new LinkedHashMap<>();
  private final String generatorId;
  private final Clock clock;
  private final SamplePublisher samples;
  private final RunEventPublisher events;
  private final LoadgenMetrics metrics;
  private final LoadRun.Settings settings;
  private volatile boolean running;

  RunRegistry(String generatorId, Clock clock, SamplePublisher samples, RunEventPublisher events,
      LoadgenMetrics metrics, LoadRun.Settings settings) {
    this.generatorId = generatorId;
    this.clock = clock;
    this.samples = samples;
    this.events = events;
    this.metrics = metrics;
    this.settings = settings;
  }

  String generatorId() {
    return generatorId;
  }

  /**
   * Starts a run.
   *
   * @throws RunConflictException if a run with this id is known here
   */
  RunStatus start(ValidPlan plan) {
    LoadRun run;
    synchronized (runs) {
      if (!running) {
        throw new ShuttingDownException();
      }
      if (runs.containsKey(plan.runId())) {
        throw new RunConflictException("run " + plan.runId() + " already exists on this generator");
      }
      evictEnded();
      run = new LoadRun(plan, generatorId, clock, samples, events, metrics, settings);
      runs.put(plan.runId(), run);
    }
    run.start();
    log.info("Run {} '{}' started against {} ({} scenario(s), {} ms, peak concurrency {})", plan.runId(), plan.name(),
        plan.targetBaseUrl(), plan.scenarios().size(), plan.plannedDurationMs(), plan.peakConcurrency());
    return run.status();
  }

  Optional<LoadRun> find(String runId) {
    synchronized (runs) {
      return Optional.ofNullable(runs.get(runId));
    }
  }

  List<RunStatus> statuses() {
    List<LoadRun> snapshot;
    synchronized (runs) {
      snapshot = new ArrayList<>(runs.values());
    }
    return snapshot.stream().map(LoadRun::status).toList();
  }

  /**
   * Aborts a run executed here if it is still going (an ABORT_REQUESTED event for another generator's run, or for
   * an ended run, is ignored).
   *
   * @return whether this call aborted it
   */
  boolean abortIfRunning(String runId, String reason) {
    return find(runId).map(run -> run.abort(reason)).orElse(false);
  }

  private void evictEnded() {
    long ended = runs.values().stream().filter(run -> run.state().terminal()).count();
    for (Iterator<LoadRun> it = runs.values().iterator(); it.hasNext() && ended > RETAINED_ENDED_RUNS; ) {
      if (it.next().state().terminal()) {
        it.remove();
        ended--;
      }
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    List<LoadRun> going;
    synchronized (runs) {
      running = false;
      going = runs.values().stream().filter(run -> !run.state().terminal()).toList();
    }
    going.forEach(run -> run.abort("loadgen-service shutting down"));
    // Within the 20 s shutdown phase budget of perfplane-defaults (spring.lifecycle.timeout-per-shutdown-phase).
    long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
    for (LoadRun run : going) {
      try {
        if (!run.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          log.warn("Run {} did not end within {} of shutdown", run.runId(), SHUTDOWN_WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Before the web server and the Kafka publishers stop: aborting runs still publishes their ABORTED events.
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }
}
