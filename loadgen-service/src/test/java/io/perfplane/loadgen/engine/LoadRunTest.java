package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.http.HttpTransports;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.RunPlan;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.plan.ValidPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against a real HTTP server, with in-memory publishers standing in for Kafka. */
class LoadRunTest {

  private static final Instant ANCHOR = Instant.parse("2026-11-23T10:00:00Z");
  private static final long ANCHOR_US = ANCHOR.getEpochSecond() * 1_000_000;

  private final List<RequestSample> samples = Collections.synchronizedList(new ArrayList<>());
  /** Every request fails; one abortOnFail threshold on the error rate, judged from the first second. */
  private static final String ABORTS_ON_ERRORS = """
        name: doomed
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: doomed
            workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 1}, {duration: 60s, target: 1}]}
            thinkTime: {constant: 5ms}
            steps: [{name: GET /fail, path: /fail}]
        thresholds:
          - {threshold: error_rate < 1%, abortOnFail: true, delayAbortEval: 0s}
        """;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final LoadgenMetrics metrics = new LoadgenMetrics(meters);
  private final PlanValidator validator = new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 100, Duration.ofMinutes(5)), () -> "run-1");
  private FakeTarget target;

  private final SamplePublisher inMemorySamples = new SamplePublisher() {
    @Override
    public void offer(RequestSample sample, RunCounters counters) {
      samples.add(sample);
      counters.published();
    }

    @Override
    public boolean flush(RunCounters counters, Duration timeout) {
      return counters.settled();
    }
  };

  private final InMemoryRunEvents inMemoryEvents = new InMemoryRunEvents();
  private final List<RunEvent> events = inMemoryEvents.events;
  private final List<AbortRequest> abortRequests = inMemoryEvents.abortRequests;

  @BeforeEach
  void startTarget() throws IOException {
    target = new FakeTarget();
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private LoadRun run(RunPlan plan) {
    ValidPlan valid = validator.validate(plan);
    return new LoadRun(valid, "gen-1", Clock.fixed(ANCHOR, ZoneOffset.UTC), inMemorySamples, inMemoryEvents,
        new HttpTransports(), metrics, new LoadRun.Settings(Duration.ofMillis(20), Duration.ofSeconds(5)));
  }

  private LoadRun run(String yaml) {
    ValidPlan valid = new DefinitionReader(validator).read(yaml.replace("TARGET", target.baseUrl()),
        DefinitionReader.Format.YAML);
    return new LoadRun(valid, "gen-1", Clock.fixed(ANCHOR, ZoneOffset.UTC), inMemorySamples, inMemoryEvents,
        new HttpTransports(), metrics, new LoadRun.Settings(Duration.ofMillis(20), Duration.ofSeconds(5)));
  }

  private static RunPlan.Request request(String name, String path) {
    return new RunPlan.Request(name, "GET", path, Map.of("X-Api-Key", "key-1"), null);
  }

  @Test
  void recordsOneSamplePerRequestAndNeverExceedsTheTargetVus() throws Exception {
    LoadRun run = run(new RunPlan(null, "demo", "fake", target.baseUrl(),
        List.of(new RunPlan.Stage(400L, 3), new RunPlan.Stage(600L, 3)),
        List.of(request("GET /ok", "/ok"), request("GET /fail", "/fail")), 5L, 2_000L));

    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    RunStatus status = run.status();
    assertThat(status.state()).isEqualTo(RunState.FINISHED);
    assertThat(status.reason()).isNull();
    assertThat(status.activeVus()).isZero();
    assertThat(status.elapsedMs()).isBetween(1_000L, 3_000L);
    assertThat(samples).hasSize((int) status.requests()).hasSize((int) target.totalHits());
    assertThat(status.samplesPublished()).isEqualTo(status.requests());
    assertThat(target.requestsWithHeader("key-1")).isEqualTo(target.totalHits());
    // Closed model: at most one request in flight per VU.
    assertThat(target.peakInFlight()).isBetween(1, 3);

    assertThat(samples.stream().filter(s -> s.getErrorKind() == ErrorKind.HTTP_STATUS).count())
        .isEqualTo(status.errors()).isEqualTo(target.hits("/fail"));
    // Each VU alternates ok/fail starting with ok: the two counts differ by at most one per VU.
    assertThat(Math.abs(target.hits("/ok") - target.hits("/fail"))).isLessThanOrEqualTo(3);
    assertThat(samples).allSatisfy(sample -> {
      assertThat(sample.getRunId()).isEqualTo("run-1");
      assertThat(sample.getGeneratorId()).isEqualTo("gen-1");
      assertThat(sample.getScenario()).isEqualTo("demo");
      assertThat(sample.getMethod()).isEqualTo("GET");
      assertThat(sample.getIntendedStartUs()).isEqualTo(sample.getActualStartUs());
      assertThat(sample.getActualStartUs()).isBetween(ANCHOR_US, ANCHOR_US + 10_000_000);
      assertThat(sample.getLatencyUs()).isEqualTo(sample.getServiceTimeUs()).isPositive();
      // TTFB: when the response headers arrived, never after the last byte.
      assertThat(sample.getTtfbUs()).isNotNull().isBetween(0L, sample.getServiceTimeUs());
      if (sample.getEndpoint().equals("GET /ok")) {
        assertThat(sample.getStatus()).isEqualTo(200);
        assertThat(sample.getErrorKind()).isEqualTo(ErrorKind.NONE);
        assertThat(sample.getBytesIn()).isEqualTo(FakeTarget.OK_BODY.length());
      } else {
        assertThat(sample.getStatus()).isEqualTo(500);
        assertThat(sample.getErrorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
      }
    });

    assertThat(events).extracting(RunEvent::getType).containsExactly(RunEventType.STARTED,
        RunEventType.STAGE_CHANGED, RunEventType.STAGE_CHANGED, RunEventType.FINISHED);
    assertThat(events.get(2).getStageIndex()).isEqualTo(1);
    assertThat(events.get(3).getAttributes()).containsEntry("samplesPublished", Long.toString(samples.size()))
        .containsEntry("requests", Long.toString(samples.size()));
    assertThat(meters.get("perfplane.loadgen.vus.active").gauge().value()).isZero();
    assertThat(meters.get("perfplane.loadgen.requests").tag("outcome", "http_status").counter().count())
        .isEqualTo(status.errors());
  }

  @Test
  void statusCarriesCumulativeLatencyFiguresOverallAndPerEndpointMatchingTheSamples() throws Exception {
    LoadRun run = run("""
        name: summary
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: mixed
            workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 2}, {duration: 1s, target: 2}]}
            thinkTime: {constant: 5ms}
            steps:
              - {name: GET /ok, path: /ok}
              - {name: GET /slow, path: /slow}
              - {name: GET /fail, path: /fail}
        """);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    RunStatus status = run.status();
    assertThat(status.state()).isEqualTo(RunState.FINISHED);
    assertCumulativeMatches(status.overall(), samples);
    assertThat(status.overall().endpoint()).isNull();
    assertThat(status.overall().requests()).isEqualTo(status.requests());
    assertThat(status.overall().errors()).isEqualTo(status.errors());
    assertThat(status.endpoints()).extracting(RunStatus.Cumulative::endpoint)
        .containsExactly("GET /fail", "GET /ok", "GET /slow");
    for (RunStatus.Cumulative endpoint : status.endpoints()) {
      List<RequestSample> own = samples.stream().filter(s -> s.getEndpoint().equals(endpoint.endpoint())).toList();
      assertCumulativeMatches(endpoint, own);
    }
    assertThat(status.endpoints().get(0).errors()).isEqualTo(target.hits("/fail"));
    assertThat(status.endpoints().get(1).errors()).isZero();
    // The /slow answers take 300 ms: its median is in a different league from /ok's.
    assertThat(status.endpoints().get(2).p50Ms()).isGreaterThanOrEqualTo(300);
    assertThat(status.endpoints().get(1).p50Ms()).isLessThan(300);
  }

  /**
   * HdrHistogram with 2 significant digits: a percentile or the maximum is the highest value equivalent to the
   * exact one, at most 1/128 above it; the mean uses bucket midpoints.
   */
  private static void assertCumulativeMatches(RunStatus.Cumulative figures, List<RequestSample> samples) {
    long[] latencies = samples.stream().mapToLong(RequestSample::getLatencyUs).sorted().toArray();
    assertThat(latencies).isNotEmpty();
    assertThat(figures.requests()).isEqualTo(latencies.length);
    assertThat(figures.errors()).isEqualTo(samples.stream().filter(s -> s.getErrorKind() != ErrorKind.NONE).count());
    assertWithinPrecision(figures.maxMs(), latencies[latencies.length - 1]);
    assertWithinPrecision(figures.p50Ms(), nearestRank(latencies, 50));
    assertWithinPrecision(figures.p90Ms(), nearestRank(latencies, 90));
    assertWithinPrecision(figures.p95Ms(), nearestRank(latencies, 95));
    assertWithinPrecision(figures.p99Ms(), nearestRank(latencies, 99));
    double meanUs = java.util.Arrays.stream(latencies).average().orElseThrow();
    assertThat(figures.meanMs() * 1_000).isCloseTo(meanUs, org.assertj.core.data.Percentage.withPercentage(1));
  }

  private static long nearestRank(long[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static void assertWithinPrecision(double actualMs, long exactUs) {
    assertThat(actualMs * 1_000).as("%s ms against exact %d µs", actualMs, exactUs)
        .isBetween(exactUs - 0.5, exactUs * (1 + 1 / 128.0) + 1.5);
  }

  @Test
  void slowResponsesBeyondTheTimeoutAreTimeouts() throws Exception {
    LoadRun run = run(new RunPlan(null, "slow", "fake", target.baseUrl(), 
        // ~1 s of load, not a quarter second: a loaded machine may start the user late, and then nothing is sent.
        List.of(new RunPlan.Stage(10L, 1), new RunPlan.Stage(1000L, 1)), List.of(request("GET /slow", "/slow")),
        null, 100L));

    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(10))).isTrue();

    // On a loaded machine the first connect alone can exceed the 100 ms budget: that one is a CONNECT error.
    assertThat(samples).isNotEmpty().allSatisfy(sample -> {
      assertThat(sample.getErrorKind()).isIn(ErrorKind.TIMEOUT, ErrorKind.CONNECT);
      assertThat(sample.getStatus()).isZero();
      assertThat(sample.getServiceTimeUs()).isBetween(90_000L, 290_000L);
    });
    assertThat(samples).anySatisfy(sample -> assertThat(sample.getErrorKind()).isEqualTo(ErrorKind.TIMEOUT));
  }

  @Test
  void refusedConnectionsAreConnectErrors() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LoadRun run = run(new RunPlan(null, "down", "fake", "http://127.0.0.1:" + closedPort,
        List.of(new RunPlan.Stage(10L, 1), new RunPlan.Stage(200L, 1)), List.of(request("GET /", "/")), 20L, 500L));

    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(10))).isTrue();

    assertThat(run.status().state()).isEqualTo(RunState.FINISHED);
    assertThat(samples).isNotEmpty().allSatisfy(sample -> assertThat(sample.getErrorKind()).isEqualTo(ErrorKind.CONNECT));
    assertThat(run.status().errors()).isEqualTo(samples.size());
  }

  @Test
  void abortEndsTheRunEarlyWithItsReasonAndFinalTotals() throws Exception {
    LoadRun run = run(new RunPlan(null, "long", "fake", target.baseUrl(), 
        List.of(new RunPlan.Stage(10L, 2), new RunPlan.Stage(60_000L, 2)),
        List.of(request("GET /ok", "/ok")), 10L, 2_000L));
    run.start();
    Thread.sleep(800);

    assertThat(run.abort("stopped by user")).isTrue();
    assertThat(run.abort("second reason")).isFalse();
    assertThat(run.awaitEnd(Duration.ofSeconds(10))).isTrue();

    RunStatus status = run.status();
    assertThat(status.state()).isEqualTo(RunState.ABORTED);
    assertThat(status.reason()).isEqualTo("stopped by user");
    assertThat(status.elapsedMs()).isLessThan(5_000);
    assertThat(status.requests()).isPositive().isEqualTo(samples.size()).isEqualTo(target.totalHits());
    RunEvent last = events.getLast();
    assertThat(last.getType()).isEqualTo(RunEventType.ABORTED);
    assertThat(last.getReason()).isEqualTo("stopped by user");
    assertThat(last.getAttributes()).containsEntry("samplesPublished", Long.toString(samples.size()))
        .containsEntry("samplesDropped", "0").containsEntry("samplesFailed", "0");
    assertThat(run.abort("late")).isFalse();
  }

  @Test
  void openModelKeepsSendingOnScheduleThroughAStallAndMeasuresFromTheIntendedStart() throws Exception {
    LoadRun run = run("""
        name: open
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: steady
            workload: {executor: constant-arrival-rate, rate: 50, duration: 2s, maxConcurrency: 100}
            steps: [{name: GET /stall-once, path: /stall-once}]
        """);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    RunStatus status = run.status();
    assertThat(status.state()).isEqualTo(RunState.FINISHED);
    assertThat(samples).hasSize(100).hasSize((int) target.totalHits());
    assertThat(status.droppedIterations()).isZero();
    assertThat(status.scenarios()).singleElement().satisfies(s -> {
      assertThat(s.executor()).isEqualTo("constant-arrival-rate");
      assertThat(s.iterations()).isEqualTo(100);
    });
    List<RequestSample> byIntended = samples.stream()
        .sorted(java.util.Comparator.comparingLong(RequestSample::getIntendedStartUs)).toList();
    long first = byIntended.getFirst().getIntendedStartUs();
    for (int n = 0; n < byIntended.size(); n++) {
      RequestSample sample = byIntended.get(n);
      // Arrival n is intended at exactly n / 50 s, whatever the target did.
      assertThat(sample.getIntendedStartUs() - first).isBetween(n * 20_000L - 1, n * 20_000L + 1);
      assertThat(sample.getActualStartUs()).isGreaterThanOrEqualTo(sample.getIntendedStartUs());
      assertThat(sample.getLatencyUs()).isGreaterThanOrEqualTo(sample.getServiceTimeUs());
      assertThat(sample.getLatencyUs() - sample.getServiceTimeUs())
          .isBetween(sample.getActualStartUs() - sample.getIntendedStartUs() - 1,
              sample.getActualStartUs() - sample.getIntendedStartUs() + 1);
    }
    // The stalled request took the full stall; the open model kept sending meanwhile (a closed VU would not have).
    assertThat(samples).filteredOn(s -> s.getLatencyUs() >= FakeTarget.STALL_MS * 1_000).hasSize(1);
    RequestSample stalled = samples.stream().max(java.util.Comparator.comparingLong(RequestSample::getLatencyUs))
        .orElseThrow();
    long sentDuringStall = samples.stream().filter(s -> s.getActualStartUs() > stalled.getActualStartUs()
        && s.getActualStartUs() < stalled.getActualStartUs() + FakeTarget.STALL_MS * 1_000).count();
    assertThat(sentDuringStall).isBetween(40L, 50L);
    assertThat(events.stream().filter(e -> e.getType() == RunEventType.STAGE_CHANGED)).singleElement()
        .satisfies(e -> {
          assertThat(e.getTargetRatePerSecond()).isEqualTo(50.0);
          assertThat(e.getTargetConcurrency()).isNull();
        });
  }

  @Test
  void openModelDropsAndCountsIterationsBeyondTheConcurrencyCap() throws Exception {
    LoadRun run = run("""
        name: capped
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: capped
            workload: {executor: constant-arrival-rate, rate: 50, duration: 1s, maxConcurrency: 2}
            steps: [{name: GET /slow, path: /slow}]
        """);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    RunStatus status = run.status();
    assertThat(target.peakInFlight()).isLessThanOrEqualTo(2);
    assertThat(status.droppedIterations()).isGreaterThan(30);
    assertThat(status.requests() + status.droppedIterations()).isEqualTo(50);
    assertThat(events.getLast().getAttributes()).containsEntry("droppedIterations",
        Long.toString(status.droppedIterations()));
  }

  @Test
  void runSeriesAreTaggedWithTheRunWhileItIsActiveAndRemovedWhenItEnds() throws Exception {
    LoadRun run = run("""
        name: capped
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: capped
            workload: {executor: constant-arrival-rate, rate: 50, duration: 2s, maxConcurrency: 2}
            steps: [{name: GET /slow, path: /slow}]
        """);
    run.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (meters.find("perfplane.loadgen.run.iterations.dropped").tag("run", "run-1").functionCounter() == null
        || meters.get("perfplane.loadgen.run.iterations.dropped").functionCounter().count() == 0) {
      assertThat(System.nanoTime()).as("dropped iterations while active").isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(meters.get("perfplane.loadgen.run.arrival.rate").tag("run", "run-1").gauge().value()).isEqualTo(50);
    assertThat(meters.get("perfplane.loadgen.run.vus").tag("run", "run-1").gauge().value()).isBetween(0.0, 2.0);
    assertThat(meters.get("perfplane.loadgen.run.vus.target").tag("run", "run-1").gauge().value()).isZero();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    assertThat(meters.getMeters()).as("no run-tagged series once the run ended")
        .noneMatch(m -> m.getId().getTag("run") != null);
    assertThat(meters.find("perfplane.loadgen.requests").counters().stream().mapToDouble(c -> c.count()).sum())
        .as("the generator-wide series stay").isEqualTo(run.status().requests());
  }

  @Test
  void scenariosFeedTemplatesSkipProbabilisticStepsAndCheckResponses() throws Exception {
    LoadRun run = run("""
        name: journey
        targetService: fake
        targetBaseUrl: TARGET
        defaults:
          headers: {X-Api-Key: key-1}
        scenarios:
          - name: journey
            workload:
              executor: ramping-vus
              stages: [{duration: 10ms, target: 2}, {duration: 800ms, target: 2}]
            feeder:
              csv: |
                slug
                a b
                c/d
            steps:
              - name: GET /echo/{slug}
                group: detail
                path: /echo/${slug}
                checks: [{status: [200]}]
              - name: GET /json
                path: /json
                checks:
                  - jsonPath: $.users[0].login
                    equals: pat
              - name: GET /json wrong
                path: /json
                checks: [{bodyContains: nope}]
              - name: GET /fail
                path: /fail
                probability: 0.5
                checks: [{status: [500]}]
        """);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    // Feeder values are percent-encoded into one path segment each.
    assertThat(target.hits("/echo/a b") + target.hits("/echo/c/d")).isPositive();
    assertThat(samples).filteredOn(s -> s.getEndpoint().equals("GET /echo/{slug}")).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE);
      // k6's protocol tag beside the group, from the step's precomputed tag map.
      assertThat(s.getTags()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("group", "detail",
          "proto", "HTTP/1.1"));
    });
    assertThat(samples).filteredOn(s -> s.getEndpoint().equals("GET /json"))
        .allSatisfy(s -> assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE));
    assertThat(samples).filteredOn(s -> s.getEndpoint().equals("GET /json wrong")).isNotEmpty().allSatisfy(s -> {
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.CHECK_FAILED);
      assertThat(s.getTags()).containsEntry("check", "body contains 'nope'").containsEntry("proto", "HTTP/1.1");
    });
    // A 500 the step expects is no error; the probabilistic step ran in roughly half the iterations.
    long iterations = samples.stream().filter(s -> s.getEndpoint().equals("GET /json")).count();
    long failSteps = samples.stream().filter(s -> s.getEndpoint().equals("GET /fail")).count();
    assertThat(samples).filteredOn(s -> s.getEndpoint().equals("GET /fail"))
        .allSatisfy(s -> assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE));
    assertThat(iterations).isGreaterThan(10);
    assertThat(failSteps).isBetween(1L, iterations - 1);
    assertThat(run.status().errors()).isEqualTo(samples.stream().filter(s -> s.getErrorKind() != ErrorKind.NONE).count());
  }

  @Test
  void aLiteralBodyCountsTheBytesSentNotItsEscapedText() throws Exception {
    LoadRun run = run("""
        name: literal
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: post
            workload:
              executor: ramping-vus
              stages: [{duration: 10ms, target: 1}, {duration: 200ms, target: 1}]
            steps:
              - name: POST /echo
                method: POST
                path: /echo
                body: 'a $${literal} b'
        """);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    // "$${" is the written escape of "${": the request carries 'a ${literal} b', 14 bytes.
    assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.getBytesOut()).isEqualTo(14));
    assertThat(target.bytesReceived()).isEqualTo(14L * samples.size());
  }

  @Test
  void aFailingAbortOnFailThresholdAbortsTheRun() throws Exception {
    LoadRun run = run("""
        name: doomed
        targetService: fake
        targetBaseUrl: TARGET
        scenarios:
          - name: doomed
            workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 1}, {duration: 60s, target: 1}]}
            thinkTime: {constant: 5ms}
            steps: [{name: GET /fail, path: /fail}]
        thresholds:
          - {threshold: p(99) < 10s}
          - {threshold: error_rate < 1%, abortOnFail: true, delayAbortEval: 0s}
        """);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    RunStatus status = run.status();
    assertThat(status.state()).isEqualTo(RunState.ABORTED);
    assertThat(status.reason()).contains("error_rate < 1%").contains("100.0 %");
    assertThat(status.elapsedMs()).isLessThan(5_000);
    assertThat(status.thresholdsPassed()).isFalse();
    assertThat(status.thresholds()).extracting(RunStatus.ThresholdStatus::passed).containsExactly(true, false);
    assertThat(events.getLast().getType()).isEqualTo(RunEventType.ABORTED);
    assertThat(events.getLast().getAttributes()).containsEntry("thresholdsFailed", "1");
  }

  @Test
  void aShardWhoseAbortOnFailThresholdFailsAsksEveryShardOfTheRunToStop() throws Exception {
    ValidPlan valid = new DefinitionReader(validator).read(ABORTS_ON_ERRORS.replace("TARGET", target.baseUrl()),
        DefinitionReader.Format.YAML);
    LoadRun run = new LoadRun(valid, "gen-1/shard-0", new Shard(0, 2), Clock.fixed(ANCHOR, ZoneOffset.UTC),
        inMemorySamples, inMemoryEvents, new HttpTransports(), metrics,
        new LoadRun.Settings(Duration.ofMillis(20), Duration.ofSeconds(5)));

    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    assertThat(run.status().state()).isEqualTo(RunState.ABORTED);
    assertThat(abortRequests).singleElement()
        .satisfies(e -> {
          assertThat(e.getRunId()).isEqualTo(valid.runId());
          assertThat(e.getRequestedBy()).isEqualTo("gen-1/shard-0");
          assertThat(e.getReason()).contains("error_rate < 1%");
        });
    assertThat(events).extracting(RunEvent::getType).as("run-events carries facts only")
        .doesNotContain(RunEventType.ABORT_REQUESTED).endsWith(RunEventType.ABORTED);
  }

  @Test
  void aWholeRunWhoseAbortOnFailThresholdFailsStopsItselfWithoutAnAbortRequest() throws Exception {
    LoadRun run = run(ABORTS_ON_ERRORS);
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(15))).isTrue();

    assertThat(run.status().state()).isEqualTo(RunState.ABORTED);
    assertThat(events).extracting(RunEvent::getType).doesNotContain(RunEventType.ABORT_REQUESTED);
    assertThat(abortRequests).isEmpty();
  }
}
