package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.kafka.KafkaSamplePublisher;
import io.perfplane.loadgen.kafka.SampleSerializer;
import io.perfplane.loadgen.http.HttpTransports;
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
 * Closed-model throughput: 64 virtual users, no think time, against {@code -Dbench.target} (nginx on loopback in
 * bench/loadgen-service-throughput.sh), every sample published to an in-process broker through the production
 * producer settings. Prints one parseable line. {@code -Dbench.http=2} speaks h2c with prior knowledge instead of
 * HTTP/1.1, all users multiplexed over {@code -Dbench.h2Connections} connections (default 1): the HTTP/2 row.
 */
@Tag("benchmark")
class LoadgenThroughputBenchmark {

  @Test
  void closedModelThroughput() throws Exception {
    String target = System.getProperty("bench.target", "http://127.0.0.1:8080");
    int vus = Integer.getInteger("bench.vus", 64);
    long seconds = Long.getLong("bench.seconds", 10);
    long warmupSeconds = Long.getLong("bench.warmupSeconds", 0);
    String http = System.getProperty("bench.http", "1.1");
    int h2Connections = Integer.getInteger("bench.h2Connections", 1);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(List.of(new NewTopic(Topics.REQUEST_SAMPLES.name(), Topics.REQUEST_SAMPLES.partitions(),
          (short) 1)));
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      KafkaSamplePublisher.tune(config); // exactly the production sample producer settings
      LoadgenMetrics metrics = new LoadgenMetrics(new SimpleMeterRegistry());
      KafkaSamplePublisher samples = new KafkaSamplePublisher(new KafkaProducer<>(config,
          Topics.REQUEST_SAMPLES.keySerde().serializer(), new SampleSerializer()),
          metrics, 65_536);
      samples.start();
      try {
        PlanValidator validator = new PlanValidator(new PlanValidator.Limits(new TargetAllowList(List.of("127.0.0.1:*")),
            10_000, Duration.ofHours(1)), () -> "bench");
        SamplePublisher publisher = Boolean.getBoolean("bench.noKafka") ? new SamplePublisher() {
          @Override
          public void offer(io.perfplane.contracts.RequestSample sample, RunCounters counters) {
            counters.published();
          }

          @Override
          public boolean flush(RunCounters counters, Duration timeout) {
            return true;
          }
        } : samples;
        if (warmupSeconds > 0) {
          // Unmeasured: lets the JIT compile the request path, as a long-running generator would have it.
          LoadRun warmup = run(plan(validator, target, vus, warmupSeconds, http, h2Connections), publisher,
              metrics);
          warmup.start();
          if (!warmup.awaitEnd(Duration.ofSeconds(warmupSeconds + 90))) {
            throw new AssertionError("warm-up run did not end");
          }
        }
        LoadRun run = run(plan(validator, target, vus, seconds, http, h2Connections), publisher, metrics);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long allocatedBefore = threads.getTotalThreadAllocatedBytes();
        long switchesBefore = contextSwitches();
        run.start();
        if (!run.awaitEnd(Duration.ofSeconds(seconds + 90))) {
          throw new AssertionError("benchmark run did not end");
        }
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
        long switches = contextSwitches() - switchesBefore;
        RunStatus status = run.status();
        double rps = status.requests() * 1_000.0 / status.elapsedMs();
        // CPU and allocation per request (generator, producer and in-process broker together) are the figures to
        // compare while optimising on a busy machine: unlike req/s they hardly depend on what the neighbours leave us.
        System.out.printf("== loadgen throughput: http=%s warmupSeconds=%d requests=%d errors=%d elapsedMs=%d rps=%.0f "
                + "samplesPublished=%d samplesDropped=%d samplesFailed=%d cpuUsPerRequest=%.1f "
                + "allocatedBytesPerRequest=%.0f contextSwitchesPerRequest=%.2f%n", http, warmupSeconds, status.requests(), status.errors(),
            status.elapsedMs(), rps, status.samplesPublished(), status.samplesDropped(), status.samplesFailed(),
            cpuNanos / 1_000.0 / Math.max(1, status.requests()), (double) allocated / Math.max(1, status.requests()),
            (double) switches / Math.max(1, status.requests()));
      } finally {
        samples.stop();
      }
    }
  }

  /**
   * Context switches of all this JVM's OS threads so far (Linux /proc; -1 elsewhere): every park of a carrier,
   * poller or publisher thread is one, and unlike CPU time per request their count per request hardly depends on
   * how busy the machine's other tenants are. Threads that ended in between are missed, which the steady-state
   * benchmark does not have.
   */
  private static long contextSwitches() {
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
    if (!java.nio.file.Files.isDirectory(tasks)) {
      return -1;
    }
    long total = 0;
    try (java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(tasks)) {
      for (java.nio.file.Path task : list.toList()) {
        try {
          for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
              total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (java.io.IOException e) {
          // the thread ended while listing
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return total;
  }

  private static ValidPlan plan(PlanValidator validator, String target, int vus, long seconds, String http,
      int h2Connections) {
    String section = http.equals("2") ? "http: {version: 2, maxConnections: " + h2Connections + "}" : "";
    return new DefinitionReader(validator).read("""
        name: throughput
        targetService: nginx
        targetBaseUrl: %s
        %s
        scenarios:
          - name: hammer
            workload:
              executor: ramping-vus
              stages: [{duration: 1ms, target: %d}, {duration: %ds, target: %d}]
            steps: [{name: GET /, path: /}]
        """.formatted(target, section, vus, seconds, vus), DefinitionReader.Format.YAML);
  }

  private static LoadRun run(ValidPlan plan, SamplePublisher publisher, LoadgenMetrics metrics) {
    return new LoadRun(plan, "bench", Clock.systemUTC(), publisher,
        new InMemoryRunEvents(), new HttpTransports(), metrics,
        new LoadRun.Settings(Duration.ofMillis(100), Duration.ofSeconds(60)));
  }
}
