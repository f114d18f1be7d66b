package io.perfplane.loadgen.engine;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.contracts.ErrorKind;

/**
 * Prometheus-facing meters of this generator, across all runs: {@code perfplane_loadgen_vus_active},
 * {@code perfplane_loadgen_requests_total{outcome}} and {@code perfplane_loadgen_samples_{published,dropped,failed}_total}.
 * Run ids are deliberately not tags: they would grow the series count without bound.
 */
public final class LoadgenMetrics {

  private final AtomicInteger activeVus = new AtomicInteger();
  private final Map<ErrorKind, Counter> requests = new EnumMap<>(ErrorKind.class);
  private final Counter published;
  private final Counter dropped;
  private final Counter failed;

  public LoadgenMetrics(MeterRegistry registry) {
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
}
