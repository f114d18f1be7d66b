package io.perfplane.analyzer.stream;

import static io.perfplane.analyzer.stream.PlainStores.T0_SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.perfplane.analyzer.capacity.WindowObservation;
import io.perfplane.analyzer.slo.RunSlos;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.LatencyMetric;
import io.perfplane.contracts.slo.Slo;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** SLO evaluation, whole-run evaluation and capacity windows over real in-memory stores, without a topology. */
class RunEvaluatorTest {

  private static final Slo P95 = new Slo("p95", Slo.ALL_ENDPOINTS, Indicator.LATENCY_P95, 50, Duration.ofSeconds(2), 5)
      .withLifecycle(Duration.ZERO, Duration.ZERO);

  private final PlainStores stores = new PlainStores();
  private final RunWindows windows = new RunWindows(stores.slices, stores.totals);
  private final List<SloBreach> published = new ArrayList<>();
  private final RunBreaches breaches = new RunBreaches(
      PlainStores.keyValue("open", Topics.SLO_BREACHES.valueSerde()),
      PlainStores.keyValue("log", Topics.SLO_BREACHES.valueSerde()),
      PlainStores.keyValue("streaks", Serdes.Long()), new RunBreaches.Output() {
        @Override
        public void breach(String key, SloBreach breach) {
          published.add(breach);
        }

        @Override
        public void abort(String runId, AbortRequest request) {
        }
      }, AnalyzerMetrics.NONE);

  private RunEvaluator evaluator(Slo... slos) {
    return new RunEvaluator(new RunSlos(List.of(slos)), Map.of(LatencyMetric.LATENCY, windows,
        LatencyMetric.SERVICE_TIME, new RunWindows(PlainStores.writeBack("service-slices"),
            PlainStores.writeBack("service-totals")), LatencyMetric.TTFB, new RunWindows(
            PlainStores.writeBack("ttfb-slices"), PlainStores.writeBack("ttfb-totals"))),
        new RunWindows(PlainStores.writeBack("measure-slices"), PlainStores.writeBack("measure-totals")), breaches, 5,
        () -> 42L);
  }

  @Test
  void liveEvaluationOpensAndResolvesInEventTimeAndTheWholeRunDoesNotReopenIt() {
    for (int s = 0; s < 30; s++) {
      stores.record("r", "GET /a", s, 10, s >= 10 && s < 20 ? 200 : 10, false);
    }
    RunEvaluator evaluator = evaluator(P95);
    RunState state = new RunState();

    evaluator.evaluateThrough("r", state, windows.total("r", "*"), T0_SECOND + 29, Integer.MAX_VALUE);

    assertThat(state.lastEvaluatedSecond()).isEqualTo(T0_SECOND + 29);
    assertThat(published).extracting(SloBreach::getState).containsExactly(BreachState.OPENED, BreachState.RESOLVED);
    // The 2 s window ending with second 10 is half slow: its p95 fails. It holds again once it is all fast (21).
    assertThat(published.get(0).getAtUs()).isEqualTo(WindowSpan.ending(T0_SECOND + 10, 1).endUs());
    assertThat(published.get(1).getAtUs()).isEqualTo(WindowSpan.ending(T0_SECOND + 21, 1).endUs());
    assertThat(windows.total("r", "*").settledThroughSecond()).isEqualTo(T0_SECOND + 29);

    boolean held = evaluator.evaluateWholeRun("r", state, windows.wholeRun("r", "*"));
    assertThat(held).as("a third of the run at 200 ms: the whole run's p95 fails").isFalse();
    assertThat(published).as("one episode, not reopened at the end").hasSize(2);
  }

  @Test
  void aShortRunThatNoWindowCouldJudgeIsReportedByTheWholeRun() {
    stores.record("r", "*", 0, 3, 300, false); // 3 requests: below the windows' minRequests of 5
    RunEvaluator evaluator = evaluator(P95);
    RunState state = new RunState();
    evaluator.evaluateThrough("r", state, windows.total("r", "*"), T0_SECOND, Integer.MAX_VALUE);
    assertThat(published).isEmpty();

    assertThat(evaluator.evaluateWholeRun("r", state, windows.wholeRun("r", "*"))).isFalse();
    assertThat(published).singleElement().satisfies(b -> {
      assertThat(b.getState()).isEqualTo(BreachState.OPENED);
      assertThat(b.getObserved()).isCloseTo(300.0, within(0.5));
    });
  }

  @Test
  void capacityWindowsAreEveryFullWindowWithItsThroughputLatencyAndVerdict() {
    for (int s = 0; s < 12; s++) {
      stores.record("r", "*", s, s < 6 ? 10 : 20, s < 6 ? 10 : 100, false);
    }
    List<WindowObservation> observed = evaluator(P95).observeWindows("r", new RunState(),
        windows.wholeRun("r", "*"), false);

    assertThat(observed).hasSize(8); // 5 s windows ending with seconds 4..11
    assertThat(observed.getFirst().rps()).isEqualTo(10.0);
    assertThat(observed.getFirst().sloHeld()).isTrue();
    assertThat(observed.getFirst().meanMs()).isCloseTo(10.0, within(0.01));
    assertThat(observed.get(2).rps()).as("seconds 2..6: 4 x 10 + 20").isEqualTo(12.0);
    assertThat(observed.get(2).sloHeld()).as("the 2 s window 5..6 has 20 of 30 requests at 100 ms").isFalse();
    assertThat(observed.getLast().rps()).isEqualTo(20.0);
    assertThat(observed.getLast().inFlight()).as("Little's law: 20/s x 0.1 s").isCloseTo(2.0, within(0.01));
  }

  @Test
  void aRunShorterThanOneCapacityWindowIsOneObservation() {
    stores.record("r", "*", 0, 10, 10, false);
    stores.record("r", "*", 1, 10, 10, false);
    List<WindowObservation> observed = evaluator(P95).observeWindows("r", new RunState(),
        windows.wholeRun("r", "*"), true);

    assertThat(observed).singleElement().satisfies(w -> {
      assertThat(w.sloHeld()).isTrue();
      assertThat(w.rps()).isCloseTo(20 / 1.91, within(0.01)); // first start 10 ms before second 0, last end 1.9 s
    });
  }
}
