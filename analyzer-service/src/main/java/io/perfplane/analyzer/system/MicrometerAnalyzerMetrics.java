package io.perfplane.analyzer.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.analyzer.stream.AnalyzerMetrics;

/**
 * Prometheus counters of the topology. Tags are bounded: the indicator tag has five possible values, run ids and
 * endpoints are never tags.
 */
final class MicrometerAnalyzerMetrics implements AnalyzerMetrics {

  private final MeterRegistry registry;
  private final Counter samples;
  private final Counter runsFinalized;
  private final Map<String, Counter> breachesOpened = new ConcurrentHashMap<>();

  MicrometerAnalyzerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.samples = Counter.builder("perfplane.analyzer.samples.consumed")
        .description("Request samples aggregated").register(registry);
    this.runsFinalized = Counter.builder("perfplane.analyzer.runs.finalized")
        .description("Runs finalized with a published capacity").register(registry);
  }

  @Override
  public void sampleConsumed() {
    samples.increment();
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
