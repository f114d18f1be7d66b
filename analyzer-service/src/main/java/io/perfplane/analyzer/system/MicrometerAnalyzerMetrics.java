package io.perfplane.analyzer.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.analyzer.capacity.CapacityEstimate;
import io.perfplane.analyzer.stream.AnalyzerMetrics;
import io.perfplane.analyzer.stream.MeasurementSeries;
import io.perfplane.analyzer.window.WindowStats;

/**
 * Prometheus metrics of the topology. Cardinality is bounded: the indicator tag has five values, endpoints are capped
 * by {@link EndpointLabels} (overflow bucket {@code _overflow}), and a {@code run} tag is only on the series of
 * <em>active</em> runs, plus the capacity of the last {@value #FINALIZED_RUNS_KEPT} finalized runs.
 *
 * <p>Live series of an active run, removed from the registry when the run is finalized (Prometheus keeps what it
 * scraped before): {@code perfplane.analyzer.window.*{run,endpoint,window}} (window {@code 10s}), each endpoint's
 * latest evaluated trailing window ({@code window.measurement.ms} also by {@code measurement}, at most 32 names a
 * run), and {@code perfplane.analyzer.slo.breach.open{run,slo,endpoint}}, 1 while a breach
 * of that SLO is open and 0 once resolved. The overflow bucket shows the most recently evaluated endpoint beyond the
 * cap; {@code perfplane.analyzer.endpoints.overflowed} counts those endpoints.
 *
 * <p>A finalized run's capacity ({@code perfplane.analyzer.run.capacity.*{run}}) is a point-in-time result that only
 * exists after the live series are gone: it stays exported for the {@value #FINALIZED_RUNS_KEPT} most recently
 * finalized runs, the oldest dropped first.
 */
final class MicrometerAnalyzerMetrics implements AnalyzerMetrics {

  static final String WINDOW = "10s";
  /** Finalized runs whose capacity gauges stay exported. */
  static final int FINALIZED_RUNS_KEPT = 10;

  private final MeterRegistry registry;
  private final EndpointLabels labels;
  private final Counter samples;
  private final Counter late;
  private final Counter runsFinalized;
  private final Counter measurementsInvalid;
  private final Counter measurementsOverNames;
  private final Map<String, Counter> breachesOpened = new ConcurrentHashMap<>();
  /** Live meters per active run; guarded by {@code this}. */
  private final Map<String, RunMeters> active = new HashMap<>();
  /** Capacity meters per finalized run, oldest first; guarded by {@code this}. */
  private final Map<String, List<Meter>> finalized = new LinkedHashMap<>();

  /** The meters of one active run: what to remove when it is finalized. */
  private static final class RunMeters {
    final Map<String, AtomicReference<WindowStats>> endpoints = new HashMap<>();
    /** By measurement name and endpoint label. */
    final Map<String, AtomicReference<WindowStats>> measurements = new HashMap<>();
    final Map<String, AtomicInteger> breaches = new HashMap<>();
    final List<Meter> meters = new ArrayList<>();
  }

  MicrometerAnalyzerMetrics(MeterRegistry registry, int endpointLabelCap) {
    this.registry = registry;
    this.labels = new EndpointLabels(endpointLabelCap);
    this.samples = Counter.builder("perfplane.analyzer.samples.consumed")
        .description("Request samples aggregated").register(registry);
    this.late = Counter.builder("perfplane.analyzer.samples.late")
        .description("Samples that arrived after their second was evaluated (counted in whole-run figures only)")
        .register(registry);
    this.runsFinalized = Counter.builder("perfplane.analyzer.runs.finalized")
        .description("Runs finalized with a published capacity").register(registry);
    this.measurementsInvalid = Counter.builder("perfplane.analyzer.measurements.skipped").tag("reason", "invalid")
        .description("Named measurements not recorded: unknown kind, NaN, negative or out of range, or the run's"
            + " measurement names at their cap").register(registry);
    this.measurementsOverNames = Counter.builder("perfplane.analyzer.measurements.skipped")
        .tag("reason", "too_many_names").register(registry);
    Gauge.builder("perfplane.analyzer.endpoints.overflowed", labels, EndpointLabels::overflowedCount)
        .description("Distinct endpoints reported under the _overflow label").register(registry);
  }

  @Override
  public void sampleConsumed() {
    samples.increment();
  }

  @Override
  public void lateSample() {
    late.increment();
  }

  @Override
  public void measurementSkipped(String reason) {
    (reason.equals("invalid") ? measurementsInvalid : measurementsOverNames).increment();
  }

  @Override
  public synchronized void windowObserved(String runId, String endpoint, WindowStats stats) {
    String label = labels.label(endpoint);
    RunMeters run = active.computeIfAbsent(runId, id -> new RunMeters());
    run.endpoints.computeIfAbsent(label, l -> register(runId, l, run.meters)).set(stats);
  }

  @Override
  public synchronized void measurementWindowObserved(String runId, String endpoint, String measurement,
      WindowStats stats) {
    String label = labels.label(endpoint);
    RunMeters run = active.computeIfAbsent(runId, id -> new RunMeters());
    run.measurements.computeIfAbsent(measurement + '\n' + label,
        key -> registerMeasurement(runId, label, measurement, run.meters)).set(stats);
  }

