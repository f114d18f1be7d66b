package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early breach check opens on the newest, still filling second; only complete, later windows resolve. */
class EarlyBreachCheckTest {

  /** Fires and resolves at once (for 0, keepFiringFor 0): this test is about which windows decide, not hysteresis. */
  private static final Slo P95 = new Slo("p95", "*", Indicator.LATENCY_P95, 100, Duration.ofSeconds(2), 5)
      .withLifecycle(Duration.ZERO, Duration.ZERO);
  /** Late grace 2 s: live evaluation trails the newest second by two, the early check covers the last two. */
  private static final AnalysisSettings SETTINGS = new AnalysisSettings(List.of(P95), Duration.ofSeconds(5),
      Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100));

  @TempDir
  Path stateDir;

  @Test
  void opensOnThePartialSecondAndIsNotResolvedByOlderWindows() {
    try (TestRuns runs = new TestRuns(SETTINGS, stateDir)) {
      runs.pipeSeconds("r1", "GET /a", 0, 4, 20, 10_000, false);
      runs.tick(Duration.ofMillis(100));
      assertThat(runs.breaches.readRecordsToList()).isEmpty();

      // Second 5 has only begun: 10 requests of 300 ms, ending at 5.30 .. 5.75 s.
      runs.pipeSeconds("r1", "GET /a", 5, 5, 10, 300_000, false);
      runs.tick(Duration.ofMillis(100));
      // Window (4, 5]: 20 fast + 10 slow requests, p95 = 300 ms > 100 ms, although live evaluation (through
      // second 3) has not reached second 5.
      List<TestRecord<String, SloBreach>> opened = runs.breaches.readRecordsToList();
      assertThat(opened).hasSize(1);
      SloBreach breach = opened.getFirst().value();
      assertThat(breach.getState()).isEqualTo(BreachState.OPENED);
      assertThat(breach.getOpenedAtUs()).isEqualTo(TestRuns.T0_US + 5_750_000L); // the newest sample's end
      assertThat(breach.getObserved()).isCloseTo(300.0, within(0.3));
      assertThat(breach.getWindowSeconds()).isEqualTo(2);

      // Second 6 arrives, so live evaluation reaches second 4: window (3, 4] holds, but it ends before the breach
      // opened and must not resolve it.
      runs.pipeSeconds("r1", "GET /a", 6, 6, 20, 300_000, false);
      runs.tick(Duration.ofSeconds(1));
      assertThat(runs.breaches.readRecordsToList()).as("not resolved by windows older than the breach").isEmpty();

      runs.pipeSeconds("r1", "GET /a", 7, 7, 20, 300_000, false);
      runs.pipeSeconds("r1", "GET /a", 8, 12, 20, 10_000, false);
      runs.tick(Duration.ofSeconds(1));
      // Windows ending at 5..8 violate (slow requests in each); (8, 9] is the first all-fast one: resolved once.
      List<TestRecord<String, SloBreach>> resolved = runs.breaches.readRecordsToList();
      assertThat(resolved).extracting(r -> r.value().getState()).containsExactly(BreachState.RESOLVED);
      assertThat(resolved.getFirst().value().getBreachId()).isEqualTo(breach.getBreachId());
      assertThat(resolved.getFirst().value().getObserved()).isCloseTo(10.0, within(0.01));
    }
  }

  @Test
  void holdingPartialSecondOpensNothing() {
    try (TestRuns runs = new TestRuns(SETTINGS, stateDir)) {
      runs.pipeSeconds("r1", "GET /a", 0, 5, 20, 10_000, false);
      runs.pipeSeconds("r1", "GET /a", 6, 6, 1, 300_000, false); // one slow request: 1 of 21, p95 still fast
      runs.tick(Duration.ofMillis(100));
      runs.tick(Duration.ofSeconds(1));
      assertThat(runs.breaches.readRecordsToList()).isEmpty();
    }
  }

  @Test
  void aWindowCheckedAgainSeesTheSamplesThatArrivedSince() {
    // Late grace 1 s: each check covers just the newest second, so consecutive checks merge the very same window.
    AnalysisSettings settings = new AnalysisSettings(List.of(P95), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100));
    try (TestRuns runs = new TestRuns(settings, stateDir)) {
      runs.pipeSeconds("r1", "GET /a", 0, 5, 20, 10_000, false);
      runs.pipeSeconds("r1", "GET /a", 6, 6, 1, 300_000, false);
      runs.tick(Duration.ofMillis(100));
      assertThat(runs.breaches.readRecordsToList()).as("1 slow of 21 holds").isEmpty();

      // The same, still filling second gets slow requests: the next check merges its windows afresh.
      runs.pipeSeconds("r1", "GET /a", 6, 6, 10, 300_000, false);
      runs.tick(Duration.ofMillis(100));
      List<TestRecord<String, SloBreach>> opened = runs.breaches.readRecordsToList();
      assertThat(opened).extracting(r -> r.value().getState()).containsExactly(BreachState.OPENED);
      assertThat(opened.getFirst().value().getObserved()).isCloseTo(300.0, within(0.3));
    }
  }
}
