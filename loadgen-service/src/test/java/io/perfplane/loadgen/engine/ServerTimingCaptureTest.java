package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.http.HttpTransports;
import io.perfplane.loadgen.plan.PlanValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server timings and check outcomes through the real HTTP client into the samples: a target answering
 * {@code Server-Timing} (a malformed entry every other response) and {@code X-Db-Query-Duration}.
 */
class ServerTimingCaptureTest {

  private final List<RequestSample> samples = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryRunEvents events = new InMemoryRunEvents();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger served = new AtomicInteger();
  private final HttpServer server;

  ServerTimingCaptureTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      try (exchange) {
        int n = served.incrementAndGet();
        exchange.getResponseHeaders().add("Server-Timing", "db;dur=2.5, app;dur=1" + (n % 2 == 0 ? ", bad;dur=x" : ""));
        exchange.getResponseHeaders().add("Server-Timing", "db;dur=0.5;desc=\"replica\"");
        exchange.getResponseHeaders().add("X-Render-Duration", "0.004");
        byte[] body = (n % 2 == 0 ? "even" : "odd").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RunStatus run(String extra) throws InterruptedException {
    String yaml = """
        name: timings
        targetService: s
        targetBaseUrl: http://127.0.0.1:%d
        scenarios:
          - name: a
            workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 1}, {duration: 400ms, target: 1}]}
            thinkTime: {constant: 5ms}
            steps:
              - name: GET /a
                path: /a
                checks: [{status: [200]}, {bodyContains: even}]
        """.formatted(server.getAddress().getPort()) + extra;
    var plan = new DefinitionReader(new PlanValidator(new PlanValidator.Limits(
        new TargetAllowList(List.of("127.0.0.1:*")), 100, Duration.ofMinutes(5)), () -> "run-1"))
        .read(yaml, DefinitionReader.Format.YAML);
    LoadRun run = new LoadRun(plan, "gen-1", Clock.systemUTC(), new SamplePublisher() {
      @Override
      public void offer(RequestSample sample, RunCounters counters) {
        samples.add(sample);
        counters.published();
      }

      @Override
      public boolean flush(RunCounters counters, Duration timeout) {
        return counters.settled();
      }
    }, events, new HttpTransports(), new LoadgenMetrics(registry),
        new LoadRun.Settings(Duration.ofMillis(20), Duration.ofSeconds(5)));
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(20))).isTrue();
    return run.status();
  }

  private static Measurement us(String name, double micros) {
    return new Measurement(name, micros, MeasurementKind.DURATION_US);
  }

  @Test
  void everySampleCarriesItsServerTimingsInMicrosAndItsCheckOutcomes() throws Exception {
    RunStatus status = run("""
        serverTimings: [{header: X-Render-Duration, name: render, unit: s}]
        """);

    assertThat(samples).hasSizeGreaterThan(4);
    assertThat(samples).allSatisfy(s -> {
      assertThat(s.getMeasurements()).containsExactly(us("server_timing.render", 4_000),
          us("server_timing.db", 3_000), us("server_timing.app", 1_000));
      assertThat(s.getTtfbUs()).isNotNull().isPositive();
    });
    // The status check passes everywhere; the body check only on even responses, which fail the request.
    List<RequestSample> failed = samples.stream().filter(s -> s.getErrorKind() == ErrorKind.CHECK_FAILED).toList();
    List<RequestSample> passed = samples.stream().filter(s -> s.getErrorKind() == ErrorKind.NONE).toList();
    assertThat(failed).isNotEmpty().allSatisfy(s -> assertThat(s.getChecks()).containsExactly(
        new CheckOutcome("status in [200]", 1, 0), new CheckOutcome("body contains 'even'", 0, 1)));
    assertThat(passed).isNotEmpty().allSatisfy(s -> assertThat(s.getChecks()).containsExactly(
        new CheckOutcome("status in [200]", 1, 0), new CheckOutcome("body contains 'even'", 1, 0)));
    // The malformed entry of every even response is skipped and counted, never failing the request on its own.
    long evenResponses = served.get() / 2;
    assertThat(status.serverTimingsSkipped()).isEqualTo(evenResponses);
    assertThat(registry.get("perfplane.loadgen.server.timings.skipped").counter().count()).isEqualTo(evenResponses);
    RunEvent finished = events.events.getLast();
    assertThat(finished.getAttributes()).containsEntry("serverTimingsSkipped", Long.toString(evenResponses));
  }

  @Test
  void serverTimingsFalseCapturesNothing() throws Exception {
    RunStatus status = run("serverTimings: false\n");

    assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.getMeasurements()).isEmpty());
    assertThat(status.serverTimingsSkipped()).isZero();
  }
}
