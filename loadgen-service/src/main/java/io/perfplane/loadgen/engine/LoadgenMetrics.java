package io.perfplane.loadgen.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.contracts.ErrorKind;

/**
 * Prometheus-facing meters of this generator, across all runs: {@code perfplane_loadgen_vus_active},
 * {@code perfplane_loadgen_requests_total{outcome}} and {@code perfplane_loadgen_samples_{published,dropped,failed}_total}.
 * Run ids are not tags of these; the per-run series ({@link #registerRun}) exist only while their run is active, so
 * the series count stays bounded by the concurrent runs.
 */
public final class LoadgenMetrics {

  private final AtomicInteger activeVus = new AtomicInteger();
  private final Map<ErrorKind, Counter> requests = new EnumMap<>(ErrorKind.class);
  private final Counter published;
  private final Counter dropped;
  private final Counter failed;
  private final Counter serverTimingsSkipped;
  private final MeterRegistry registry;

  public LoadgenMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("perfplane.loadgen.vus.active", activeVus, AtomicInteger::get)
        .description("Virtual users currently running, all runs").register(registry);
    for (ErrorKind kind : ErrorKind.values()) {
      requests.put(kind, Counter.builder("perfplane.loadgen.requests")
          .description("HTTP requests completed, by outcome (none = success, else the error kind)")
          .tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(registry));
    }
    published = Counter.builder("perfplane.loadgen.samples.published")
        .description("Request samples acknowledged by Kafka").register(registry);
    dropped = Counter.builder("perfplane.loadgen.samples.dropped")
        .description("Request samples discarded because the publish buffer was full").register(registry);
    failed = Counter.builder("perfplane.loadgen.samples.failed")
        .description("Request samples Kafka refused or could not take").register(registry);
    serverTimingsSkipped = Counter.builder("perfplane.loadgen.server.timings.skipped")
        .description("Server-Timing entries without a duration or malformed, and configured timing headers whose"
            + " value is not a number: skipped, the request still counts").register(registry);
  }

  void vuStarted() {
    activeVus.incrementAndGet();
  }

  void vuStopped() {
    activeVus.decrementAndGet();
  }

  void request(ErrorKind outcome) {
    requests.get(outcome).increment();
  }

  public void samplePublished() {
    published.increment();
  }

  public void sampleDropped() {
    dropped.increment();
  }

  public void sampleFailed() {
    failed.increment();
  }

  void serverTimingsSkipped(int count) {
    serverTimingsSkipped.increment(count);
  }

  /**
   * Registers the live series of one run, tagged {@code run}: {@code perfplane_loadgen_run_vus} (busy users: virtual
   * users plus open iterations in flight), {@code perfplane_loadgen_run_vus_target},
   * {@code perfplane_loadgen_run_arrival_rate} (target iterations/s of the open scenarios),
   * {@code perfplane_loadgen_run_requests_total}, {@code perfplane_loadgen_run_errors_total} and
   * {@code perfplane_loadgen_run_iterations_dropped_total}. The caller removes them with {@link RunMeters#remove()}
   * when the run ends, so only active runs have series.
   */
  RunMeters registerRun(String runId, LoadRun run) {
    List<Meter> meters = List.of(
        Gauge.builder("perfplane.loadgen.run.vus", run, LoadRun::activeUsers)
            .description("Virtual users running plus open iterations in flight, this run").tag("run", runId)
            .strongReference(true).register(registry),
        Gauge.builder("perfplane.loadgen.run.vus.target", run, LoadRun::targetVus)
            .description("Target virtual users of the closed scenarios, this run").tag("run", runId)
            .strongReference(true).register(registry),
        Gauge.builder("perfplane.loadgen.run.arrival.rate", run, LoadRun::targetRate)
            .description("Target arrival rate (iterations/s) of the open scenarios, this run").tag("run", runId)
            .strongReference(true).register(registry),
        FunctionCounter.builder("perfplane.loadgen.run.requests", run, r -> r.totals().requests())
            .description("HTTP requests completed, this run").tag("run", runId).register(registry),
        FunctionCounter.builder("perfplane.loadgen.run.errors", run, r -> r.totals().errors())
            .description("HTTP requests that failed, this run").tag("run", runId).register(registry),
        FunctionCounter.builder("perfplane.loadgen.run.iterations.dropped", run, LoadRun::droppedIterations)
            .description("Iterations due but not started (concurrency bound reached), this run").tag("run", runId)
            .register(registry));
    return () -> meters.forEach(registry::remove);
  }

  /** The live series of one run. */
  @FunctionalInterface
  interface RunMeters {

    /** Removes the run's series from the registry. */
    void remove();
  }
}
