package io.perfplane.analyzer.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.analyzer.stream.AnalyzerMetrics;
import io.perfplane.analyzer.window.WindowStats;

/**
 * Prometheus metrics of the topology. Cardinality is bounded: the indicator tag has five values, run ids are never
 * tags, endpoints are capped by {@link EndpointLabels} (overflow bucket {@code _overflow}).
 *
 * <p>Live gauges ({@code perfplane.analyzer.window.*}, window {@code 10s}) show each endpoint's latest evaluated
 * trailing window; with several active runs the most recently evaluated run wins. The overflow bucket shows the most
 * recently evaluated endpoint beyond the cap; {@code perfplane.analyzer.endpoints.overflowed} counts those endpoints.
 */
final class MicrometerAnalyzerMetrics implements AnalyzerMetrics {

  static final String WINDOW = "10s";

  private final MeterRegistry registry;
  private final EndpointLabels labels;
  private final Counter samples;
  private final Counter late;
  private final Counter runsFinalized;
  private final Map<String, Counter> breachesOpened = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<WindowStats>> live = new ConcurrentHashMap<>();

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
  public void windowObserved(String runId, String endpoint, WindowStats stats) {
    String label = labels.label(endpoint);
    live.computeIfAbsent(label, this::register).set(stats);
  }

  private AtomicReference<WindowStats> register(String label) {
    AtomicReference<WindowStats> ref = new AtomicReference<>();
    latency(ref, label, "p50", WindowStats::p50Ms);
    latency(ref, label, "p90", WindowStats::p90Ms);
    latency(ref, label, "p95", WindowStats::p95Ms);
    latency(ref, label, "p99", WindowStats::p99Ms);
    latency(ref, label, "p99.9", WindowStats::p999Ms);
    latency(ref, label, "max", WindowStats::maxMs);
    latency(ref, label, "mean", WindowStats::meanMs);
    gauge(ref, "perfplane.analyzer.window.rps", label, WindowStats::rps, "Requests per second");
    gauge(ref, "perfplane.analyzer.window.error.rate", label, WindowStats::errorRate, "Error ratio 0..1");
    return ref;
  }

  private void latency(AtomicReference<WindowStats> ref, String label, String stat, ToDoubleFunction<WindowStats> f) {
    Gauge.builder("perfplane.analyzer.window.latency.ms", ref, r -> value(r, f))
        .description("Latency (ms) over the trailing window").tag("endpoint", label).tag("window", WINDOW)
        .tag("stat", stat).register(registry);
  }

  private void gauge(AtomicReference<WindowStats> ref, String name, String label, ToDoubleFunction<WindowStats> f,
      String description) {
    Gauge.builder(name, ref, r -> value(r, f)).description(description).tag("endpoint", label)
        .tag("window", WINDOW).register(registry);
  }

  private static double value(AtomicReference<WindowStats> ref, ToDoubleFunction<WindowStats> f) {
    WindowStats stats = ref.get();
    return stats == null ? Double.NaN : f.applyAsDouble(stats);
  }

  @Override
  public void breachOpened(String indicator) {
    breachesOpened.computeIfAbsent(indicator, key -> Counter.builder("perfplane.analyzer.breaches.opened")
        .description("SLO breaches opened").tag("indicator", key).register(registry)).increment();
  }

  @Override
  public void runFinalized() {
    runsFinalized.increment();
  }
}
