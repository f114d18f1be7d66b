package io.perfplane.loadgen.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.loadgen.plan.PlanShards;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.loadgen.plan.ValidPlan;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this generator executes or executed, in start order: whole runs under their run id, shards of
 * distributed runs under {@code <runId>/shard-<i>} (several shards of one run may run here). Keeps the last
 * {@value #RETAINED_ENDED_RUNS} ended runs for status queries. It takes runs between {@link #open} and
 * {@link #shutDown}; shutting down aborts the runs still going, so each still publishes its ABORTED event. The
 * engine's entry point: the control API, the Kafka listeners and the wiring reach runs through it.
 */
public final class RunRegistry {

  static final int RETAINED_ENDED_RUNS = 200;
  private static final long SHUTDOWN_WAIT_SECONDS = 15;
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(SHUTDOWN_WAIT_SECONDS);

  private static final Logger log = LoggerFactory.getLogger(RunRegistry.class);

  static final int REMEMBERED_RUN_IDS = 1_000;

  private final Map<String, LoadRun> runs = new LinkedHashMap<>();
  /** Distributed runs submitted through this instance → shard count, so a stop here knows to reach the others. */
  private final Map<String, Integer> submitted = bounded();
  /**
   * Runs an abort was requested for (REST stop or an abort request), so a shard of such a run consumed afterwards is
   * not started. Bounded: only the latest {@value #REMEMBERED_RUN_IDS} are remembered.
   */
  private final Map<String, Boolean> abortRequested = bounded();
  private final String generatorId;
  private final Clock clock;
  private final SamplePublisher samples;
  private final RunEventPublisher events;
  private final HttpTransport.Factory transports;
  private final LoadgenMetrics metrics;
  private final LoadRun.Settings settings;
  private volatile boolean running;

  /**
   * @param generatorId this instance's id in samples and events
   * @param transports opens each run's connections to its target
   */
  public RunRegistry(String generatorId, Clock clock, SamplePublisher samples, RunEventPublisher events,
      HttpTransport.Factory transports, LoadgenMetrics metrics, LoadRun.Settings settings) {
    this.generatorId = generatorId;
    this.clock = clock;
    this.samples = samples;
    this.events = events;
    this.transports = transports;
    this.metrics = metrics;
    this.settings = settings;
  }

  public String generatorId() {
    return generatorId;
  }

  /**
   * Starts a run.
   *
   * @throws RunConflictException if a run with this id is known here
   */
  public RunStatus start(ValidPlan plan) {
    LoadRun run;
    synchronized (runs) {
      if (!running) {
        throw new ShuttingDownException();
      }
      if (known(plan.runId())) {
        throw new RunConflictException("run " + plan.runId() + " already exists on this generator");
      }
      evictEnded();
      run = new LoadRun(plan, generatorId, clock, samples, events, transports, metrics, settings);
      runs.put(plan.runId(), run);
    }
    run.start();
    log.info("Run {} '{}' started against {} ({} scenario(s), {} ms, peak concurrency {})", plan.runId(), plan.name(),
        plan.targetBaseUrl(), plan.scenarios().size(), plan.plannedDurationMs(), plan.peakConcurrency());
    return run.status();
  }

  /**
   * Starts this generator's share of a distributed run, at most once per run and shard.
   *
   * @param plan the whole run's plan (already carrying the run's id)
   * @return the shard's status; empty when this shard is already known here (a redelivered record)
   */
  Optional<RunStatus> startShard(ValidPlan plan, Shard shard) {
    String key = shardKey(plan.runId(), shard);
    LoadRun run;
    synchronized (runs) {
      if (!running) {
        throw new ShuttingDownException();
      }
      if (runs.containsKey(key)) {
        return Optional.empty();
      }
      if (runs.containsKey(plan.runId())) {
        throw new RunConflictException("run " + plan.runId() + " already exists on this generator");
      }
      evictEnded();
      run = new LoadRun(PlanShards.split(plan, shard), shard.generatorId(generatorId), shard, clock, samples, events,
          transports, metrics, settings);
      runs.put(key, run);
    }
    run.start();
    log.info("Run {} shard {}/{} started against {} ({} ms)", plan.runId(), shard.index(), shard.count(),
        plan.targetBaseUrl(), plan.plannedDurationMs());
    return Optional.of(run.status());
  }

  /** Records a distributed run accepted here; the conflict check covers runs and shards known here. */
  void submitted(String runId, int shardCount) {
    synchronized (runs) {
      if (known(runId)) {
        throw new RunConflictException("run " + runId + " already exists on this generator");
      }
      submitted.put(runId, shardCount);
    }
  }

  /** Shard count of a distributed run submitted through this instance or with a shard here; null otherwise. */
  public @Nullable Integer shardCount(String runId) {
    synchronized (runs) {
      Integer count = submitted.get(runId);
      if (count != null) {
        return count;
      }
      return shardsOf(runId).stream().map(run -> run.shard().count()).findFirst().orElse(null);
    }
  }

  boolean abortRequested(String runId) {
    synchronized (runs) {
      return abortRequested.containsKey(runId);
    }
  }

  /** The whole run, or for a distributed run the lowest-numbered shard executing here. */
  public Optional<LoadRun> find(String runId) {
    synchronized (runs) {
      LoadRun whole = runs.get(runId);
      return whole != null ? Optional.of(whole) : shardsOf(runId).stream().findFirst();
    }
  }

  /** The whole run, or every shard of it executing here. */
  public List<LoadRun> findAll(String runId) {
    synchronized (runs) {
      LoadRun whole = runs.get(runId);
      return whole != null ? List.of(whole) : shardsOf(runId);
    }
  }

  private List<LoadRun> shardsOf(String runId) {
    String prefix = runId + "/shard-";
    return runs.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getValue().shard() != null)
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparingInt(run -> run.shard().index()))
        .toList();
  }

  private boolean known(String runId) {
    return runs.containsKey(runId) || submitted.containsKey(runId) || !shardsOf(runId).isEmpty();
  }

  private static String shardKey(String runId, Shard shard) {
    return runId + "/shard-" + shard.index();
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED_RUN_IDS;
      }
    };
  }

  public List<RunStatus> statuses() {
    List<LoadRun> snapshot;
    synchronized (runs) {
      snapshot = new ArrayList<>(runs.values());
    }
    return snapshot.stream().map(LoadRun::status).toList();
  }

  /**
   * Aborts a run, or every shard of it, executed here if still going (an abort request for another
   * generator's run, or for an ended run, aborts nothing here), and remembers the request so a shard of the run
   * consumed later is not started.
   *
   * @return whether this call aborted anything
   */
  public boolean abortIfRunning(String runId, String reason) {
    synchronized (runs) {
      abortRequested.put(runId, Boolean.TRUE);
    }
    boolean aborted = false;
    for (LoadRun run : findAll(runId)) {
      aborted |= run.abort(reason);
    }
    return aborted;
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

  /** Starts taking runs. */
  public void open() {
    running = true;
  }

  /**
   * Takes no more runs, aborts those still going and waits up to {@value #SHUTDOWN_WAIT_SECONDS} s for them to
   * publish their end.
   */
  public void shutDown() {
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

  /** Whether runs are taken: between {@link #open} and {@link #shutDown}. */
  public boolean isOpen() {
    return running;
  }
}
