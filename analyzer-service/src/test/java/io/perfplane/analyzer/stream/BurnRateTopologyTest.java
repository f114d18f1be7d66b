package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.slo.BurnRatePolicy;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Burn-rate SLOs evaluated live by the topology. Expectations are computed by hand in the comments: 100 requests
 * per second on {@code GET /b}, errors per second as stated, budget 1 % (availability 99 %), time scale 1.
 */
class BurnRateTopologyTest {

  /** Fast rule 10x over 10 s / 2 s, slow rule 5x over 20 s / 4 s (timeScale 1: windows used as written). */
  private static final BurnRatePolicy POLICY = new BurnRatePolicy(0.99, List.of(
      new BurnRatePolicy.Rule(10, Duration.ofSeconds(10), Duration.ofSeconds(2)),
      new BurnRatePolicy.Rule(5, Duration.ofSeconds(20), Duration.ofSeconds(4))), 1.0);
  private static final Slo AVAILABILITY = new Slo("avail-b", "GET /b", Indicator.ERROR_RATE, 0.01,
      Duration.ofSeconds(10), 20, false, POLICY);

  @TempDir
  Path stateDir;

  /** {@code errors} failing and {@code 100 - errors} good requests on GET /b in each second of [from, to]. */
  private static void pipe(TestRuns runs, int from, int to, int errors) {
    if (errors > 0) {
      runs.pipeSeconds("r1", "GET /b", from, to, errors, 10_000, true);
    }
    runs.pipeSeconds("r1", "GET /b", from, to, 100 - errors, 10_000, false);
  }

  @Test
  void fastBurnOpensOnceNamingTheRuleAndResolvesWhenTheShortWindowsCoolDown() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(AVAILABILITY), stateDir)) {
      // Endpoint A fails half its requests throughout: the SLO is scoped to GET /b, so A must not matter.
      runs.pipeSeconds("r1", "GET /a", 0, 40, 50, 10_000, true);
      runs.pipeSeconds("r1", "GET /a", 0, 40, 50, 10_000, false);
      pipe(runs, 0, 19, 0);
      pipe(runs, 20, 23, 30); // 30 % errors for four seconds
      pipe(runs, 24, 40, 0);
      runs.tick(Duration.ofSeconds(1)); // evaluates every window ending at seconds 0..39 (late grace 1 s)

      // Fast rule (10x, 10 s / 2 s), errors 30 per second from second 20:
      //   second 22: long 90/1000 = 0.09 -> burn 9 < 10. Slow rule: long 90/2000 -> 4.5 < 5. Nothing fires.
      //   second 23: long 120/1000 = 0.12 -> burn 12; short (22..23) 60/200 -> 30. Fast rule fires: OPENED.
      //   second 24..26: still firing (fast rule until 24, slow rule 25..26: short 60/400 and 30/400 -> 15, 7.5;
      //     long 120/2000 -> 6): no second OPENED.
      //   second 27: fast short (26..27) 0, slow short (24..27) 0: no rule fires -> RESOLVED.
      List<TestRecord<String, SloBreach>> out = runs.breaches.readRecordsToList();
      assertThat(out).extracting(r -> r.value().getState())
          .containsExactly(BreachState.OPENED, BreachState.RESOLVED);
      assertThat(out).extracting(TestRecord::key).containsOnly(Topics.breachKey("r1", "avail-b", "GET /b"));

      SloBreach opened = out.get(0).value();
      assertThat(opened.getOpenedAtUs()).isEqualTo(TestRuns.T0_US + 24 * 1_000_000L); // end of second 23
      assertThat(opened.getBreachId()).endsWith("#10x/10s/2s");
      assertThat(opened.getIndicator()).isEqualTo("error_rate");
      assertThat(opened.getWindowSeconds()).isEqualTo(10);
      assertThat(opened.getObserved()).isCloseTo(0.12, within(1e-12));
      assertThat(opened.getObjective()).isEqualTo(0.01);
      assertThat(opened.getBurnRate()).isCloseTo(12.0, within(1e-9));

      SloBreach resolved = out.get(1).value();
      assertThat(resolved.getBreachId()).isEqualTo(opened.getBreachId());
      // Reported with the fast rule's windows ending at second 27: long (18..27) still 120/1000, burn 12: the
      // short windows are what resolves the breach quickly, as in the workbook.
      assertThat(resolved.getObserved()).isCloseTo(0.12, within(1e-12));
      assertThat(resolved.getBurnRate()).isCloseTo(12.0, within(1e-9));
    }
  }

  @Test
  void slowBurnFiresOnlyTheSlowRule() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(AVAILABILITY), stateDir)) {
      pipe(runs, 0, 19, 0);
      pipe(runs, 20, 45, 6); // 6 % errors: 6x the budget, never 10x
      runs.tick(Duration.ofSeconds(1));

      // Fast rule: at most 60/1000 -> burn 6 < 10, never fires.
      // Slow rule (5x, 20 s / 4 s): short 24/400 -> 6 from second 23; long 6 * (s - 19) / 2000 >= 0.05 first at
      // s = 36 (102/2000 = 0.051 -> burn 5.1).
      List<TestRecord<String, SloBreach>> out = runs.breaches.readRecordsToList();
      assertThat(out).hasSize(1);
      SloBreach opened = out.getFirst().value();
      assertThat(opened.getState()).isEqualTo(BreachState.OPENED);
      assertThat(opened.getOpenedAtUs()).isEqualTo(TestRuns.T0_US + 37 * 1_000_000L);
      assertThat(opened.getBreachId()).endsWith("#5x/20s/4s");
      assertThat(opened.getWindowSeconds()).isEqualTo(20);
      assertThat(opened.getObserved()).isCloseTo(0.051, within(1e-12));
      assertThat(opened.getBurnRate()).isCloseTo(5.1, within(1e-9));
    }
  }

  @Test
  void tooFewRequestsInTheShortWindowGiveNoVerdict() {
    Slo needsMany = new Slo("avail-b", "GET /b", Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10), 500, false,
        POLICY);
    try (TestRuns runs = new TestRuns(TestRuns.settings(needsMany), stateDir)) {
      pipe(runs, 0, 30, 50); // 50 % errors, but 200 (400) requests per short window < 500
      runs.tick(Duration.ofSeconds(1));
      assertThat(runs.breaches.readRecordsToList()).isEmpty();
    }
  }
}
