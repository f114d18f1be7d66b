package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.http.HttpTransports;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.RequestSample;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.ValidPlan;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timing fidelity (wrk2's coordinated-omission experiment): an open model at a fixed rate against a local server
 * that stalls once for one second. Every request intended during the stall waits for its end, so with rate R over
 * T seconds a fraction 1/T of the requests has latencies spread uniformly over (0, 1 s]: the analytic percentile q
 * (in the tail, 1 - q &lt; 1/T) is {@code stall · (1 − (1 − q)·T)} plus the normal service time. Prints corrected
 * ({@code latencyUs}, from the intended start) and raw ({@code serviceTimeUs}) percentiles beside those values.
 */
@Tag("benchmark")
class LoadgenTimingFidelityBenchmark {

  @Test
  void oneSecondStallAtAFixedRate() throws Exception {
    int rate = Integer.getInteger("bench.rate", 200);
    int seconds = Integer.getInteger("bench.seconds", 10);
    long stallMs = 1_000;
    long stallAfterMs = seconds * 1_000L / 3;
    AtomicLong firstRequest = new AtomicLong();
    AtomicLong stallEnd = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      long now = System.nanoTime();
      firstRequest.compareAndSet(0, now);
      if (now - firstRequest.get() >= stallAfterMs * 1_000_000) {
        stallEnd.compareAndSet(0, now + stallMs * 1_000_000); // the one stall starts with this request
      }
      long until = stallEnd.get();
      if (until != 0 && now < until) {
        try {
          Thread.sleep(Duration.ofNanos(until - now));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    List<RequestSample> samples = Collections.synchronizedList(new ArrayList<>());
    try {
      PlanValidator validator = new PlanValidator(new PlanValidator.Limits(new TargetAllowList(List.of("127.0.0.1:*")),
          10_000, Duration.ofHours(1)), () -> "fidelity");
      ValidPlan plan = new DefinitionReader(validator).read("""
          name: fidelity
          targetService: stalling-server
          targetBaseUrl: http://127.0.0.1:%d
          scenarios:
            - name: fixed-rate
              workload: {executor: constant-arrival-rate, rate: %d, duration: %ds, maxConcurrency: %d}
              steps: [{name: GET /, path: /}]
          """.formatted(server.getAddress().getPort(), rate, seconds, rate * 3), DefinitionReader.Format.YAML);
      LoadRun run = new LoadRun(plan, "bench", Clock.systemUTC(), new SamplePublisher() {
        @Override
        public void offer(RequestSample sample, RunCounters counters) {
          samples.add(sample);
          counters.published();
        }

        @Override
        public boolean flush(RunCounters counters, Duration timeout) {
          return true;
        }
      }, new InMemoryRunEvents(), new HttpTransports(), new LoadgenMetrics(new SimpleMeterRegistry()),
          new LoadRun.Settings(Duration.ofMillis(100), Duration.ofSeconds(10)));
      run.start();
      if (!run.awaitEnd(Duration.ofSeconds(seconds + 60))) {
        throw new AssertionError("fidelity run did not end");
      }
      Histogram corrected = new Histogram(3_600_000_000L, 3);
      Histogram raw = new Histogram(3_600_000_000L, 3);
      Histogram lag = new Histogram(3_600_000_000L, 3);
      for (RequestSample s : samples) {
        corrected.recordValue(s.getLatencyUs());
        raw.recordValue(s.getServiceTimeUs());
        lag.recordValue(s.getActualStartUs() - s.getIntendedStartUs());
      }
      double baseMs = raw.getValueAtPercentile(50) / 1_000.0;
      double analyticP99 = stallMs * (1 - 0.01 * seconds) + baseMs;
      double analyticP999 = stallMs * (1 - 0.001 * seconds) + baseMs;
      System.out.printf("== timing fidelity: rate=%d/s duration=%ds stall=%dms requests=%d dropped=%d "
              + "median=%.1fms send-lag p99=%.2fms max=%.2fms%n", rate, seconds, stallMs, samples.size(),
          run.status().droppedIterations(), baseMs, lag.getValueAtPercentile(99) / 1_000.0, lag.getMaxValue() / 1_000.0);
      System.out.printf("== corrected (latencyUs)  p99=%.1fms p99.9=%.1fms max=%.1fms%n",
          corrected.getValueAtPercentile(99) / 1_000.0, corrected.getValueAtPercentile(99.9) / 1_000.0,
          corrected.getMaxValue() / 1_000.0);
      System.out.printf("== raw (serviceTimeUs)    p99=%.1fms p99.9=%.1fms max=%.1fms%n",
          raw.getValueAtPercentile(99) / 1_000.0, raw.getValueAtPercentile(99.9) / 1_000.0, raw.getMaxValue() / 1_000.0);
      System.out.printf("== analytic               p99=%.1fms p99.9=%.1fms max=%.1fms%n", analyticP99, analyticP999,
          stallMs + baseMs);
    } finally {
      server.stop(0);
    }
  }
}
