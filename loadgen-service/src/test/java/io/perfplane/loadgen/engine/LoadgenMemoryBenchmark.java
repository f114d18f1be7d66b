package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.kafka.KafkaSamplePublisher;
import io.perfplane.loadgen.kafka.SampleSerializer;
import io.perfplane.loadgen.http.HttpTransports;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory at scale: {@code -Dbench.vus} (10,000) closed-model users with a uniform 1-6 s think time against
 * {@code -Dbench.target} (nginx in bench/loadgen-service-memory.sh), every sample published to an in-process broker.
 * Once a second during the sustain stage it forces a full collection and reads the heap in use, so the figure is
 * live data (per-user threads, connections and buffers), not garbage waiting for a lazy collector. The broker runs
 * in the same JVM, so the baseline (heap after a full collection with broker and producer up, before the run) is
 * printed too; the run's own share is peak minus baseline. The request rate is over the sustain stage, beside the
 * expected one: every request is followed by a think time of 3.5 s on average, so users / 3.5 s. Prints one
 * parseable line.
 */
@Tag("benchmark")
class LoadgenMemoryBenchmark {

  @Test
  void tenThousandThinkingUsers() throws Exception {
    String target = System.getProperty("bench.target", "http://127.0.0.1:8080");
    int vus = Integer.getInteger("bench.vus", 10_000);
    long rampSeconds = Long.getLong("bench.rampSeconds", 20);
    long sustainSeconds = Long.getLong("bench.seconds", 30);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(List.of(new NewTopic(Topics.REQUEST_SAMPLES.name(), Topics.REQUEST_SAMPLES.partitions(),
          (short) 1)));
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      KafkaSamplePublisher.tune(config);
      LoadgenMetrics metrics = new LoadgenMetrics(new SimpleMeterRegistry());
      KafkaSamplePublisher samples = new KafkaSamplePublisher(new KafkaProducer<>(config,
          Topics.REQUEST_SAMPLES.keySerde().serializer(), new SampleSerializer()),
          metrics, 65_536);
      samples.start();
      try {
        PlanValidator validator = new PlanValidator(new PlanValidator.Limits(new TargetAllowList(List.of("127.0.0.1:*")),
            vus, Duration.ofHours(1)), () -> "bench");
        ValidPlan plan = new DefinitionReader(validator).read("""
            name: memory
            targetService: nginx
            targetBaseUrl: %s
            requestTimeout: 30s
            defaults:
              thinkTime: {uniform: {min: 1s, max: 6s}}
            scenarios:
              - name: thinking-users
                workload:
                  executor: ramping-vus
                  stages: [{duration: %ds, target: %d}, {duration: %ds, target: %d}]
                steps:
                  - {name: GET /, path: /, headers: {Accept: text/html}}
                  - {name: GET /index.html, path: /index.html}
            """.formatted(target, rampSeconds, vus, sustainSeconds, vus), DefinitionReader.Format.YAML);
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        LoadRun run = new LoadRun(plan, "bench", Clock.systemUTC(), samples,
            new InMemoryRunEvents(), new HttpTransports(), metrics,
            new LoadRun.Settings(Duration.ofMillis(100), Duration.ofSeconds(60)));
        run.start();
        long peak = 0;
        int peakVus = 0;
        long sustainStartMs = rampSeconds * 1_000;
        RunStatus sustainStart = null;
        RunStatus sustainEnd = null;
        long nextGcMs = sustainStartMs + 2_000;
        while (!run.awaitEnd(Duration.ofMillis(500))) {
          RunStatus status = run.status();
          peakVus = Math.max(peakVus, status.activeVus());
          if (status.elapsedMs() >= sustainStartMs && sustainStart == null) {
            sustainStart = status;
          }
          if (status.remainingMs() > 0) {
            sustainEnd = status;
          }
          // A full collection (no ExplicitGCInvokesConcurrent) leaves only live data; every 5 s, as each one pauses
          // the users too and would depress the request rate reported beside it.
          if (status.elapsedMs() >= nextGcMs && status.remainingMs() > 2_000) {
            nextGcMs = status.elapsedMs() + 5_000;
            System.gc();
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
          }
        }
        RunStatus status = run.status();
        double sustainedRps = sustainStart == null || sustainEnd == null
            || sustainEnd.elapsedMs() <= sustainStart.elapsedMs() ? 0
            : (sustainEnd.requests() - sustainStart.requests()) * 1_000.0
                / (sustainEnd.elapsedMs() - sustainStart.elapsedMs());
        System.out.printf("== loadgen memory: vus=%d peakVus=%d peakHeapMb=%.1f baselineHeapMb=%.1f runHeapMb=%.1f "
                + "maxHeapMb=%.0f requests=%d errors=%d rps=%.0f expectedRps=%.0f samplesPublished=%d "
                + "samplesDropped=%d samplesFailed=%d state=%s%n", vus, peakVus, peak / 1048576.0,
            baseline / 1048576.0, (peak - baseline) / 1048576.0, memory.getHeapMemoryUsage().getMax() / 1048576.0,
            status.requests(), status.errors(), sustainedRps, vus / 3.5, status.samplesPublished(),
            status.samplesDropped(), status.samplesFailed(), status.state());
      } finally {
        samples.stop();
      }
    }
  }
}