  /**
   * {@code perfplane.analyzer.window.measurement.ms{run,endpoint,measurement,window,stat}} for a duration, or
   * {@code perfplane.analyzer.window.checks.pass.rate{run,endpoint,window}} for the check outcomes.
   */
  private AtomicReference<WindowStats> registerMeasurement(String runId, String label, String measurement,
      List<Meter> meters) {
    AtomicReference<WindowStats> ref = new AtomicReference<>();
    if (measurement.equals(MeasurementSeries.CHECKS)) {
      meters.add(gauge(ref, "perfplane.analyzer.window.checks.pass.rate", runId, label, s -> 1 - s.errorRate(),
          "Passed check outcomes / all check outcomes, 0..1"));
      return ref;
    }
    for (String stat : List.of("p50", "p95", "p99")) {
      ToDoubleFunction<WindowStats> f = switch (stat) {
        case "p50" -> WindowStats::p50Ms;
        case "p95" -> WindowStats::p95Ms;
        default -> WindowStats::p99Ms;
      };
      meters.add(Gauge.builder("perfplane.analyzer.window.measurement.ms", ref, r -> value(r, f))
          .description("A named duration measurement (server_timing.<name>, ...; ms) over the trailing window")
          .tag("run", runId).tag("endpoint", label).tag("measurement", measurement).tag("window", WINDOW)
          .tag("stat", stat).register(registry));
    }
    return ref;
  }

  private AtomicReference<WindowStats> register(String runId, String label, List<Meter> meters) {
    AtomicReference<WindowStats> ref = new AtomicReference<>();
    latency(ref, runId, label, "p50", WindowStats::p50Ms, meters);
    latency(ref, runId, label, "p90", WindowStats::p90Ms, meters);
    latency(ref, runId, label, "p95", WindowStats::p95Ms, meters);
    latency(ref, runId, label, "p99", WindowStats::p99Ms, meters);
    latency(ref, runId, label, "p99.9", WindowStats::p999Ms, meters);
    latency(ref, runId, label, "max", WindowStats::maxMs, meters);
    latency(ref, runId, label, "mean", WindowStats::meanMs, meters);
    meters.add(gauge(ref, "perfplane.analyzer.window.rps", runId, label, WindowStats::rps, "Requests per second"));
    meters.add(gauge(ref, "perfplane.analyzer.window.error.rate", runId, label, WindowStats::errorRate,
        "Error ratio 0..1"));
    return ref;
  }

  private void latency(AtomicReference<WindowStats> ref, String runId, String label, String stat,
      ToDoubleFunction<WindowStats> f, List<Meter> meters) {
    meters.add(Gauge.builder("perfplane.analyzer.window.latency.ms", ref, r -> value(r, f))
        .description("Latency (ms, coordinated-omission corrected) over the trailing window").tag("run", runId)
        .tag("endpoint", label).tag("window", WINDOW).tag("stat", stat).register(registry));
  }

  private Gauge gauge(AtomicReference<WindowStats> ref, String name, String runId, String label,
      ToDoubleFunction<WindowStats> f, String description) {
    return Gauge.builder(name, ref, r -> value(r, f)).description(description).tag("run", runId)
        .tag("endpoint", label).tag("window", WINDOW).register(registry);
  }

  private static double value(AtomicReference<WindowStats> ref, ToDoubleFunction<WindowStats> f) {
    WindowStats stats = ref.get();
    return stats == null ? Double.NaN : f.applyAsDouble(stats);
  }

  @Override
  public synchronized void breachOpened(String runId, String sloId, String endpoint, String indicator) {
    breachesOpened.computeIfAbsent(indicator, key -> Counter.builder("perfplane.analyzer.breaches.opened")
        .description("SLO breaches opened").tag("indicator", key).register(registry)).increment();
    RunMeters run = active.computeIfAbsent(runId, id -> new RunMeters());
    run.breaches.computeIfAbsent(sloId + '\n' + endpoint, key -> {
      AtomicInteger open = new AtomicInteger();
      run.meters.add(Gauge.builder("perfplane.analyzer.slo.breach.open", open, AtomicInteger::get)
          .description("1 while a breach of the SLO is open on the active run, 0 once resolved")
          .tag("run", runId).tag("slo", sloId).tag("endpoint", endpoint).register(registry));
      return open;
    }).set(1);
  }

  @Override
  public synchronized void breachResolved(String runId, String sloId, String endpoint) {
    RunMeters run = active.get(runId);
    AtomicInteger open = run == null ? null : run.breaches.get(sloId + '\n' + endpoint);
    if (open != null) {
      open.set(0);
    }
  }

  @Override
  public synchronized void runClosed(String runId) {
    RunMeters run = active.remove(runId);
    if (run != null) {
      run.meters.forEach(registry::remove);
    }
  }

  @Override
  public synchronized void runFinalized(String runId, CapacityEstimate estimate) {
    runsFinalized.increment();
    List<Meter> meters = finalized.remove(runId);
    if (meters != null) {
      meters.forEach(registry::remove); // a replayed finalization: its figures replace the earlier ones
    }
    String kind = estimate.kind().name().toLowerCase(Locale.ROOT);
    finalized.put(runId, List.of(
        capacity("perfplane.analyzer.run.capacity.rps", runId, kind, estimate.maxSustainedRps(),
            "Capacity of the finalized run: the highest throughput (req/s) that held the SLOs, or its bound"),
        capacity("perfplane.analyzer.run.capacity.concurrency", runId, kind, estimate.concurrencyAtSlo(),
            "Requests in flight at the capacity of the finalized run"),
        capacity("perfplane.analyzer.run.capacity.p95.ms", runId, kind, estimate.p95AtCapacityMs(),
            "p95 latency (ms) at the capacity of the finalized run")));
    Iterator<List<Meter>> oldest = finalized.values().iterator();
    while (finalized.size() > FINALIZED_RUNS_KEPT) {
      oldest.next().forEach(registry::remove);
      oldest.remove();
    }
  }

  private Meter capacity(String name, String runId, String kind, double value, String description) {
    return Gauge.builder(name, () -> value).description(description).tag("run", runId).tag("kind", kind)
        .register(registry);
  }
}
